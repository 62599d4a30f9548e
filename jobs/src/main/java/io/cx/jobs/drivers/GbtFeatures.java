package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.shap.CrossFittedShap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The feature vector of the shap_gbt model of one journey: every touchpoint score, every objective
 * metric and the segment.
 *
 * <p><b>Missing values.</b> MLlib's trees have no notion of a missing value, and a touchpoint the
 * customer did not experience is missing, not a score of 0. So a missing touchpoint is encoded as
 * {@value #MISSING_TOUCHPOINT}, outside the 0..1 scale: one split (at a threshold between -1 and
 * the lowest score) separates "not experienced" from every score, and that touchpoint's SHAP value
 * carries the effect of not having experienced it. A missing metric (an {@code avg}, {@code max} or
 * {@code pNN} metric of a customer without events) is likewise encoded below every observed value
 * of that metric: its smallest value in the run, rounded down, minus 1.
 *
 * <p><b>Segment.</b> A categorical feature (MLlib categorical splits), so the model can adjust for
 * segments whose customers rate differently; it is a control, not a driver: its SHAP values are not
 * reported and not counted in the shares. The {@value #MAX_SEGMENT_LEVELS} - 1 largest segments (by
 * responses with the target) keep their own category, the others share one, because MLlib needs as
 * many bins as categories. Left out when there is only one segment.
 *
 * <p><b>Noise baseline and folds</b> ({@link CrossFittedShap}). The last feature, {@link
 * CrossFittedShap#NOISE}, is pure noise ({@link CrossFittedShap#noise}); it is not a driver and not
 * in the shares. The rows carry their fold ({@link CrossFittedShap#FOLD}, from a hash of the
 * customer id), for the cross-fitting.
 */
final class GbtFeatures {
  static final double MISSING_TOUCHPOINT = -1.0;
  static final int MAX_SEGMENT_LEVELS = 32;
  static final String FEATURES = "__features";
  static final String LABEL = "__label";
  static final String SEGMENT_FEATURE = "segment";

  private final List<String> names;
  private final List<Column> values;
  private final List<Attribute> attributes;
  private final long seed;

  private GbtFeatures(
      List<String> names, List<Column> values, List<Attribute> attributes, long seed) {
    this.names = names;
    this.values = values;
    this.attributes = attributes;
    this.seed = seed;
  }

  /**
   * @param metricMin smallest observed value of each metric id of the journey
   * @param segmentSizes responses with the target per segment
   * @param seed seed of the noise feature and of the folds
   */
  static GbtFeatures of(
      JourneyLayout layout,
      Map<String, Double> metricMin,
      Map<String, Long> segmentSizes,
      long seed) {
    List<String> names = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    List<Attribute> attributes = new ArrayList<>();
    for (String c : layout.touchpointColumns()) {
      names.add(c);
      values.add(orElse(c, MISSING_TOUCHPOINT));
      attributes.add(NumericAttribute.defaultAttr().withName(c));
    }
    for (int m = 0; m < layout.metricCount(); m++) {
      String c = layout.metricColumns().get(m);
      Double min = metricMin.get(layout.metrics().get(m));
      names.add(c);
      values.add(orElse(c, min == null ? 0.0 : Math.floor(min) - 1));
      attributes.add(NumericAttribute.defaultAttr().withName(c));
    }
    if (segmentSizes.size() >= 2) {
      List<String> bySize =
          segmentSizes.entrySet().stream()
              .sorted(
                  Comparator.comparing(Map.Entry<String, Long>::getValue)
                      .reversed()
                      .thenComparing(Map.Entry::getKey))
              .map(Map.Entry::getKey)
              .toList();
      int own = Math.min(bySize.size(), MAX_SEGMENT_LEVELS - 1);
      boolean other = bySize.size() > own;
      Column level = lit((double) own);
      for (int i = own - 1; i >= 0; i--) {
        level = when(col(Cols.SEGMENT).equalTo(bySize.get(i)), (double) i).otherwise(level);
      }
      names.add(SEGMENT_FEATURE);
      values.add(level);
      attributes.add(
          NominalAttribute.defaultAttr()
              .withName(SEGMENT_FEATURE)
              .withNumValues(own + (other ? 1 : 0)));
    }
    names.add(CrossFittedShap.NOISE);
    values.add(CrossFittedShap.noise(seed));
    attributes.add(NumericAttribute.defaultAttr().withName(CrossFittedShap.NOISE));
    return new GbtFeatures(names, values, attributes, seed);
  }

  private static Column orElse(String column, double missing) {
    return when(InputProfile.present(col(column)), col(column).cast("double")).otherwise(missing);
  }

  /**
   * Feature names, in vector order: touchpoint columns, metric columns, maybe segment, then the
   * noise feature.
   */
  List<String> names() {
    return names;
  }

  /**
   * The rows with the features vector (carrying MLlib's attribute metadata, so the segment is
   * categorical), the label, the weight, the segment and the fold.
   */
  Dataset<Row> apply(Dataset<Row> rows, Column label) {
    AttributeGroup group = new AttributeGroup(FEATURES, attributes.toArray(new Attribute[0]));
    Column vector =
        org.apache
            .spark
            .ml
            .functions
            .array_to_vector(array(values.toArray(new Column[0])))
            .as(FEATURES, group.toMetadata());
    return rows.select(
        vector,
        label.as(LABEL),
        InputProfile.weight().as(Cols.WEIGHT),
        col(Cols.SEGMENT),
        CrossFittedShap.fold(seed).as(CrossFittedShap.FOLD));
  }
}
