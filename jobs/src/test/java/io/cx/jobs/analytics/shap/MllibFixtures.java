package io.cx.jobs.analytics.shap;

import static org.apache.spark.sql.functions.col;

import io.cx.common.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small MLlib models trained once per test JVM on the shared session, on seeded data with five
 * features: x0 and x1 continuous and informative, x2 categorical (3 values, declared in the
 * column's metadata so MLlib makes categorical splits), x3 noise, and x4 constant, which no tree
 * can split on.
 */
final class MllibFixtures {
  static final int ROWS = 240;
  static final List<String> NAMES = List.of("x0", "x1", "x2", "x3", "x4");
  static final int CONSTANT_FEATURE = 4;

  private static Dataset<Row> data;
  private static List<double[]> rows;
  private static DecisionTreeRegressionModel tree;
  private static GBTRegressionModel gbtRegressor;
  private static GBTClassificationModel gbtClassifier;
  private static RandomForestRegressionModel forest;

  private MllibFixtures() {}

  /** Columns: id (string), segment (string, some null), label, churned (0/1), features. */
  static synchronized Dataset<Row> data() {
    if (data == null) {
      Random rnd = new Random(11);
      List<Row> list = new ArrayList<>();
      List<double[]> xs = new ArrayList<>();
      String[] segments = {"consumer", "smb", "enterprise", null};
      for (int i = 0; i < ROWS; i++) {
        double x0 = rnd.nextDouble();
        double x1 = rnd.nextDouble();
        double x2 = rnd.nextInt(3);
        double x3 = rnd.nextGaussian();
        double[] x = {x0, x1, x2, x3, 1.0};
        double label =
            2 * x0
                + (x1 > 0.5 ? 1 : 0)
                + (x2 == 1 ? 0.7 : 0)
                - 0.4 * x0 * x1
                + 0.1 * rnd.nextGaussian();
        double margin = 3 * (x0 - 0.5) + (x2 == 2 ? 1.2 : -0.3) + 0.8 * (x1 - 0.5);
        double churned = rnd.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
        xs.add(x);
        list.add(
            RowFactory.create(
                "c" + i, segments[i % segments.length], label, churned, Vectors.dense(x)));
      }
      StructType schema =
          new StructType()
              .add("id", DataTypes.StringType, false)
              .add("segment", DataTypes.StringType, true)
              .add("label", DataTypes.DoubleType, false)
              .add("churned", DataTypes.DoubleType, false)
              .add("features", SQLDataTypes.VectorType(), false);
      Attribute[] attrs = {
        NumericAttribute.defaultAttr().withName("x0"),
        NumericAttribute.defaultAttr().withName("x1"),
        NominalAttribute.defaultAttr().withName("x2").withNumValues(3),
        NumericAttribute.defaultAttr().withName("x3"),
        NumericAttribute.defaultAttr().withName("x4")
      };
      AttributeGroup group = new AttributeGroup("features", attrs);
      data =
          SharedSpark.get()
              .createDataFrame(list, schema)
              .repartition(3)
              .withColumn("features", col("features").as("features", group.toMetadata()))
              .cache();
      rows = xs;
    }
    return data;
  }

  /** The feature rows, in generation order. */
  static synchronized List<double[]> rows() {
    data();
    return rows;
  }

  static synchronized DecisionTreeRegressionModel tree() {
    if (tree == null) {
      tree = new DecisionTreeRegressor().setMaxDepth(5).setSeed(3).fit(data());
    }
    return tree;
  }

  static synchronized GBTRegressionModel gbtRegressor() {
    if (gbtRegressor == null) {
      gbtRegressor =
          new GBTRegressor().setMaxIter(8).setMaxDepth(4).setStepSize(0.3).setSeed(5).fit(data());
    }
    return gbtRegressor;
  }

  static synchronized GBTClassificationModel gbtClassifier() {
    if (gbtClassifier == null) {
      gbtClassifier =
          new GBTClassifier()
              .setLabelCol("churned")
              .setMaxIter(8)
              .setMaxDepth(3)
              .setSeed(7)
              .fit(data());
    }
    return gbtClassifier;
  }

  static synchronized RandomForestRegressionModel forest() {
    if (forest == null) {
      forest = new RandomForestRegressor().setNumTrees(8).setMaxDepth(4).setSeed(9).fit(data());
    }
    return forest;
  }

  static Vector vector(double[] x) {
    return Vectors.dense(x);
  }
}
