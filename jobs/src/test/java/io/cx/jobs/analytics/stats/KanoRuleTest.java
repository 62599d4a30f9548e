package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KanoRuleTest {
  private final KanoRule rule = KanoRule.DEFAULT;
  private static final long[] MANY = {500, 500, 500};

  /** The class of exactly known effects (standard errors 0) with every box well answered. */
  private KanoClass exact(KanoRule r, double penalty, double reward) {
    return r.classify(penalty, 0, reward, 0, MANY);
  }

  @Test
  void classifiesByMaterialityAndRatio() {
    assertEquals(KanoClass.BASIC, exact(rule, 0.10, 0.03));
    assertEquals(KanoClass.BASIC, exact(rule, 0.10, 0.05), "exactly 2x dominates");
    assertEquals(KanoClass.BASIC, exact(rule, 0.05, 0.0));
    assertEquals(KanoClass.EXCITEMENT, exact(rule, 0.01, 0.08));
    assertEquals(KanoClass.EXCITEMENT, exact(rule, Double.NaN, 0.08));
    assertEquals(KanoClass.PERFORMANCE, exact(rule, 0.06, 0.05));
    assertEquals(KanoClass.PERFORMANCE, exact(rule, 0.03, 0.019), "one material, neither 2x");
    assertEquals(KanoClass.INDIFFERENT, exact(rule, 0.019, 0.019));
    assertEquals(KanoClass.INDIFFERENT, exact(rule, -0.05, -0.1), "negative effects are 0");
    assertEquals(KanoClass.INDIFFERENT, exact(rule, Double.NaN, Double.NaN));
  }

  @Test
  void anEffectIsMaterialOnlyWhenItsIntervalClearsTheThreshold() {
    // Penalty 0.10: material with se 0.03 (lower end 0.041), not with se 0.05 (lower end 0.002).
    assertEquals(KanoClass.BASIC, rule.classify(0.10, 0.03, 0.0, 0.01, MANY));
    assertEquals(KanoClass.INDIFFERENT, rule.classify(0.10, 0.05, 0.0, 0.01, MANY));
    // The point rule alone would call it basic.
    assertEquals(KanoClass.BASIC, exact(rule, 0.10, 0.0));
    // At the edge: 0.02 + 1.96 x 0.01 clears, a hair less does not.
    double edge = 0.02 + KanoRule.Z * 0.01;
    assertEquals(KanoClass.EXCITEMENT, rule.classify(0, 0.01, edge, 0.01, MANY));
    assertEquals(KanoClass.INDIFFERENT, rule.classify(0, 0.01, edge - 1e-9, 0.01, MANY));
    // An effect without a standard error is not material.
    assertEquals(KanoClass.INDIFFERENT, rule.classify(0.5, Double.NaN, 0, 0, MANY));
  }

  @Test
  void aBoxBelowTheMinimumCountIsInsufficient() {
    assertEquals(
        KanoClass.INSUFFICIENT, rule.classify(0.5, 0.001, 0, 0.001, new long[] {29, 500, 500}));
    assertEquals(
        KanoClass.INSUFFICIENT, rule.classify(0.5, 0.001, 0, 0.001, new long[] {500, 29, 500}));
    assertEquals(
        KanoClass.INSUFFICIENT, rule.classify(0.5, 0.001, 0, 0.001, new long[] {500, 500, 0}));
    assertEquals(KanoClass.BASIC, rule.classify(0.5, 0.001, 0, 0.001, new long[] {30, 30, 30}));
    assertEquals(
        KanoClass.BASIC,
        rule.withMinCount(10).classify(0.5, 0.001, 0, 0.001, new long[] {10, 10, 10}));
  }

  @Test
  void stricterSettings() {
    KanoRule strict = new KanoRule(0.05, 3.0, 30);
    assertEquals(KanoClass.INDIFFERENT, exact(strict, 0.04, 0.0));
    assertEquals(KanoClass.PERFORMANCE, exact(strict, 0.10, 0.04));
    assertEquals(KanoClass.BASIC, exact(strict, 0.12, 0.04));
    assertEquals(
        "Cannot use Kano rule: minEffect must be >= 0: -0.1",
        assertThrows(IllegalArgumentException.class, () -> new KanoRule(-0.1, 2, 30)).getMessage());
    assertEquals(
        "Cannot use Kano rule: ratio must be >= 1: 0.5",
        assertThrows(IllegalArgumentException.class, () -> new KanoRule(0.02, 0.5, 30))
            .getMessage());
    assertEquals(
        "Cannot use Kano rule: minCount must be >= 1: 0",
        assertThrows(IllegalArgumentException.class, () -> new KanoRule(0.02, 2, 0)).getMessage());
  }

  @Test
  void columnValues() {
    assertEquals("basic", KanoClass.BASIC.kanoClass());
    assertEquals("performance", KanoClass.PERFORMANCE.kanoClass());
    assertEquals("excitement", KanoClass.EXCITEMENT.kanoClass());
    assertEquals("indifferent", KanoClass.INDIFFERENT.kanoClass());
    assertEquals("classified", KanoClass.INDIFFERENT.status());
    assertNull(KanoClass.INSUFFICIENT.kanoClass());
    assertEquals("insufficient", KanoClass.INSUFFICIENT.status());
  }
}
