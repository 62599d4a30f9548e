package io.cx.jobs.analytics.shap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    assertThrows(IllegalStateException.class, r::reasons);

    ShapSummary.Result ungrouped = ShapSummary.of(broadcast, MllibFixtures.NAMES).execute(data);
    assertTrue(ungrouped.byGroup().isEmpty());
    expected.check(OVERALL, ungrouped.overall());
  }

  @Test
  void topReasonsPerRowInTheSamePass() {
    Map<String, List<String>> expectedReasons = new HashMap<>();
    Map<String, double[]> expectedValues = new HashMap<>();
    for (Row r : collected) {
      double[] phi = shap(r);
      List<Integer> top =
          IntStream.range(0, phi.length)
              .boxed()
              .filter(i -> phi[i] > 0)
              .sorted(Comparator.comparingDouble((Integer i) -> -phi[i]).thenComparing(i -> i))
              .limit(2)
              .collect(Collectors.toList());
      expectedReasons.put(
          r.getString(0), top.stream().map(MllibFixtures.NAMES::get).collect(Collectors.toList()));
      expectedValues.put(r.getString(0), top.stream().mapToDouble(i -> phi[i]).toArray());
    }

    Expected expected = new Expected("none");
    ShapSummary.Result r =
        ShapSummary.of(broadcast, MllibFixtures.NAMES)
            .groupBy("segment", "none")
            .topReasons(2, "id", "segment")
            .execute(data);
    try {
      Dataset<Row> reasons = r.reasons();
      assertArrayEquals(
          new String[] {"id", "segment", "top_reasons", "top_contributions"}, reasons.columns());
      List<Row> out = reasons.collectAsList();
      assertEquals(MllibFixtures.ROWS, out.size());
      boolean someRowHasFewerThanTwo = false;
      for (Row row : out) {
        String id = row.getString(0);
        assertEquals(expectedReasons.get(id), row.getList(2), id);
        List<Double> values = row.getList(3);
        assertArrayEquals(
            expectedValues.get(id),
            values.stream().mapToDouble(Double::doubleValue).toArray(),
            TOL);
        someRowHasFewerThanTwo |= values.size() < 2;
      }
      assertTrue(someRowHasFewerThanTwo, "some rows should have fewer than k positive features");
      // The same pass also gave the importance.
      assertEquals(Set.of("consumer", "smb", "enterprise", "none"), r.byGroup().keySet());
      expected.check(OVERALL, r.overall());
      r.byGroup().forEach(expected::check);
      assertTrue(readsFromCache(reasons), "reasons come from the pass's cached output");
    } finally {
      r.close();
    }
    assertFalse(readsFromCache(r.reasons()), "close releases the cache");
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

  private static boolean readsFromCache(Dataset<Row> ds) {
    return ds.queryExecution().withCachedData().toString().contains("InMemoryRelation");
  }

  @Test
  void topPositivePicksLargestPositivesLowerIndexFirstOnTies() {
    double[] phi = {0.1, -0.5, 0.3, 0.3, 0, 0.2};
    int[] top3 = new int[3];
    assertEquals(3, ShapPartitions.topPositive(phi, top3));
    assertArrayEquals(new int[] {2, 3, 5}, top3);
    int[] top9 = new int[9];
    assertEquals(4, ShapPartitions.topPositive(phi, top9));
    assertArrayEquals(new int[] {2, 3, 5, 0}, java.util.Arrays.copyOf(top9, 4));
    assertEquals(0, ShapPartitions.topPositive(new double[] {-1, 0, Double.NaN}, top3));
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
    assertFalse(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ShapSummary.of(broadcast, MllibFixtures.NAMES)
                        .topReasons(1, "top_reasons")
                        .execute(data))
            .getMessage()
            .isEmpty());
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
