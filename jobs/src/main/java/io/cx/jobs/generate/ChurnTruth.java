package io.cx.jobs.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The churn part of the truth: each term's spread over the responses and the order of their
 * standardised effects, the churn rate and the oracle AUC of the true probabilities on the
 * responses whose horizon is fully observed, and the per-response probabilities file.
 */
final class ChurnTruth {
  static final String PROBABILITIES_HEADER =
      "response_id,customer_id,churn_probability,observed,churned,churn_kind,churn_at";

  private final Dataset d;
  private final long horizon;

  ChurnTruth(Dataset d) {
    this.d = d;
    this.horizon = d.map().churn().horizonDays() * TimeFrame.DAY;
  }

  Truth.Churn build() {
    List<ChurnModel.Term> terms = ChurnModel.TERMS;
    int n = d.responses().size();
    List<Truth.ChurnTerm> out = new ArrayList<>();
    for (int k = 0; k < terms.size(); k++) {
      double sum = 0;
      double sumSq = 0;
      for (SurveyResponse r : d.responses()) {
        sum += r.churnTerms()[k];
        sumSq += r.churnTerms()[k] * r.churnTerms()[k];
      }
      double sd = Math.sqrt(Math.max(0, sumSq / n - (sum / n) * (sum / n)));
      ChurnModel.Term t = terms.get(k);
      out.add(
          new Truth.ChurnTerm(
              t.name(),
              t.driver(),
              t.definition(),
              t.coefficient(),
              TruthBuilder.round(sd, 4),
              TruthBuilder.round(Math.abs(t.coefficient()) * sd, 4)));
    }
    List<Truth.ChurnTerm> ranked = new ArrayList<>(out);
    ranked.sort(Comparator.comparingDouble(Truth.ChurnTerm::standardisedEffect).reversed());
    Set<String> metricIds = new TreeSet<>();
    d.map().metrics().forEach(m -> metricIds.add(m.id()));

    List<Double> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    Set<Integer> churned = new TreeSet<>();
    int explicit = 0;
    int inactive = 0;
    for (SurveyResponse r : d.responses()) {
      if (observed(r)) {
        scores.add(r.churnProbability());
        labels.add(r.churn() != null);
      }
      if (r.churn() != null && r.churn().at() < d.frame().endExclusive()) {
        churned.add(r.customer());
        if (r.churn().kind().equals(SurveyResponse.ACCOUNT_CLOSED)) {
          explicit++;
        } else {
          inactive++;
        }
      }
    }
    double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] y = new boolean[labels.size()];
    int positives = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
      positives += y[i] ? 1 : 0;
    }
    return new Truth.Churn(
        d.map().churn().horizonDays(),
        PlantedModel.CHURN_INTERCEPT,
        out,
        ranked.stream().map(Truth.ChurnTerm::name).toList(),
        ranked.stream().map(Truth.ChurnTerm::driver).filter(metricIds::contains).toList(),
        PlantedModel.EXPLICIT_CHURN_SHARE,
        PlantedModel.INACTIVITY_CHURN_MAX_DAYS,
        TimeFrame.iso(d.frame().observedBefore()),
        y.length,
        positives,
        TruthBuilder.round(positives / (double) y.length, 4),
        churned.size(),
        explicit,
        inactive,
        TruthBuilder.round(Auc.mannWhitney(s, y), 4),
        Generator.PROBABILITIES_FILE);
  }

  /** One row per response, in response-id order. */
  List<String> probabilityRows() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.responses().size(); i++) {
      SurveyResponse r = d.responses().get(i);
      SurveyResponse.Churn c = r.churn();
      out.add(
          Csv.line(
              d.ids().response(i),
              d.ids().customer(r.customer()),
              Csv.number(TruthBuilder.round(r.churnProbability(), 8)),
              Boolean.toString(observed(r)),
              Boolean.toString(c != null),
              c == null ? "" : c.kind(),
              c == null ? "" : TimeFrame.iso(c.at())));
    }
    return out;
  }

  private boolean observed(SurveyResponse r) {
    return r.submittedAt() + horizon <= d.frame().observedBefore();
  }
}
