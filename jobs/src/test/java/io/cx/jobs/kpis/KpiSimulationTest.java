package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts on seeded simulations with the default settings (min_n 30, six norm periods, fdr 0.05): a
 * planted sudden drop of one touchpoint in one ISO week alerts in that week, and over half a year
 * of periods without any true change the share of periods with a false alert stays under the FDR
 * level.
 */
class KpiSimulationTest {
  private static final Logger LOG = LoggerFactory.getLogger(KpiSimulationTest.class);
  static final JourneyMap J = KpiFixtures.journey("UTC");
  static final LocalDate FROM = LocalDate.of(2024, 1, 1);
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);
  static final KpiOptions DEFAULTS =
      new KpiOptions(30, 6, 0.05, KpiOptions.ALL_GRAINS, KpiOptions.Recompute.FULL);

  static Dataset<Row> kpis(KpiSimulation sim) {
    return KpiFixtures.compute(
        J,
        KpiFixtures.answers(J, sim.answers()),
        KpiFixtures.customers(sim.customers()),
        RUN,
        DEFAULTS);
  }

  @Test
  void aPlantedDropOfOneTouchpointInOneWeekAlertsInThatWeek() {
    LocalDate week = LocalDate.of(2024, 6, 17);
    // Delivery scores fall by 0.6 points on 1..5 for that week only.
    var drop = new KpiSimulation.Drop("q_delivery", week, week.plusDays(6), 0.6);
    List<Row> weekRows =
        kpis(new KpiSimulation(2024, FROM, RUN, 60, drop))
            .where(
                col(Cols.PERIOD_GRAIN)
                    .equalTo("week")
                    .and(col(Cols.PERIOD_START).equalTo(java.sql.Date.valueOf(week))))
            .where(col(Cols.SEGMENT).equalTo(Cols.ALL).and(col(Cols.CHANNEL).equalTo(Cols.ALL)))
            .collectAsList();
    Row delivery = null;
    for (Row r : weekRows) {
      LOG.info(
          "week {}: {} {}/{} value {} norm {} p {} q {} alert {}",
          week,
          r.getAs(Cols.METRIC),
          r.getAs(Cols.STAGE),
          r.getAs(Cols.TOUCHPOINT),
          r.getAs(Cols.VALUE),
          r.getAs(Cols.NORM),
          r.getAs(Cols.P_VALUE),
          r.getAs(Cols.Q_VALUE),
          r.getAs(Cols.ALERT));
      boolean fedByDelivery =
          r.getAs(Cols.STAGE).equals("delivery") && !r.getAs(Cols.TOUCHPOINT).equals("returns");
      boolean csat = r.getAs(Cols.METRIC).equals("csat");
      if (fedByDelivery && csat) {
        // The touchpoint and its stage (which pools delivery and returns) alert.
        if (r.getAs(Cols.TOUCHPOINT).equals("delivery")) {
          delivery = r;
        }
        assertTrue(r.<Boolean>getAs(Cols.ALERT), "alert on " + r);
      } else if (!fedByDelivery) {
        // Nothing else changed: checkout, returns and the journey-level outcomes stay quiet.
        assertEquals(false, r.getAs(Cols.ALERT), "no alert on " + r);
      }
    }
    assertTrue(delivery != null);
    // 0.6 points of 4 on the 0..1 scale is about 0.15 below the norm.
    double drop01 = delivery.<Double>getAs(Cols.NORM) - delivery.<Double>getAs(Cols.VALUE);
    assertTrue(drop01 > 0.1 && drop01 < 0.2, "drop " + drop01);
  }

  @Test
  void overHalfAYearWithoutChangeFewerThanFivePercentOfPeriodsRaiseAFalseAlert() {
    Dataset<Row> kpis = kpis(new KpiSimulation(99, FROM, RUN, 60, null));
    // One family per grain and period: the cells whose tests BH controls together.
    List<Row> families =
        kpis.groupBy(Cols.PERIOD_GRAIN, Cols.PERIOD_START)
            .agg(
                count(col(Cols.P_VALUE)).as("tests"),
                max(when(col(Cols.ALERT), 1).otherwise(0)).as("alerted"),
                count(when(col(Cols.ALERT), true)).as("alerts"))
            .where(col("tests").gt(0))
            .collectAsList();
    long periods = families.size();
    long alerted = families.stream().filter(r -> r.getInt(3) == 1).count();
    long tests = families.stream().mapToLong(r -> r.getLong(2)).sum();
    long alerts = families.stream().mapToLong(r -> r.getLong(4)).sum();
    LOG.info(
        "clean simulation: {} of {} periods with a false alert ({} alerts in {} tested cells)",
        alerted,
        periods,
        alerts,
        tests);
    // 176 days and 20 weeks with a norm (months have fewer than six before them).
    assertTrue(periods >= 190, "periods " + periods);
    assertTrue(tests > 5_000, "tests " + tests);
    assertTrue(
        alerted < 0.05 * periods, alerted + " of " + periods + " periods with a false alert");
  }
}
