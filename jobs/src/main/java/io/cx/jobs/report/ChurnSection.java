package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.dbl;
import static io.cx.jobs.report.Fields.lng;
import static io.cx.jobs.report.Fields.str;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Churn: how good the models are (model_metrics, and the ROC, lift and calibration curves of the
 * scoring model from model_curves) and who is most at risk (churn_scores), with the distribution of
 * the probabilities.
 */
final class ChurnSection {
  /** Metrics on a 0..1 scale, charted together; lift is read out in words. */
  static final List<String> UNIT_METRICS = List.of("auc", "pr_auc", "brier", "log_loss", "ece");

  private ChurnSection() {}

  /**
   * Model quality.
   *
   * @param metrics model_metrics rows of the journey and run date
   * @param curves model_curves rows of the journey, run date and test split, or empty when the
   *     warehouse has no model_curves table
   * @param scoring the model that scores the customers (churn_scores.model), or null when unknown:
   *     then the model with the best test AUC
   */
  static Report.Section quality(List<Row> metrics, Optional<List<Row>> curves, String scoring) {
    String title = "Churn model quality";
    String intro =
        "How well each churn model separates churners on customers it did not learn from (test"
            + " split; higher AUC and PR-AUC, lower Brier, log loss and calibration error are"
            + " better), and the ROC, lift and calibration curves of the model that scores the"
            + " customers.";
    List<Row> test = metrics.stream().filter(r -> "test".equals(str(r, Cols.SPLIT))).toList();
    if (test.isEmpty()) {
      return Report.Section.empty(
          "churn-quality",
          title,
          intro,
          "model_metrics has no test-split row for this journey and date: the churn job trained"
              + " no model (see its run_log message, e.g. too few churners).");
    }
    Map<String, Map<String, Double>> byModel = new TreeMap<>();
    for (Row r : test) {
      byModel
          .computeIfAbsent(str(r, Cols.MODEL), k -> new TreeMap<>())
          .put(str(r, Cols.METRIC), dbl(r, Cols.VALUE));
    }
    ObjectNode o = Charts.base(true);
    o.set("xAxis", Charts.categoryAxis("metric (test split)", UNIT_METRICS));
    ObjectNode y = Charts.yValueAxis("value (0..1)");
    y.put("min", 0);
    o.set("yAxis", y);
    ArrayNode series = o.putArray("series");
    byModel.forEach(
        (model, values) -> {
          ObjectNode s = series.addObject();
          s.put("type", "bar").put("name", model);
          s.putObject("label").put("show", true).put("position", "top").put("fontSize", 10);
          // Two decimals on the bars; the table below has every digit.
          s.set(
              "data",
              Charts.numbers(
                  UNIT_METRICS.stream()
                      .map(values::get)
                      .map(v -> v == null ? null : Math.round(v * 100) / 100.0)
                      .toList()));
        });
    String best = null;
    double bestAuc = Double.NEGATIVE_INFINITY;
    for (var e : byModel.entrySet()) {
      Double auc = e.getValue().get("auc");
      if (auc != null && auc > bestAuc) {
        bestAuc = auc;
        best = e.getKey();
      }
    }
    String reading;
    if (best == null) {
      reading = "No model has a test AUC (one class among the test customers).";
    } else {
      List<String> others = new ArrayList<>();
      for (var e : byModel.entrySet()) {
        if (!e.getKey().equals(best) && e.getValue().get("auc") != null) {
          others.add(
              e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue().get("auc")));
        }
      }
      Double lift = byModel.get(best).get("lift_top_decile");
      reading =
          String.format(
                  Locale.ROOT, "The %s model ranks churners best: test AUC %.2f", best, bestAuc)
              + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")")
              + (lift == null
                  ? "."
                  : String.format(
                      Locale.ROOT,
                      "; the 10 %% of customers it rates riskiest churn %.1f times as often as"
                          + " average.",
                      lift));
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row r : metrics) {
      Double v = dbl(r, Cols.VALUE);
      cells.add(
          List.of(
              str(r, Cols.MODEL),
              str(r, Cols.SPLIT),
              str(r, Cols.METRIC),
              v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v),
              String.valueOf(lng(r, Cols.N))));
    }
    String model = scoring != null && byModel.containsKey(scoring) ? scoring : best;
    List<Report.Chart> charts = new ArrayList<>();
    charts.add(
        new Report.Chart("churn-metrics", "Churn model metrics", reading, Charts.json(o), 300));
    String why = null;
    if (curves.isEmpty()) {
      why =
          "ROC, lift and calibration curves are not drawn: the warehouse has no model_curves table"
              + " (written by cx churn since model_curves was added); run cx churn for this date"
              + " again.";
    } else if (model == null) {
      why = "ROC, lift and calibration curves are not drawn: no model has a test AUC.";
    } else {
      String m = model;
      List<Row> mine = curves.get().stream().filter(r -> m.equals(str(r, Cols.MODEL))).toList();
      if (mine.isEmpty()) {
        why =
            "ROC, lift and calibration curves are not drawn: model_curves has no test-split point"
                + " of the "
                + m
                + " model for this journey and date (written by an older cx churn; run it for"
                + " this date again).";
      } else {
        ChurnCurveCharts.Curves drawn = ChurnCurveCharts.of(mine, m, byModel.get(m).get("auc"));
        charts.addAll(drawn.charts());
        why = drawn.missing().isEmpty() ? null : String.join(" ", drawn.missing());
      }
    }
    return new Report.Section(
        "churn-quality",
        title,
        intro,
        charts,
        List.of(
            new Report.TableView(
                "Every model_metrics value of the run",
                List.of("model", "split", "metric", "value", "n"),
                cells)),
        why);
  }

  /**
   * The customers at highest risk and the distribution of every scored customer's probability.
   *
   * @param top the riskiest customers, riskiest first
   * @param buckets rows (bucket 0..9 of the probability in tenths, customers, revenue at risk)
   * @param pseudonymised whether the ids are pseudonyms
   */
  static Report.Section risk(List<Row> top, long[] buckets, boolean pseudonymised, Labels labels) {
    String title = "Customers at highest risk";
    String intro =
        "Customers still at risk on this date (not churned, churn horizon open), by their churn"
            + " probability, with the drivers that raise it most for them (churn_scores)."
            + (pseudonymised
                ? " Customer ids are pseudonyms (privacy.pseudonymise_ids is on)."
                : "");
    long total = 0;
    for (long b : buckets) {
      total += b;
    }
    if (top.isEmpty() || total == 0) {
      return Report.Section.empty(
          "churn-risk",
          title,
          intro,
          "churn_scores has no customer for this journey and date: no churn model was trained, or"
              + " no customer is still at risk.");
    }
    List<String> cats = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    long high = 0;
    for (int i = 0; i < buckets.length; i++) {
      cats.add(String.format(Locale.ROOT, "%d–%d", i * 10, i * 10 + 10));
      counts.add((double) buckets[i]);
      if (i >= 5) {
        high += buckets[i];
      }
    }
    ObjectNode o = Charts.base(false);
    o.set("xAxis", Charts.categoryAxis("churn probability (%)", cats));
    o.set("yAxis", Charts.yValueAxis("customers (count)"));
    ObjectNode s = o.putArray("series").addObject();
    s.put("type", "bar").put("name", "customers");
    s.set("data", Charts.numbers(counts));
    String reading =
        String.format(
            Locale.ROOT,
            "%,d of %,d customers at risk (%.0f %%) have a churn probability of 50 %% or more.",
            high,
            total,
            100.0 * high / total);
    List<List<String>> rows = new ArrayList<>();
    for (Row r : top) {
      Double rev = dbl(r, Cols.REVENUE_AT_RISK);
      List<String> reasons = new ArrayList<>();
      List<Object> raw = r.getList(r.fieldIndex(Cols.TOP_REASONS));
      raw.forEach(x -> reasons.add(labels.name(String.valueOf(x))));
      rows.add(
          List.of(
              str(r, Cols.CUSTOMER_ID),
              str(r, Cols.SEGMENT),
              String.format(Locale.ROOT, "%.0f %%", dbl(r, Cols.CHURN_PROBABILITY) * 100),
              rev == null ? "" : Labels.num(rev),
              String.join(", ", reasons)));
    }
    return new Report.Section(
        "churn-risk",
        title,
        intro,
        List.of(
            new Report.Chart(
                "churn-distribution",
                "Churn probability of the customers at risk",
                reading,
                Charts.json(o),
                280)),
        List.of(
            new Report.TableView(
                "The " + top.size() + " customers most likely to churn",
                List.of(
                    "customer", "segment", "churn probability", "revenue at risk", "top reasons"),
                rows,
                true)),
        null);
  }
}
