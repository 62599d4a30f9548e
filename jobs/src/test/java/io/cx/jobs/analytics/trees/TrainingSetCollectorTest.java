package io.cx.jobs.analytics.trees;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A Spark training set gathered to the driver: values, weights, categorical features, errors. */
class TrainingSetCollectorTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("features", SQLDataTypes.VectorType(), true)
          .add("label", DataTypes.IntegerType, true)
          .add("w", DataTypes.DoubleType, true)
          .add("name", DataTypes.StringType, true);

  private static Dataset<Row> frame(List<Row> rows, Attribute... attributes) {
    Dataset<Row> df = SharedSpark.get().createDataFrame(rows, SCHEMA).repartition(2);
    if (attributes.length == 0) {
      return df;
    }
    AttributeGroup group = new AttributeGroup("features", attributes);
    return df.withColumn("features", col("features").as("features", group.toMetadata()));
  }

  private static List<Row> rows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          RowFactory.create(
              i % 2 == 0
                  ? Vectors.dense(i, i % 3, i % 2)
                  : Vectors.sparse(3, new int[] {1}, new double[] {i % 3}),
              i % 2,
              1.0 + i,
              "r" + i));
    }
    return rows;
  }

  @Test
  void collectsValuesWeightsAndCategoricalFeatures() {
    Dataset<Row> df =
        frame(
            rows(40),
            NumericAttribute.defaultAttr().withName("x"),
            NominalAttribute.defaultAttr().withName("level").withNumValues(3),
            BinaryAttribute.defaultAttr().withName("flag"));
    TrainingSet data = TrainingSetCollector.collect(df, "features", "label", "w");
    assertEquals(40, data.rows());
    assertEquals(3, data.features());
    assertEquals(0, data.levels(0));
    assertEquals(3, data.levels(1));
    assertEquals(2, data.levels(2));
    double weightSum = 0;
    for (int i = 0; i < data.rows(); i++) {
      // Row order is not guaranteed after a shuffle; the weight identifies the row.
      int id = (int) data.weight(i) - 1;
      assertEquals(id % 2 == 0 ? id : 0, data.value(i, 0));
      assertEquals(id % 3, data.value(i, 1));
      assertEquals(id % 2, data.label(i));
      weightSum += data.weight(i);
    }
    assertEquals(40 * 41 / 2.0, weightSum);
  }

  @Test
  void withoutMetadataAndWeightsEveryFeatureIsContinuousAndEveryWeightOne() {
    TrainingSet data = TrainingSetCollector.collect(frame(rows(10)), "features", "label", null);
    assertEquals(3, data.features());
    for (int f = 0; f < 3; f++) {
      assertFalse(data.isCategorical(f));
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(1.0, data.weight(i));
    }
  }

  @Test
  void refusesMissingAndMistypedColumnsBeforeCollecting() {
    Dataset<Row> df = frame(rows(4));
    assertEquals(
        "Cannot collect training set: no column 'y' in [features, label, w, name]",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingSetCollector.collect(df, "features", "y", null))
            .getMessage());
    assertEquals(
        "Cannot collect training set: column 'name' is string, not numeric",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingSetCollector.collect(df, "features", "label", "name"))
            .getMessage());
    assertEquals(
        "Cannot collect training set: column 'label' is int, not an MLlib vector",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingSetCollector.collect(df, "label", "label", null))
            .getMessage());
  }

  @Test
  void refusesNullsAndVectorsOfAnotherLength() {
    List<Row> rows = rows(3);
    rows.add(RowFactory.create(Vectors.dense(1, 2), 1, 1.0, "short"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingSetCollector.collect(frame(rows), "features", "label", null))
            .getMessage()
            .matches(
                "Cannot collect training set: row \\d of 'features' has \\d features, expected \\d"));
    List<Row> nullLabel = rows(2);
    nullLabel.add(RowFactory.create(Vectors.dense(1, 2, 3), null, 1.0, "x"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingSetCollector.collect(frame(nullLabel), "features", "label", null))
            .getMessage()
            .matches("Cannot collect training set: row \\d has a null 'label'"));
  }

  @Test
  void memoryEstimateIsTheDocumentedPeak() {
    assertEquals(100_000L * (24 * 30 + 216), TrainingSetCollector.estimateBytes(100_000, 30));
    assertTrue(TrainingSetCollector.fitsInMemory(100_000, 30, 100_000_000));
    assertFalse(TrainingSetCollector.fitsInMemory(100_000, 30, 90_000_000));
    assertFalse(TrainingSetCollector.fitsInMemory(3_000_000_000L, 1, Long.MAX_VALUE));
  }
}
