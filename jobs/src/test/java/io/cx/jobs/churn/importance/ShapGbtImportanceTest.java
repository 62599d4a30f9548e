package io.cx.jobs.churn.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * When churn's fit rows cannot be cross-fitted, there are no shap_gbt rows, and the log says why
 * (rather than a failed run: the logistic loss refuses labels of one class).
 */
class ShapGbtImportanceTest {
  @Test
  void foldsThatCannotFitTheOthersTreesAreNamed() {
    // Rows per fold and class: {non-churners, churners}.
    assertNull(ShapGbtImportance.problem(new long[][] {{300, 100}, {280, 90}}));
    assertEquals(
        "every fit row falls in one fold of customers",
        ShapGbtImportance.problem(new long[][] {{300, 100}, {0, 0}}));
    assertEquals(
        "a fold of customers has only non-churners to fit the trees that explain the other",
        ShapGbtImportance.problem(new long[][] {{300, 1}, {280, 0}}));
    assertEquals(
        "a fold of customers has only churners to fit the trees that explain the other",
        ShapGbtImportance.problem(new long[][] {{0, 40}, {280, 30}}));
  }
}
