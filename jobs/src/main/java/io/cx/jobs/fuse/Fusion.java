package io.cx.jobs.fuse;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The fuse job's pure transform: from the inputs as of the run date to the rows of
 * journey_stage_facts, journey_features and churn_labels for every journey of the config. Nothing
 * is read or written here; tests call it with in-memory tables.
 */
final class Fusion {
  /**
   * The result. {@code responses} (one row per response) and {@code fused} (responses with their
   * metrics and customer attributes) feed several outputs; the job caches them while it writes.
   */
  record Fused(
      Dataset<Row> responses,
      Dataset<Row> fused,
      Dataset<Row> stageFacts,
      Dataset<Row> features,
      Dataset<Row> churnLabels) {}

  private static final StructType NO_CUSTOMERS =
      new StructType()
          .add(Cols.RESPONSE_ID, DataTypes.StringType)
          .add(Cols.SEGMENT, DataTypes.StringType)
          .add(Cols.REGION, DataTypes.StringType)
          .add(Cols.SIGNUP_DATE, DataTypes.DateType)
          .add(Cols.ANNUAL_VALUE, DataTypes.DoubleType);

  private Fusion() {}

  /** Every row of every response of {@code in}: the full fusion. */
  static Fused fuse(FuseInputs in, List<JourneyMap> journeys, LocalDate runDate, Instant runEnd) {
    return fuse(in, null, journeys, runDate, runEnd);
  }

  /**
   * @param labelsOnly responses whose churn label alone is computed (journey, response_id,
   *     customer_id, submitted_at; their customers' events in their horizons are among {@code in}'s
   *     events), or null for none: rows of churn_labels, not of the other two tables
   * @param runEnd the first instant after the run date (in the config's time zone): the end of what
   *     is known
   */
  static Fused fuse(
      FuseInputs in,
      Dataset<Row> labelsOnly,
      List<JourneyMap> journeys,
      LocalDate runDate,
      Instant runEnd) {
    Dataset<Row> responses = Responses.of(in.answers(), journeys);
    Dataset<Row> metrics = ObjectiveMetrics.of(responses, in.events(), journeys);
    Dataset<Row> customers =
        in.customers() == null
            ? responses.sparkSession().createDataFrame(List.of(), NO_CUSTOMERS)
            : CustomerProfiles.asOfSurvey(responses, in.customers(), journeys);
    Dataset<Row> fused =
        responses
            .join(metrics, new String[] {Cols.RESPONSE_ID}, "left")
            .join(customers, new String[] {Cols.RESPONSE_ID}, "left");

    Dataset<Row> facts = null;
    Dataset<Row> features = null;
    for (JourneyMap j : journeys) {
      Dataset<Row> f = StageFacts.of(fused, j, runDate);
      Dataset<Row> w = FeatureTable.of(fused, j, runDate);
      facts = facts == null ? f : facts.union(f);
      features = features == null ? w : features.unionByName(w, true);
    }
    features = Schemas.conform(features, FeatureColumns.schemaOf(journeys));
    Dataset<Row> labelled = responses.select(ChurnLabels.responseColumns());
    if (labelsOnly != null) {
      labelled = labelled.union(labelsOnly.select(ChurnLabels.responseColumns()));
    }
    Dataset<Row> churn = ChurnLabels.of(labelled, in.events(), journeys, runEnd, runDate);
    return new Fused(responses, fused, facts, features, churn);
  }
}
