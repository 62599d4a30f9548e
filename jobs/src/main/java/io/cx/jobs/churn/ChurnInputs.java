package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Tables;
import io.cx.common.error.InputRejectedException;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.model.ModelTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The two row sets the churn models need per journey, built from the run date's journey_features
 * and churn_labels rows (as the fuse job writes them; the churn job reads them at the Delta version
 * it records):
 *
 * <ul>
 *   <li>{@link #labelled}: responses whose churn horizon is fully observed, with the label.
 *   <li>{@link #population}: each customer's latest response whose churn horizon is still open at
 *       the run date, for customers who have not churned by then: who gets a churn score.
 * </ul>
 */
final class ChurnInputs {
  private static final List<String> FEATURE_COLUMNS =
      List.of(
          Cols.RESPONSE_ID,
          Cols.CUSTOMER_ID,
          Cols.SUBMITTED_AT,
          Cols.JOURNEY,
          Cols.SEGMENT,
          Cols.ANNUAL_VALUE,
          FeatureColumns.TENURE_DAYS);
  private static final List<String> LABEL_COLUMNS =
      List.of(
          Cols.RESPONSE_ID,
          Cols.CUSTOMER_ID,
          Cols.JOURNEY,
          Cols.CHURNED,
          Cols.OBSERVED,
          Cols.HORIZON_END);

  private final Dataset<Row> features;
  private final Dataset<Row> labels;

  /**
   * @param features the run date's journey_features rows
   * @param labels the run date's churn_labels rows
   */
  ChurnInputs(Dataset<Row> features, Dataset<Row> labels) {
    this.features = features;
    this.labels = labels;
  }

  /** The journey's feature rows; its plan's columns must all be there. */
  Dataset<Row> features(JourneyMap journey, FeaturePlan plan) {
    List<String> need = new ArrayList<>(FEATURE_COLUMNS);
    need.addAll(plan.columns());
    check(Tables.JOURNEY_FEATURES, features, need, journey);
    return features.where(col(Cols.JOURNEY).equalTo(journey.id()));
  }

  /** The journey's label rows. */
  Dataset<Row> labels(JourneyMap journey) {
    check(Tables.CHURN_LABELS, labels, LABEL_COLUMNS, journey);
    return labels.where(col(Cols.JOURNEY).equalTo(journey.id()));
  }

  /** Responses with an observed horizon, with {@code _y} = 1.0 for churners, 0.0 otherwise. */
  Dataset<Row> labelled(JourneyMap journey, FeaturePlan plan) {
    Dataset<Row> l =
        labels(journey)
            .where(col(Cols.OBSERVED).equalTo(true).and(col(Cols.CHURNED).isNotNull()))
            .select(
                col(Cols.RESPONSE_ID), col(Cols.CHURNED).cast("double").as(ModelTraining.LABEL));
    return features(journey, plan).join(l, Cols.RESPONSE_ID);
  }

  /**
   * Who is at risk at the run date: each customer's latest response (ties: the larger response id)
   * when its churn horizon is still open at the run date ({@code observed} false) and no label of
   * the customer says churned (churn seen by the run date, in an observed horizon or not). A
   * customer whose latest horizon closed without churn is not at risk for that window, and one who
   * churned is lost, not at risk; neither is scored. The rows carry the label's {@code
   * horizon_end}: the window the score is for is {@code (submitted_at, horizon_end]}.
   */
  Dataset<Row> population(JourneyMap journey, FeaturePlan plan) {
    Dataset<Row> labels = labels(journey);
    Dataset<Row> churned =
        labels.where(col(Cols.CHURNED).equalTo(true)).select(Cols.CUSTOMER_ID).distinct();
    Dataset<Row> open =
        labels
            .where(col(Cols.OBSERVED).equalTo(false).and(col(Cols.CHURNED).isNull()))
            .select(Cols.RESPONSE_ID, Cols.HORIZON_END);
    Dataset<Row> latest =
        features(journey, plan)
            .withColumn(
                "_latest",
                row_number()
                    .over(
                        Window.partitionBy(Cols.CUSTOMER_ID)
                            .orderBy(col(Cols.SUBMITTED_AT).desc(), col(Cols.RESPONSE_ID).desc())))
            .where(col("_latest").equalTo(1))
            .drop("_latest")
            .join(open, Cols.RESPONSE_ID);
    return latest.join(
        churned, latest.col(Cols.CUSTOMER_ID).equalTo(churned.col(Cols.CUSTOMER_ID)), "left_anti");
  }

  private static void check(String table, Dataset<Row> df, List<String> need, JourneyMap j) {
    List<String> have = Arrays.asList(df.columns());
    List<String> missing = need.stream().filter(c -> !have.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new InputRejectedException(
          table
              + " lacks column(s) "
              + String.join(", ", missing)
              + " that the churn model of journey "
              + j.id()
              + " needs; re-run `cx fuse` for this date with the current journey map");
    }
  }
}
