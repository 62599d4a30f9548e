package io.cx.jobs.kpis;

import io.cx.common.contract.Cols;
import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Question;
import io.cx.common.journey.QuestionKind;
import io.cx.common.journey.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which answers feed which cell: the rules of touchpoint_kpis in one place. A cell's stage and
 * touchpoint come from here; its segment and channel from the answer (both with their ALL roll-up).
 *
 * <ul>
 *   <li>A csat question rating touchpoint T of stage S feeds csat and top2box at (S, T) and at (S,
 *       ALL): a stage's value pools the answers about all its touchpoints.
 *   <li>The satisfaction outcome (outcomes.satisfaction, an overall question) feeds csat and
 *       top2box at (ALL, ALL).
 *   <li>The recommend outcome (outcomes.recommend) feeds nps at (ALL, ALL).
 *   <li>The effort question feeds ces at (ALL, ALL): outcomes.effort when the map declares it,
 *       otherwise every journey-level ces question (one without a touchpoint); those must share one
 *       scale, as ces is a mean raw score.
 * </ul>
 *
 * Other answers feed no KPI: overall and nps questions that are not the outcomes, ces questions
 * rating a touchpoint when no effort outcome is declared, and skipped answers (null score).
 *
 * @param journey journey id
 * @param questionId the question
 * @param metric the KPI it feeds
 * @param stage the stage of the cell, or ALL
 * @param touchpoint the touchpoint of the cell, or ALL
 */
record KpiFeeds(
    String journey, String questionId, KpiMetric metric, String stage, String touchpoint) {

  static final String ALL = Cols.ALL;

  /** The feeds of one journey, in journey order. */
  static List<KpiFeeds> of(JourneyMap j) {
    List<KpiFeeds> out = new ArrayList<>();
    for (Stage s : j.stages()) {
      for (var tp : s.touchpoints()) {
        for (Question q : j.questionsOf(tp.id())) {
          if (q.kind() != QuestionKind.CSAT) {
            continue;
          }
          for (KpiMetric m : List.of(KpiMetric.CSAT, KpiMetric.TOP2BOX)) {
            out.add(new KpiFeeds(j.id(), q.id(), m, s.id(), tp.id()));
            out.add(new KpiFeeds(j.id(), q.id(), m, s.id(), ALL));
          }
        }
      }
    }
    String sat = j.outcomes().satisfaction();
    if (sat != null) {
      out.add(new KpiFeeds(j.id(), sat, KpiMetric.CSAT, ALL, ALL));
      out.add(new KpiFeeds(j.id(), sat, KpiMetric.TOP2BOX, ALL, ALL));
    }
    String rec = j.outcomes().recommend();
    if (rec != null) {
      out.add(new KpiFeeds(j.id(), rec, KpiMetric.NPS, ALL, ALL));
    }
    for (Question q : effortQuestions(j)) {
      out.add(new KpiFeeds(j.id(), q.id(), KpiMetric.CES, ALL, ALL));
    }
    return out;
  }

  /** The feeds of every journey. */
  static List<KpiFeeds> of(List<JourneyMap> journeys) {
    List<KpiFeeds> out = new ArrayList<>();
    journeys.forEach(j -> out.addAll(of(j)));
    return out;
  }

  private static List<Question> effortQuestions(JourneyMap j) {
    String declared = j.outcomes().effort();
    if (declared != null) {
      return List.of(j.questions().get(declared));
    }
    List<Question> ces =
        j.questions().values().stream()
            .filter(q -> q.kind() == QuestionKind.CES && q.touchpoint() == null)
            .toList();
    Set<String> scales =
        ces.stream()
            .map(q -> "[" + fmt(q.scaleMin()) + ", " + fmt(q.scaleMax()) + "]")
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (scales.size() > 1) {
      throw new BadConfigException(
          new ConfigProblem(
              j.sourceFile(),
              "outcomes.effort",
              "the journey-level ces questions "
                  + ces.stream().map(Question::id).collect(Collectors.joining(", "))
                  + " use different scales "
                  + scales
                  + ", so their raw scores cannot make one CES; name the question the ces KPI"
                  + " reports with outcomes: {effort: <question id>}"));
    }
    return ces;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Internal column names of {@link #table}. */
  static final String FEED_QUESTION = "_feed_question";

  static final String FEED_JOURNEY = "_feed_journey";

  /** The feeds as a small table to join answers with (journey, question) to their cells. */
  static Dataset<Row> table(SparkSession spark, List<KpiFeeds> feeds) {
    StructType schema =
        new StructType()
            .add(FEED_JOURNEY, DataTypes.StringType, false)
            .add(FEED_QUESTION, DataTypes.StringType, false)
            .add(Cols.METRIC, DataTypes.StringType, false)
            .add(Cols.STAGE, DataTypes.StringType, false)
            .add(Cols.TOUCHPOINT, DataTypes.StringType, false);
    List<Row> rows =
        feeds.stream()
            .map(
                f ->
                    RowFactory.create(
                        f.journey(), f.questionId(), f.metric().id(), f.stage(), f.touchpoint()))
            .toList();
    return spark.createDataFrame(rows, schema);
  }
}
