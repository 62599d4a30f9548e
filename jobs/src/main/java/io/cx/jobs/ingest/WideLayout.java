package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.error.InputRejectedException;
import io.cx.common.journey.JourneyMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Melts the wide survey layout (one row per submission, one column per question) into the long
 * layout. A question column becomes an answer when its journey was answered in that row, i.e. has
 * at least one non-empty cell there; its empty cells are then skipped answers (score null), as in
 * the long layout. A row with no answer at all is rejected as {@code empty_response}, so it is not
 * lost silently.
 */
final class WideLayout {
  static final List<String> SUBMISSION_COLUMNS =
      List.of(Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SUBMITTED_AT, Cols.CHANNEL, Cols.WEIGHT);

  private WideLayout() {}

  /** The wide frame as prepared by {@link InputReader}, melted to the long layout's columns. */
  static Dataset<Row> melt(Dataset<Row> wide, List<JourneyMap> journeys) {
    List<String> have = Arrays.asList(wide.columns());
    List<Column> answers = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (JourneyMap j : journeys) {
      List<String> qs = j.questions().keySet().stream().filter(have::contains).toList();
      if (qs.isEmpty()) {
        continue;
      }
      present.addAll(qs);
      Column answered = lit(false);
      for (String q : qs) {
        answered = answered.or(Parsing.present(q));
      }
      for (String q : qs) {
        answers.add(
            when(
                answered,
                struct(
                    lit(q).as(Cols.QUESTION_ID),
                    col(q).cast(DataTypes.StringType).as(Cols.SCORE))));
      }
    }
    if (present.isEmpty()) {
      throw new InputRejectedException(
          "surveys input (layout: wide) has none of the journey maps' question columns ("
              + String.join(", ", QuestionCatalog.questionIds(journeys))
              + "); check the layout and the column names");
    }
    Dataset<Row> withOptional = Columns.withOptional(wide, SUBMISSION_COLUMNS);
    Column cells = array_compact(array(answers.toArray(Column[]::new)));
    Dataset<Row> exploded =
        withOptional
            .withColumn("_n_answers", size(cells))
            .withColumn("_answer", explode_outer(cells));
    Column empty = functions.not(col(InputReader.MALFORMED)).and(col("_n_answers").equalTo(0));
    return exploded.select(
        col(Cols.RESPONSE_ID),
        col(Cols.CUSTOMER_ID),
        col(Cols.SUBMITTED_AT),
        col("_answer." + Cols.QUESTION_ID).as(Cols.QUESTION_ID),
        col("_answer." + Cols.SCORE).as(Cols.SCORE),
        col(Cols.CHANNEL),
        lit(null).cast(DataTypes.StringType).as(Cols.COMMENT),
        col(Cols.WEIGHT),
        col(InputReader.RAW),
        col(InputReader.MALFORMED),
        empty.as(EMPTY));
  }

  /** Marks rows that stand for a submission without any answer. */
  static final String EMPTY = "_empty_response";

  /** The wide columns that are neither submission fields nor declared questions. */
  static List<String> extras(Dataset<Row> wide, List<JourneyMap> journeys) {
    List<String> known = new ArrayList<>(SUBMISSION_COLUMNS);
    known.addAll(QuestionCatalog.questionIds(journeys));
    return Columns.extras(wide, known);
  }
}
