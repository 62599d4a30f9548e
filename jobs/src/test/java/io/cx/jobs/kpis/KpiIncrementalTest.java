package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.common.testing.DataFrameAssert;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run of some periods (here those containing the run date) reads only the answers its periods and
 * their norms need, and gives exactly the rows a full recompute gives for those periods.
 */
class KpiIncrementalTest {
  static final JourneyMap J = KpiFixtures.journey("UTC");
  private static Dataset<Row> answers;
  private static Dataset<Row> customers;

  @BeforeAll
  static void simulate() {
    KpiSimulation sim =
        new KpiSimulation(11, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 7, 5), 12, null);
    answers = KpiFixtures.answers(J, sim.answers()).cache();
    customers = KpiFixtures.customers(sim.customers());
  }

  static final Column[] ORDER =
      java.util.stream.Stream.of(
              Cols.PERIOD_GRAIN,
              Cols.PERIOD_START,
              Cols.METRIC,
              Cols.STAGE,
              Cols.TOUCHPOINT,
              Cols.SEGMENT,
              Cols.CHANNEL)
          .map(c -> col(c))
          .toArray(Column[]::new);

  void sameAsFullRecompute(LocalDate runDate) {
    // Six norm periods: the month's norm reaches back to January, the week's to May.
    KpiOptions nightly = KpiFixtures.options(5, 6, KpiOptions.Recompute.INCREMENTAL);
    PeriodPlan plan = PeriodPlan.of(runDate, nightly, List.of(J.id()));
    Dataset<Row> incremental = KpiFixtures.compute(J, answers, customers, runDate, nightly);
    Dataset<Row> full =
        KpiFixtures.compute(
                J, answers, customers, runDate, nightly.withRecompute(KpiOptions.Recompute.FULL))
            .where(plan.isWritten());
    Dataset<Row> expected = full.orderBy(ORDER).cache();
    Dataset<Row> actual = incremental.orderBy(ORDER).cache();
    assertEquals(expected.count(), actual.count());
    // Norms, tests and alerts are exercised: the periods have history and enough answers.
    long tested = actual.where(col(Cols.P_VALUE).isNotNull()).count();
    assertTrue(tested > 10, "tested cells: " + tested);
    assertTrue(
        actual
                .where(col(Cols.PERIOD_GRAIN).equalTo("month").and(col(Cols.NORM).isNotNull()))
                .count()
            > 0);
    DataFrameAssert.assertApproxEquals(expected, actual, 1e-9);
    expected.unpersist();
    actual.unpersist();
  }

  @Test
  void aMondayThatStartsAWeekAndAMonth() {
    sameAsFullRecompute(LocalDate.of(2024, 7, 1));
  }

  @Test
  void aSundayThatEndsAWeekAndAMonth() {
    sameAsFullRecompute(LocalDate.of(2024, 6, 30));
  }

  @Test
  void aWednesday() {
    sameAsFullRecompute(LocalDate.of(2024, 7, 3));
  }
}
