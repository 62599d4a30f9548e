package io.cx.jobs.analytics.shap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ShapSummary's one pass against TreeShap.values on the collected rows. */
class ShapSummaryTest {
  private static final double TOL = 1e-12;
  private static Dataset<Row> data;
  private static List<Row> collected;
  private static TreeEnsemble model;
  private static Broadcast<TreeEnsemble> broadcast;

  @BeforeAll
  static void setUp() {
    model = TreeEnsemble.fromModel(MllibFixtures.gbtClassifier());
    broadcast =
        JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()).broadcast(model);
    // Every other row carries a sparse vector: both kinds must give the same values.
    Dataset<Row> base = MllibFixtures.data().select("id", "segment", "features");
    List<Row> rows = new ArrayList<>();
    List<Row> in = base.collectAsList();
    for (int i = 0; i < in.size(); i++) {
      Vector v = (Vector) in.get(i).get(2);
      rows.add(
          RowFactory.create(in.get(i).get(0), in.get(i).get(1), i % 2 == 0 ? v : v.toSparse()));
    }
    data = SharedSpark.get().createDataFrame(rows, base.schema()).repartition(4);
    collected = rows;
  }

  private static double[] shap(Row r) {
    return TreeShap.values(model, ((Vector) r.get(2)).toArray());
  }

  @Test
  void meanAbsoluteShapOverallAndPerSegment() {
    Expected expected = new Expected("unknown");

    ShapSummary.Result r =
        ShapSummary.of(broadcast, MllibFixtures.NAMES).groupBy("segment").execute(data);

    assertEquals(model.expectedValue(), r.expectedValue());
    assertEquals(Set.of("consumer", "smb", "enterprise", "unknown"), r.byGroup().keySet());
    assertEquals(MllibFixtures.ROWS, r.overall().n());
    expected.check(OVERALL, r.overall());
    r.byGroup().forEach(expected::check);
    assertEquals(0.0, r.overall().meanAbs("x4"), "constant feature");
    assertTrue(r.overall().meanAbs("x0") > 0);

    ShapSummary.Result ungrouped = ShapSummary.of(broadcast, MllibFixtures.NAMES).execute(data);
    assertTrue(ungrouped.byGroup().isEmpty());
    expected.check(OVERALL, ungrouped.overall());
  }

  @Test
  void surveyWeightsWeighTheMeans() {
    List<Row> weighted = new ArrayList<>();
    Map<String, double[]> sumAbs = new HashMap<>();
    Map<String, Double> weightSum = new HashMap<>();
    for (int i = 0; i < collected.size(); i++) {
      Row r = collected.get(i);
      double w = 0.5 + (i % 4);
      weighted.add(RowFactory.create(r.get(0), r.get(1), r.get(2), w));
      double[] phi = shap(r);
      for (String key : new String[] {r.isNullAt(1) ? "unknown" : r.getString(1), OVERALL}) {
        double[] a = sumAbs.computeIfAbsent(key, k -> new double[phi.length]);
        for (int j = 0; j < phi.length; j++) {
          a[j] += w * Math.abs(phi[j]);
        }
        weightSum.merge(key, w, Double::sum);
      }
    }
    Dataset<Row> df =
        SharedSpark.get()
            .createDataFrame(
                weighted, data.schema().add("w", org.apache.spark.sql.types.DataTypes.DoubleType))
            .repartition(3);
    ShapSummary.Result r =
        ShapSummary.of(broadcast, MllibFixtures.NAMES)
            .groupBy("segment")
            .weightCol("w")
            .execute(df);
    Map<String, ShapImportance> all = new HashMap<>(r.byGroup());
    all.put(OVERALL, r.overall());
    all.forEach(
        (key, imp) -> {
          assertEquals(weightSum.get(key), imp.weightSum(), 1e-9, key);
          for (int j = 0; j < imp.features().size(); j++) {
            assertEquals(
                sumAbs.get(key)[j] / weightSum.get(key), imp.meanAbs(j), TOL, key + " " + j);
          }
        });
    assertEquals(MllibFixtures.ROWS, r.overall().n());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShapSummary.of(broadcast, MllibFixtures.NAMES).weightCol("id").execute(data));
    assertEquals("Cannot summarise SHAP: weight column 'id' must be a double", e.getMessage());
  }

  @Test
  void featureSumsAreScaledSumsOfTheirFeaturesWithTheMomentsOfTheirValue() {
    // a = x0 + x3, valued by x0, "missing" where x2 != 0; b = x1 alone; c = x2 + x4, no value.
    List<FeatureSum> sums =
        List.of(
            new FeatureSum("a", List.of("x0", "x3"), "x0", "x2"),
            FeatureSum.of("x1"),
            new FeatureSum("c", List.of("x2", "x4"), null, null));
    double scale = 2.0;
    Map<String, double[][]> expected = new HashMap<>();
    for (Row r : collected) {
      double[] x = ((Vector) r.get(2)).toArray();
      double[] phi = shap(r);
      double[] c = {
        (phi[0] + phi[3]) * scale, phi[1] * scale, (phi[2] + phi[4]) * scale,
      };
      double[] value = {x[0], x[1], Double.NaN};
      boolean[] answered = {x[2] == 0, true, false};
      for (String key : new String[] {r.isNullAt(1) ? "unknown" : r.getString(1), OVERALL}) {
        // per sum: n, Σ|c|, Σc, Σx, Σx·c, answered, Σx over answered
        double[][] e = expected.computeIfAbsent(key, k -> new double[3][7]);
        for (int g = 0; g < 3; g++) {
          e[g][0]++;
          e[g][1] += Math.abs(c[g]);
          e[g][2] += c[g];
          e[g][3] += value[g];
          e[g][4] += value[g] * c[g];
          e[g][5] += answered[g] ? 1 : 0;
          e[g][6] += answered[g] ? value[g] : 0;
        }
      }
    }

    ShapSummary.Result r =
        ShapSummary.of(broadcast, MllibFixtures.NAMES)
            .sumFeatures(sums)
            .scale(scale)
            .groupBy("segment")
            .execute(data);

    assertEquals(scale * model.expectedValue(), r.expectedValue(), TOL);
    Map<String, ShapImportance> all = new HashMap<>(r.byGroup());
    all.put(OVERALL, r.overall());
    assertEquals(expected.keySet(), all.keySet());
    all.forEach(
        (key, imp) -> {
          assertEquals(List.of("a", "x1", "c"), imp.features());
          for (int g = 0; g < 3; g++) {
            double[] e = expected.get(key)[g];
            double n = e[0];
            String what = key + " " + imp.features().get(g);
            assertEquals((long) n, imp.n(), what);
            assertEquals(e[1] / n, imp.meanAbs(g), TOL, what + " |shap|");
            assertEquals(e[2] / n, imp.mean(g), TOL, what + " shap");
            if (g < 2) {
              assertEquals(
                  e[4] / n - (e[3] / n) * (e[2] / n), imp.covariance(g), TOL, what + " cov");
              assertEquals((long) e[5], imp.answered(g), what + " answered");
              assertEquals(e[6] / e[5], imp.meanAnswered(g), TOL, what + " mean answered");
            } else {
              assertTrue(Double.isNaN(imp.covariance(g)), what + " has no value");
              assertEquals(0, imp.answered(g), what);
              assertTrue(Double.isNaN(imp.meanAnswered(g)), what);
            }
          }
        });
    // Some rows are "missing" a, some not; a's covariance is non-trivial.
    assertTrue(r.overall().answered(0) > 0 && r.overall().answered(0) < MllibFixtures.ROWS);
    assertTrue(r.overall().covariance(0) > 0, "a higher x0 raises the margin");
    // Summing and scaling only regroups the values: Σ over sums of the mean signed SHAP is the
    // scaled Σ over the features.
    ShapImportance plain = ShapSummary.of(broadcast, MllibFixtures.NAMES).execute(data).overall();
    double features = 0;
    for (double v : plain.mean()) {
      features += v;
    }
    double summed = 0;
    for (double v : r.overall().mean()) {
      summed += v;
    }
    assertEquals(scale * features, summed, 1e-9);
  }

  @Test
  void checksTheSchemaFirst() {
    ShapSummary s = ShapSummary.of(broadcast, MllibFixtures.NAMES);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.featuresCol("feats").execute(data));
    assertEquals(
        "Cannot summarise SHAP: no features column 'feats' in [id, segment, features]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.featuresCol("id").execute(data));
    assertEquals(
        "Cannot summarise SHAP: column 'id' must be a vector, it is string", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ShapSummary.of(broadcast, List.of("a", "b")),
        "one name per feature");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShapSummary.of(broadcast, MllibFixtures.NAMES)
                    .sumFeatures(List.of(new FeatureSum("a", List.of("x0", "x9"), null, null))));
    assertEquals(
        "Cannot summarise SHAP: feature sum 'a' names unknown feature 'x9'; features are"
            + " [x0, x1, x2, x3, x4]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShapSummary.of(broadcast, MllibFixtures.NAMES)
                    .sumFeatures(List.of(FeatureSum.of("x0"), FeatureSum.of("x0"))));
    assertEquals("Cannot summarise SHAP: feature sum 'x0' is named twice", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShapSummary.of(broadcast, MllibFixtures.NAMES).scale(Double.NaN));
    assertEquals(
        "Cannot scale SHAP values by NaN: the factor must be finite and > 0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new FeatureSum("a", List.of("x0"), null, "x4"),
        "a missing indicator without a value feature");
  }

  private static final String OVERALL = "*overall*";

  /** Sums of SHAP values per segment (and overall) from TreeShap.values on the collected rows. */
  private static final class Expected {
    final Map<String, double[]> sumAbs = new HashMap<>();
    final Map<String, double[]> sum = new HashMap<>();
    final Map<String, Long> n = new HashMap<>();

    Expected(String nullLabel) {
      for (Row r : collected) {
        String g = r.isNullAt(1) ? nullLabel : r.getString(1);
        double[] phi = shap(r);
        for (String key : new String[] {g, OVERALL}) {
          double[] a = sumAbs.computeIfAbsent(key, k -> new double[phi.length]);
          double[] s = sum.computeIfAbsent(key, k -> new double[phi.length]);
          for (int i = 0; i < phi.length; i++) {
            a[i] += Math.abs(phi[i]);
            s[i] += phi[i];
          }
          n.merge(key, 1L, Long::sum);
        }
      }
    }

    void check(String key, ShapImportance imp) {
      assertEquals(n.get(key).longValue(), imp.n(), key);
      for (int i = 0; i < imp.features().size(); i++) {
        assertEquals(sumAbs.get(key)[i] / n.get(key), imp.meanAbs(i), TOL, key + " |shap| " + i);
        assertEquals(sum.get(key)[i] / n.get(key), imp.mean(i), TOL, key + " shap " + i);
      }
    }
  }
}
