package io.cx.jobs.generate;

import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.List;

/**
 * The good rows of both survey layouts, carrying the same answers. Long layout: one row per
 * answered question, plus a row with an empty score for each unanswered question when the survey
 * tool exports those ({@link SurveyResponse#emptyRowsForSkipped()}); an empty score and a missing
 * row both mean "not answered". Wide layout: one row per response, one column per question of the
 * journey map, empty when not answered. Comments exist only in the long layout (on the q_overall
 * row), as the wide layout has no column for them.
 */
final class SurveyRows {
  static final String LONG_HEADER =
      String.join(
          ",",
          Cols.RESPONSE_ID,
          Cols.CUSTOMER_ID,
          Cols.SUBMITTED_AT,
          Cols.QUESTION_ID,
          Cols.SCORE,
          Cols.CHANNEL,
          Cols.COMMENT);

  private final List<String> questionIds;
  private final Ids ids;

  SurveyRows(List<String> questionIds, Ids ids) {
    this.questionIds = List.copyOf(questionIds);
    this.ids = ids;
  }

  String wideHeader() {
    List<String> cols =
        new ArrayList<>(
            List.of(Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SUBMITTED_AT, Cols.CHANNEL));
    cols.addAll(questionIds);
    return String.join(",", cols);
  }

  /** Long-layout rows of the responses, which are in response-id order. */
  List<String> longRows(List<SurveyResponse> responses) {
    List<String> out = new ArrayList<>(responses.size() * questionIds.size());
    for (int i = 0; i < responses.size(); i++) {
      SurveyResponse r = responses.get(i);
      for (String q : questionIds) {
        Integer score = r.scores().get(q);
        if (score == null && !r.emptyRowsForSkipped()) {
          continue;
        }
        String comment =
            q.equals(PlantedModel.Q_OVERALL) && r.comment() != null ? r.comment().text() : "";
        out.add(
            Csv.line(
                ids.response(i),
                ids.customer(r.customer()),
                TimeFrame.iso(r.submittedAt()),
                q,
                score == null ? "" : score.toString(),
                r.channel(),
                comment));
      }
    }
    return out;
  }

  /** Wide-layout rows, one per response. */
  List<String> wideRows(List<SurveyResponse> responses) {
    List<String> out = new ArrayList<>(responses.size());
    for (int i = 0; i < responses.size(); i++) {
      SurveyResponse r = responses.get(i);
      String[] f = new String[4 + questionIds.size()];
      f[0] = ids.response(i);
      f[1] = ids.customer(r.customer());
      f[2] = TimeFrame.iso(r.submittedAt());
      f[3] = r.channel();
      for (int q = 0; q < questionIds.size(); q++) {
        Integer score = r.scores().get(questionIds.get(q));
        f[4 + q] = score == null ? "" : score.toString();
      }
      out.add(Csv.line(f));
    }
    return out;
  }
}
