package io.cx.jobs.analytics.shap;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.analytics.trees.GradientBoostedTrees;
import io.cx.jobs.analytics.trees.Loss;
import io.cx.jobs.analytics.trees.TrainingSetCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulation: churn depends on one driver ({@code real}); a second one ({@code unrelated}, a 1..5
 * score) is pure noise for it. In-sample SHAP of trees fitted on every row (what churn reported
 * before issue 13) gives the unrelated score a sizeable importance; cross-fitted by customer, with
 * a pure-noise feature beside it, the unrelated score is flagged as no larger than noise and the
 * real driver stays above it.
 */
class CrossFittedShapTest {
  private static final long SEED = 42;
  private static final List<String> NAMES = List.of("real", "unrelated", CrossFittedShap.NOISE);
  private static final GradientBoostedTrees.Params TREES =
      new GradientBoostedTrees.Params(50, 4, 0.1, 1.0, 5, 32, 0.0);
  private static Dataset<Row> data;

  @BeforeAll
  static void world() {
    Random rnd = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double real = rnd.nextDouble();
      double unrelated = rnd.nextInt(5) / 4.0;
      double p = 1 / (1 + Math.exp(-(-1.0 + 3.0 * (real - 0.5))));
      rows.add(
          RowFactory.create(
              "r" + i,
              "c" + (i / 2),
              i % 3 == 0 ? "business" : "consumer",
              real,
              unrelated,
              rnd.nextDouble() < p ? 1.0 : 0.0));
    }
    StructType schema =
        new StructType()
            .add(Cols.RESPONSE_ID, DataTypes.StringType)
            .add(Cols.CUSTOMER_ID, DataTypes.StringType)
            .add(Cols.SEGMENT, DataTypes.StringType)
            .add("real", DataTypes.DoubleType)
            .add("unrelated", DataTypes.DoubleType)
            .add("label", DataTypes.DoubleType);
    data =
        SharedSpark.get()
            .createDataFrame(rows, schema)
            .coalesce(2)
            .select(
                col(Cols.SEGMENT),
                col("label"),
                CrossFittedShap.appendNoise(
                        org.apache.spark.ml.functions.array_to_vector(
                            array(col("real"), col("unrelated"))),
                        SEED)
                    .as("features"),
                CrossFittedShap.fold(SEED).as(CrossFittedShap.FOLD))
            .cache();
  }

  private static CrossFittedShap.FoldModel fit(Dataset<Row> train) {
    return new CrossFittedShap.FoldModel(
        GradientBoostedTrees.fit(
            TrainingSetCollector.collect(train, "features", "label", null),
            Loss.LOGISTIC,
            TREES,
            SEED),
        1.0);
  }

  @Test
  void anUnrelatedDriverGetsInSampleImportanceButIsNoLargerThanNoiseHeldOut() {
    // Before: one model on every row, explaining the rows it was fitted on.
    TreeEnsemble all = fit(data).trees();
    Broadcast<TreeEnsemble> bc =
        JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()).broadcast(all);
    ShapImportance inSample = ShapSummary.of(bc, NAMES).execute(data).overall();
    bc.destroy();
    // After: cross-fitted, with the noise feature as the baseline.
    long[] folds = CrossFittedShap.foldRows(data);
    CrossFittedShap shap =
        CrossFittedShap.explain(
            data, folds, NAMES, s -> s.groupBy(Cols.SEGMENT), (train, n) -> fit(train));
    ShapImportance heldOut = shap.overall();
    System.out.printf(
        "in-sample mean |SHAP|: real %.4f, unrelated %.4f, noise %.4f; held-out: real %.4f,"
            + " unrelated %.4f, noise %.4f; folds %d + %d%n",
        inSample.meanAbs("real"),
        inSample.meanAbs("unrelated"),
        inSample.meanAbs(CrossFittedShap.NOISE),
        heldOut.meanAbs("real"),
        heldOut.meanAbs("unrelated"),
        heldOut.meanAbs(CrossFittedShap.NOISE),
        folds[0],
        folds[1]);
    // In-sample, the unrelated score looks like a small driver (8 % of the real one's mean |SHAP|,
    // 0.068 log-odds), and nothing in the old output said it was noise.
    assertTrue(
        inSample.meanAbs("unrelated") > 0.05 * inSample.meanAbs("real"), inSample.toString());
    // Held out, it is no more important than pure noise; the real driver is well above it.
    assertEquals(false, CrossFittedShap.aboveNoise(heldOut.meanAbs("unrelated"), heldOut));
    assertEquals(true, CrossFittedShap.aboveNoise(heldOut.meanAbs("real"), heldOut));
    assertTrue(heldOut.meanAbs("real") > 3 * heldOut.meanAbs(CrossFittedShap.NOISE));
    // Every row is explained once, by the model of the other fold; a customer keeps one fold.
    assertEquals(2000, heldOut.n());
    assertEquals(2000, folds[0] + folds[1]);
    assertEquals(
        heldOut.n(), shap.of("business").n() + shap.of("consumer").n(), shap.byGroup().toString());
    assertEquals(null, shap.of("nobody"));
    long foldsOfOneCustomer =
        SharedSpark.get()
            .createDataFrame(
                List.of(RowFactory.create("c1", "r1"), RowFactory.create("c1", "r2")),
                new StructType()
                    .add(Cols.CUSTOMER_ID, DataTypes.StringType)
                    .add(Cols.RESPONSE_ID, DataTypes.StringType))
            .select(CrossFittedShap.fold(SEED))
            .distinct()
            .count();
    assertEquals(1, foldsOfOneCustomer);
  }

  @Test
  void aFoldWithoutRowsOrModelsWithoutTheNoiseFeatureAreRefused() {
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CrossFittedShap.explain(
                    data, new long[] {2000, 0}, NAMES, s -> s, (train, n) -> fit(train)));
    assertEquals(
        "Cannot cross-fit SHAP: a fold has no rows (rows per fold [2000, 0])", empty.getMessage());
    IllegalArgumentException noNoise =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CrossFittedShap.explain(
                    data,
                    new long[] {1000, 1000},
                    List.of("real", "unrelated", "other"),
                    s -> s,
                    (train, n) -> fit(train)));
    assertEquals(
        "Cannot cross-fit SHAP: no noise feature '__noise' in [real, unrelated, other]",
        noNoise.getMessage());
  }
}
