package io.cx.jobs.ingest;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Question;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Every question the config's journey maps declare, as a small table to join answers with. */
final class QuestionCatalog {
  /** The answer's question id, lower-cased, as the cleaners name it. */
  static final String Q_KEY = "_q_key";

  /** The catalog's question id column. */
  static final String CAT_KEY = "_cat_key";

  private QuestionCatalog() {}

  static List<String> questionIds(List<JourneyMap> journeys) {
    List<String> ids = new ArrayList<>();
    journeys.forEach(j -> ids.addAll(j.questions().keySet()));
    return ids;
  }

  static Dataset<Row> of(SparkSession spark, List<JourneyMap> journeys) {
    StructType schema =
        new StructType()
            .add(CAT_KEY, DataTypes.StringType, false)
            .add(Cols.JOURNEY, DataTypes.StringType, false)
            .add(Cols.QUESTION_KIND, DataTypes.StringType, false)
            .add(Cols.STAGE, DataTypes.StringType, true)
            .add(Cols.TOUCHPOINT, DataTypes.StringType, true)
            .add(Cols.SCALE_MIN, DataTypes.DoubleType, false)
            .add(Cols.SCALE_MAX, DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (JourneyMap j : journeys) {
      for (Question q : j.questions().values()) {
        String stage =
            q.touchpoint() == null
                ? null
                : j.stageOfTouchpoint(q.touchpoint()).map(s -> s.id()).orElse(null);
        rows.add(
            RowFactory.create(
                q.id(), j.id(), q.kind().id(), stage, q.touchpoint(), q.scaleMin(), q.scaleMax()));
      }
    }
    return spark.createDataFrame(rows, schema);
  }
}
