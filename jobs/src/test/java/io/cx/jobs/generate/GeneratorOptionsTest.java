package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import io.cx.common.error.ExitCodes;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options' defaults and the messages for every bad value. */
class GeneratorOptionsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    GeneratorOptions o = GeneratorOptions.defaults(Path.of("out"));
    assertEquals(Path.of("out"), o.out());
    assertEquals(2000, o.customers());
    assertEquals(42L, o.seed());
    assertEquals(LocalDate.of(2024, 6, 30), o.endDate());
    assertEquals(180, o.surveyDays());
    assertEquals(0.0, o.badRowShare());
    assertEquals(0.005, o.duplicateShare());
  }

  @Test
  void withersChangeOneFieldEach() {
    GeneratorOptions o =
        GeneratorOptions.defaults(Path.of("out"))
            .withCustomers(100)
            .withSeed(9)
            .withEndDate(LocalDate.of(2025, 1, 31))
            .withSurveyDays(90)
            .withBadRowShare(0.1)
            .withDuplicateShare(0)
            .withOut(Path.of("elsewhere"));
    assertEquals(
        new GeneratorOptions(Path.of("elsewhere"), 100, 9, LocalDate.of(2025, 1, 31), 90, 0.1, 0.0),
        o);
  }

  @Test
  void everyBadValueIsReportedWithItsOptionAndRange() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class, () -> new GeneratorOptions(null, 5, 1, null, 10, 0.9, -0.1));
    List<String> options = e.problems().stream().map(ConfigProblem::key).toList();
    assertEquals(
        List.of(
            "--out", "--customers", "--end-date", "--survey-days", "--bad-rows", "--duplicates"),
        options);
    assertEquals(ExitCodes.BAD_CONFIG, e.exitCode());
    assertTrue(e.getMessage().contains("--customers: must be between 20 and 1000000, got 5"));
    assertTrue(e.getMessage().contains("--survey-days: must be between 60 and 3650, got 10"));
    assertTrue(e.getMessage().contains("--bad-rows: must be a share between 0 and 0.5, got 0.9"));
    assertTrue(e.getMessage().startsWith("6 config problems:"), e.getMessage());
    assertTrue(e.problems().stream().allMatch(p -> p.file().equals("cx generate")));
  }

  @Test
  void aSingleBadValueIsReportedAlone() {
    BadConfigException e =
        assertThrows(
            BadConfigException.class,
            () -> GeneratorOptions.defaults(Path.of("out")).withDuplicateShare(0.2));
    assertEquals(
        "cx generate: --duplicates: must be a share between 0 and 0.1, got 0.2", e.getMessage());
  }
}
