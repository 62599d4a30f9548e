package io.cx.jobs.churn;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.Workspace;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Simulated journey_features and churn_labels with a planted churn model, written as the fuse job
 * writes them (column names as agreed: tp_*, m_*, fixed columns), for the churn job's tests.
 *
 * <p>The journey {@link #JOURNEY}: touchpoints checkout, delivery and support (1..5 questions);
 * metrics payment_errors (count, never null) and delay_hours (max, null without a delivery);
 * outcomes satisfaction and recommend. The planted churn log-odds:
 *
 * <pre>
 *   -1.6 + 0.9 payment_errors + 0.05 min(delay_hours, 48) - 2.5 (tp_delivery - 0.75)
 * </pre>
 *
 * (an unanswered delivery counts as 0.75): three drivers, and none from checkout, support,
 * satisfaction, recommend, tenure, annual value or segment, though checkout and satisfaction are
 * correlated with them. {@link #probability} keeps each response's true probability.
 */
final class SimulatedChurn {
  /** {@link Workspace#JOURNEY} with a service stage (support) and churn by account_closed only. */
  static final String JOURNEY =
      Workspace.JOURNEY
          .replace(
              "questions:\n", "  - id: service\n    touchpoints: [{id: support}]\nquestions:\n")
          .replace(
              "  q_delivery: {touchpoint: delivery, kind: csat, scale: [1, 5]}\n",
              "  q_delivery: {touchpoint: delivery, kind: csat, scale: [1, 5]}\n"
                  + "  q_support:  {touchpoint: support, kind: csat, scale: [1, 5]}\n")
          .replaceAll("churn: \\{.*}\n", "churn: {horizon_days: 90, events: [account_closed]}\n");

  static final LocalDate RUN = LocalDate.of(2024, 6, 30);
  static final List<String> PLANTED = List.of("payment_errors", "delay_hours", "delivery");

  static final StructType FEATURES =
      new StructType()
          .add(Cols.RESPONSE_ID, DataTypes.StringType, false)
          .add(Cols.CUSTOMER_ID, DataTypes.StringType, false)
          .add(Cols.SUBMITTED_AT, DataTypes.TimestampType, false)
          .add(Cols.JOURNEY, DataTypes.StringType, false)
          .add(Cols.CHANNEL, DataTypes.StringType, true)
          .add(Cols.SEGMENT, DataTypes.StringType, false)
          .add(Cols.REGION, DataTypes.StringType, true)
          .add("tenure_days", DataTypes.IntegerType, true)
          .add(Cols.ANNUAL_VALUE, DataTypes.DoubleType, true)
          .add(Cols.WEIGHT, DataTypes.DoubleType, false)
          .add("satisfaction", DataTypes.DoubleType, true)
          .add("recommend", DataTypes.DoubleType, true)
          .add("effort", DataTypes.DoubleType, true)
          .add("tp_checkout", DataTypes.DoubleType, true)
          .add("tp_delivery", DataTypes.DoubleType, true)
          .add("tp_support", DataTypes.DoubleType, true)
          .add("m_payment_errors", DataTypes.DoubleType, true)
          .add("m_delay_hours", DataTypes.DoubleType, true)
          .add(Cols.RUN_DATE, DataTypes.DateType, false);

  static final StructType LABELS =
      new StructType()
          .add(Cols.RESPONSE_ID, DataTypes.StringType, false)
          .add(Cols.CUSTOMER_ID, DataTypes.StringType, false)
          .add(Cols.SUBMITTED_AT, DataTypes.TimestampType, false)
          .add(Cols.JOURNEY, DataTypes.StringType, false)
          .add(Cols.CHURNED, DataTypes.BooleanType, true)
          .add(Cols.CHURN_DATE, DataTypes.DateType, true)
          .add("churn_rule", DataTypes.StringType, true)
          .add(Cols.OBSERVED, DataTypes.BooleanType, false)
          .add("horizon_end", DataTypes.TimestampType, false)
          .add(Cols.RUN_DATE, DataTypes.DateType, false);

  final List<Row> features = new ArrayList<>();
  final List<Row> labels = new ArrayList<>();
  final Map<String, Double> probability = new HashMap<>();

  /**
   * @param customers how many customers (each with 1 or 2 responses)
   * @param intercept the churn log-odds' intercept (-1.6 plants about 25 % churners)
   * @param seed the random seed
   */
  SimulatedChurn(int customers, double intercept, long seed) {
    Random rnd = new Random(seed);
    Instant end = RUN.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    for (int c = 0; c < customers; c++) {
      String customer = String.format("c%05d", c);
      double u = rnd.nextDouble();
      String segment = u < 0.6 ? "consumer" : u < 0.9 ? "business" : "unknown";
      Integer tenure = rnd.nextDouble() < 0.05 ? null : rnd.nextInt(2000);
      Double value =
          rnd.nextDouble() < 0.05
              ? null
              : Math.round(Math.exp(5 + rnd.nextGaussian()) * 100) / 100.0;
      int responses = rnd.nextDouble() < 0.3 ? 2 : 1;
      boolean churnedBefore = false;
      for (int k = 0; k < responses; k++) {
        String response = customer + "-r" + k;
        // Older responses first; about 15 % of the horizons are still open at the run date.
        int daysBefore = k == responses - 1 ? 30 + rnd.nextInt(330) : 200 + rnd.nextInt(160);
        Instant submitted =
            end.minus(daysBefore, ChronoUnit.DAYS).minus(rnd.nextInt(86_400), ChronoUnit.SECONDS);
        double errors = poisson(rnd, 0.4);
        boolean delivered = rnd.nextDouble() < 0.7;
        Double delay = delivered ? -12 * Math.log(1 - rnd.nextDouble()) : null;
        Double checkout = score(rnd, 4.2 - 0.6 * errors, 0.05);
        Double delivery =
            delivered
                ? score(rnd, 4.4 - 0.05 * delay, 0.04)
                : (rnd.nextDouble() < 0.6 ? null : score(rnd, 4.0, 0.0));
        Double support = rnd.nextDouble() < 0.5 ? null : score(rnd, 4.0, 0.0);
        double tpMean = (nz(checkout, 0.75) + nz(delivery, 0.75) + nz(support, 0.75)) / 3;
        Double satisfaction =
            rnd.nextDouble() < 0.02
                ? null
                : (clamp(Math.round(1 + 4 * tpMean + rnd.nextGaussian() * 0.6), 1, 5) - 1) / 4.0;
        Double recommend =
            satisfaction == null
                ? null
                : (double) clamp(Math.round(10 * satisfaction + rnd.nextGaussian() * 1.5), 0, 10);
        double logit =
            intercept
                + 0.9 * errors
                + 0.05 * (delay == null ? 0 : Math.min(delay, 48))
                - 2.5 * (nz(delivery, 0.75) - 0.75);
        double p = 1 / (1 + Math.exp(-logit));
        boolean churned = rnd.nextDouble() < p;
        Instant horizonEnd = submitted.plus(90, ChronoUnit.DAYS);
        boolean observed = horizonEnd.isBefore(end);
        Boolean label =
            observed
                ? Boolean.valueOf(churned)
                : (churned && rnd.nextDouble() < 0.3 ? Boolean.TRUE : null);
        if (churnedBefore) {
          continue;
        }
        churnedBefore = Boolean.TRUE.equals(label);
        probability.put(response, p);
        Date run = Date.valueOf(RUN);
        features.add(
            RowFactory.create(
                response,
                customer,
                Timestamp.from(submitted),
                "shop",
                "app",
                segment,
                "north",
                tenure,
                value,
                1.0,
                satisfaction,
                recommend,
                null,
                checkout,
                delivery,
                support,
                errors,
                delay,
                run));
        labels.add(
            RowFactory.create(
                response,
                customer,
                Timestamp.from(submitted),
                "shop",
                label,
                Boolean.TRUE.equals(label) ? Date.valueOf(RUN.minusDays(daysBefore - 10)) : null,
                Boolean.TRUE.equals(label) ? "event" : null,
                observed,
                Timestamp.from(horizonEnd),
                run));
      }
    }
  }

  /** The journey_features rows as an in-memory frame. */
  Dataset<Row> featureFrame() {
    return SharedSpark.get().createDataFrame(features, FEATURES);
  }

  /** The churn_labels rows as an in-memory frame. */
  Dataset<Row> labelFrame() {
    return SharedSpark.get().createDataFrame(labels, LABELS);
  }

  /**
   * Writes both tables under the warehouse, as Delta tables partitioned by journey, as fuse writes
   * them.
   */
  void write(String warehouse) {
    featureFrame()
        .write()
        .format("delta")
        .mode("overwrite")
        .partitionBy(Cols.JOURNEY)
        .save(warehouse + "/" + Tables.JOURNEY_FEATURES);
    labelFrame()
        .write()
        .format("delta")
        .mode("overwrite")
        .partitionBy(Cols.JOURNEY)
        .save(warehouse + "/" + Tables.CHURN_LABELS);
  }

  private static Double score(Random rnd, double latent, double skip) {
    if (rnd.nextDouble() < skip) {
      return null;
    }
    return (clamp(Math.round(latent + 0.8 * rnd.nextGaussian()), 1, 5) - 1) / 4.0;
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double nz(Double v, double otherwise) {
    return v == null ? otherwise : v;
  }

  private static double poisson(Random rnd, double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
