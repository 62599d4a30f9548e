package io.cx.jobs.churn.features;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.Problems;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Touchpoint;
import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The churn model's inputs, derived from the journey map, never hard-coded: every touchpoint score
 * and every objective metric of the journey, the outcomes it declares (satisfaction, recommend on
 * 0..10 read as 0..1, effort), tenure, annual value and segment.
 *
 * <p>Missing values are explicit: each input that can be null (touchpoints not answered, outcomes
 * skipped, metrics that aggregate event values over a window with no events, unknown tenure or
 * value) gets a not-answered indicator (1 when null) beside its value, and the null value itself is
 * replaced by the mean over the training rows, so "not answered" is never read as a score of 0.
 * Count and exists metrics are never null (no events is a true 0) and get no indicator. Segment is
 * one-hot over the training rows' most frequent {@value #MAX_SEGMENT_LEVELS} levels.
 */
public final class FeaturePlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Segments beyond this many (the rarest) get no level of their own. */
  static final int MAX_SEGMENT_LEVELS = 20;

  static final String SEGMENT_GROUP = "segment";

  /**
   * One numeric input column.
   *
   * @param column the journey_features column
   * @param group the driver id it belongs to
   * @param kind the driver's kind
   * @param scale multiplies the value (recommend: 0.1, to read 0..10 as 0..1)
   * @param indicator whether it gets a not-answered indicator
   */
  public record Input(
      String column, String group, FeatureGroup.Kind kind, double scale, boolean indicator)
      implements Serializable {}

  private final List<Input> inputs;

  private FeaturePlan(List<Input> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  /** The plan of a journey; a driver id that clashes with a context input is a config problem. */
  public static FeaturePlan of(JourneyMap journey) {
    List<Input> in = new ArrayList<>();
    for (Touchpoint t : journey.touchpoints()) {
      in.add(
          new Input(
              FeatureColumns.touchpoint(t.id()), t.id(), FeatureGroup.Kind.TOUCHPOINT, 1, true));
    }
    for (Metric m : journey.metrics()) {
      in.add(
          new Input(
              FeatureColumns.metric(m.id()),
              m.id(),
              FeatureGroup.Kind.METRIC,
              1,
              m.agg().usesValue()));
    }
    FeatureGroup.Kind outcome = FeatureGroup.Kind.OUTCOME;
    if (journey.outcomes().satisfaction() != null) {
      in.add(new Input(FeatureColumns.SATISFACTION, "satisfaction", outcome, 1, true));
    }
    if (journey.outcomes().recommend() != null) {
      in.add(new Input(FeatureColumns.RECOMMEND, "recommend", outcome, 0.1, true));
    }
    if (journey.outcomes().effort() != null) {
      in.add(new Input(FeatureColumns.EFFORT, "effort", outcome, 1, true));
    }
    FeatureGroup.Kind customer = FeatureGroup.Kind.CUSTOMER;
    in.add(new Input(FeatureColumns.TENURE_DAYS, "tenure", customer, 1, true));
    in.add(new Input(io.cx.common.contract.Cols.ANNUAL_VALUE, "annual_value", customer, 1, true));
    checkUnique(journey, in);
    return new FeaturePlan(in);
  }

  private static void checkUnique(JourneyMap journey, List<Input> in) {
    Set<String> seen = new HashSet<>();
    seen.add(SEGMENT_GROUP);
    for (Input i : in) {
      if (!seen.add(i.group())) {
        Problems p = new Problems(journey.sourceFile());
        p.add(
            "stages",
            "id '"
                + i.group()
                + "' is also the name of a churn model input (satisfaction, recommend, effort,"
                + " tenure, annual_value, segment); rename the touchpoint or metric");
        p.throwIfAny();
      }
    }
  }

  public List<Input> inputs() {
    return inputs;
  }

  /** The journey_features columns the plan reads (segment included). */
  public List<String> columns() {
    List<String> out = new ArrayList<>();
    inputs.forEach(i -> out.add(i.column()));
    out.add(io.cx.common.contract.Cols.SEGMENT);
    return out;
  }

  /**
   * Fits the imputation means and segment levels on the training rows (each mean over its column's
   * non-null values, in partition order, so the same rows give the same bits).
   */
  public Vectorizer fit(Dataset<Row> fitRows) {
    List<String> cols = inputs.stream().map(Input::column).toList();
    int k = cols.size();
    List<org.apache.spark.sql.Column> select = new ArrayList<>();
    cols.forEach(c -> select.add(col(c).cast("double")));
    select.add(col(io.cx.common.contract.Cols.SEGMENT));
    Moments m =
        PartitionFold.fold(
            fitRows.select(select.toArray(org.apache.spark.sql.Column[]::new)),
            it -> {
              Moments s = new Moments(k);
              while (it.hasNext()) {
                Row r = it.next();
                for (int i = 0; i < k; i++) {
                  if (!r.isNullAt(i) && Double.isFinite(r.getDouble(i))) {
                    s.sum[i] += r.getDouble(i);
                    s.count[i]++;
                  }
                }
                if (!r.isNullAt(k)) {
                  s.segments.merge(r.getString(k), 1L, Long::sum);
                }
              }
              return s;
            },
            Moments::merge);
    double[] means = new double[k];
    for (int i = 0; i < k; i++) {
      means[i] = m.count[i] > 0 ? inputs.get(i).scale() * m.sum[i] / m.count[i] : 0.0;
    }
    return new Vectorizer(inputs, means, segmentLevels(m.segments));
  }

  /** One partition's sums, counts and segment counts. */
  private static final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] sum;
    final double[] count;
    final TreeMap<String, Long> segments = new TreeMap<>();

    Moments(int k) {
      sum = new double[k];
      count = new double[k];
    }

    Moments merge(Moments o) {
      PartitionFold.addInto(sum, o.sum);
      PartitionFold.addInto(count, o.count);
      o.segments.forEach((s, n) -> segments.merge(s, n, Long::sum));
      return this;
    }
  }

  /** The most frequent segments (ties: by name), then sorted by name. */
  static List<String> segmentLevels(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(
        Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    List<String> levels = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_SEGMENT_LEVELS, sorted.size()); i++) {
      levels.add(sorted.get(i).getKey());
    }
    levels.sort(Comparator.naturalOrder());
    return levels;
  }
}
