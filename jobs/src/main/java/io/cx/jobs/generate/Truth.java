package io.cx.jobs.generate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The planted ground truth, written as {@code truth.json} (keys in snake_case, as listed here) so
 * that tests of later jobs can check what they recover. Scores are on the question's own scale
 * unless said otherwise; "observed" values are measured on the generated rows.
 *
 * <pre>
 * schema_version          1
 * generation              journey, seed, customers, end_date, survey_days, lookback_days,
 *                         survey_start, event_start (dates), bad_row_share, duplicate_share
 * counts                  customers, responses, answers (non-empty scores), survey_rows (long
 *                         layout, good rows incl. empty scores), events (good, unique),
 *                         file_rows {surveys, surveys_wide, events, customers} (data lines incl.
 *                         duplicates and bad rows)
 * satisfaction            question, intercept, weights {touchpoint: w}, segment_weights
 *                         {segment: {touchpoint: w}} (segments not listed use weights),
 *                         expected_order (all segments), segment_expected_order {segment: [...]},
 *                         noise_sd, support_baseline, formula
 * recommend               question, intercept, slope, noise_sd, expected_order,
 *                         segment_expected_order, formula
 * effort                  question, higher_is_easier, intercept, centre, weights, noise_sd,
 *                         expected_order, formula
 * halo_sd                 sd of the per-response effect shared by all its ratings
 * touchpoints             {touchpoint: {question, stage, base, experience_sd, rating_noise_sd,
 *                         segment_shift {segment: shift}, effects [{metric, kind (step|per_unit),
 *                         threshold (step only, else null), effect, unit}], rated_when,
 *                         skip_share, answered, observed_mean}}
 * thresholds              [{metric, touchpoint, question, threshold, effect,
 *                         observed_mean_at_or_below, observed_mean_above, n_at_or_below, n_above}]
 * null_metrics            metrics with no planted effect on anything
 * churn                   horizon_days, intercept, terms [{name, driver, definition, coefficient,
 *                         sd, standardised_effect}], expected_order (term names by
 *                         |coefficient| x sd), expected_metric_order (journey metrics among them),
 *                         explicit_share, inactivity_max_days, observed_before (instant),
 *                         observed_responses, churned_observed_responses, rate (their share),
 *                         churned_customers, account_closed_customers, inactivity_customers,
 *                         oracle_auc (true probabilities vs outcomes of the observed responses,
 *                         Mann-Whitney), probabilities_file
 * kpi_drop                touchpoint, question, week_start, week_end (Monday, Sunday), delta
 *                         (planted, on the rating), observed_delta (mean in the week minus mean
 *                         in all other weeks), n_week, n_other, applies_to
 * bad_rows                {surveys|surveys_wide|events|customers: {kind code: rows}}
 * duplicate_events        events delivered twice (same event_id, identical row)
 * comments                question, layout, count, with_email, with_phone, emails, phones
 * segments                {segment: {share, customers, responses, annual_value_median,
 *                         annual_value_sigma, touchpoint_shift}}
 * regions                 {region: {share, customers, late_delivery_share}}
 * </pre>
 *
 * <p>{@code probabilities_file} ({@code truth/churn_probabilities.csv}) has one row per response:
 * response_id, customer_id, churn_probability, observed (the horizon ends before the end date),
 * churned (planted churn inside the horizon), churn_kind (account_closed, inactivity or empty),
 * churn_at (the planted churn time, possibly after the end date, where it leaves no trace).
 */
public record Truth(
    int schemaVersion,
    Generation generation,
    Counts counts,
    Satisfaction satisfaction,
    Recommend recommend,
    Effort effort,
    double haloSd,
    Map<String, TouchpointModel> touchpoints,
    List<Threshold> thresholds,
    List<String> nullMetrics,
    Churn churn,
    KpiDrop kpiDrop,
    Map<String, Map<String, Integer>> badRows,
    int duplicateEvents,
    Comments comments,
    Map<String, Segment> segments,
    Map<String, Region> regions) {

  /** How the data were generated. */
  public record Generation(
      String journey,
      long seed,
      int customers,
      String endDate,
      int surveyDays,
      int lookbackDays,
      String surveyStart,
      String eventStart,
      double badRowShare,
      double duplicateShare) {}

  /** Row counts. */
  public record Counts(
      int customers,
      int responses,
      int answers,
      int surveyRows,
      int events,
      Map<String, Integer> fileRows) {}

  /** Drivers of overall satisfaction. */
  public record Satisfaction(
      String question,
      double intercept,
      Map<String, Double> weights,
      Map<String, Map<String, Double>> segmentWeights,
      List<String> expectedOrder,
      Map<String, List<String>> segmentExpectedOrder,
      double noiseSd,
      double supportBaseline,
      String formula) {}

  /** NPS, from the latent overall satisfaction. */
  public record Recommend(
      String question,
      double intercept,
      double slope,
      double noiseSd,
      List<String> expectedOrder,
      Map<String, List<String>> segmentExpectedOrder,
      String formula) {}

  /** Customer effort (higher = easier). */
  public record Effort(
      String question,
      boolean higherIsEasier,
      double intercept,
      double centre,
      Map<String, Double> weights,
      double noiseSd,
      List<String> expectedOrder,
      String formula) {}

  /** How one touchpoint's score is made. */
  public record TouchpointModel(
      String question,
      String stage,
      double base,
      double experienceSd,
      double ratingNoiseSd,
      Map<String, Double> segmentShift,
      List<Effect> effects,
      String ratedWhen,
      double skipShare,
      int answered,
      double observedMean) {}

  /** The effect of one objective metric on a touchpoint's experience, in points of its scale. */
  public record Effect(String metric, String kind, Double threshold, double effect, String unit) {}

  /** A planted threshold: above it, the touchpoint's score drops by the effect. */
  public record Threshold(
      String metric,
      String touchpoint,
      String question,
      double threshold,
      double effect,
      double observedMeanAtOrBelow,
      double observedMeanAbove,
      int nAtOrBelow,
      int nAbove) {}

  /** The planted churn. */
  public record Churn(
      int horizonDays,
      double intercept,
      List<ChurnTerm> terms,
      List<String> expectedOrder,
      List<String> expectedMetricOrder,
      double explicitShare,
      int inactivityMaxDays,
      String observedBefore,
      int observedResponses,
      int churnedObservedResponses,
      double rate,
      int churnedCustomers,
      int accountClosedCustomers,
      int inactivityCustomers,
      double oracleAuc,
      String probabilitiesFile) {}

  /** One term of the churn logit, with its spread over all responses. */
  public record ChurnTerm(
      String name,
      String driver,
      String definition,
      double coefficient,
      double sd,
      double standardisedEffect) {}

  /** The planted KPI drop. */
  public record KpiDrop(
      String touchpoint,
      String question,
      String weekStart,
      String weekEnd,
      double delta,
      double observedDelta,
      int nWeek,
      int nOther,
      String appliesTo) {}

  /** The free-text comments. */
  public record Comments(
      String question,
      String layout,
      int count,
      int withEmail,
      int withPhone,
      List<String> emails,
      List<String> phones) {}

  /** One customer segment. */
  public record Segment(
      double share,
      int customers,
      int responses,
      double annualValueMedian,
      double annualValueSigma,
      double touchpointShift) {}

  /** One region. */
  public record Region(double share, int customers, double lateDeliveryShare) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Reads a truth.json; unknown keys (added later) are ignored. */
  public static Truth read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Truth.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON text, keys in the order above. */
  public String toJson() {
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return JSON.writer(printer).writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
