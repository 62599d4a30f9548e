package io.cx.jobs.analytics.shap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cx.jobs.analytics.trees.GradientBoostedTrees;
import io.cx.jobs.analytics.trees.Loss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON form of a TreeEnsemble reads back to an equal ensemble, and refuses broken files. */
class TreeEnsembleJsonTest {

  private static String json(TreeEnsemble e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TreeEnsembleJson.write(e, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static TreeEnsemble read(String json) throws IOException {
    return TreeEnsembleJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertSameModel(TreeEnsemble e, TreeEnsemble back, List<double[]> rows) {
    assertEquals(e, back);
    assertEquals(
        Double.doubleToRawLongBits(e.expectedValue()),
        Double.doubleToRawLongBits(back.expectedValue()));
    for (double[] x : rows) {
      assertEquals(
          Double.doubleToRawLongBits(e.predict(x)), Double.doubleToRawLongBits(back.predict(x)));
    }
  }

  @Test
  void smallEnsembleHasTheDocumentedForm() throws IOException {
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(3);
    int split = b.split(2, 0.5, b.leaf(-1.2, 60), b.leaf(0.8, 40));
    int cat = b.categoricalSplit(0, new double[] {0, 1, 2}, 4, b.leaf(1, 7), b.leaf(2, 3));
    TreeEnsemble e = b.addTree(b.leaf(0.3, 100), 1).addTree(split, 0.1).addTree(cat, 0.1).build();
    String expected =
        "{\"format\":\"cx.tree-ensemble\",\"version\":1,\"numFeatures\":3,"
            + "\"roots\":[0,1,4],\"treeWeights\":[1.0,0.1,0.1],\"nodes\":{"
            + "\"feature\":[-1,2,-1,-1,0,-1,-1],"
            + "\"threshold\":[null,0.5,null,null,null,null,null],"
            + "\"categories\":[null,null,null,null,[3.0],null,null],"
            + "\"categoriesGoLeft\":[false,false,false,false,false,false,false],"
            + "\"left\":[-1,2,-1,-1,5,-1,-1],\"right\":[-1,3,-1,-1,6,-1,-1],"
            + "\"value\":[0.3,0.0,-1.2,0.8,0.0,1.0,2.0],"
            + "\"cover\":[100.0,100.0,60.0,40.0,10.0,7.0,3.0]}}";
    assertEquals(expected, json(e));
    assertSameModel(e, read(expected), List.of(new double[] {3, 0, 0.7}, new double[] {9, 0, 0.5}));
  }

  @Test
  void mllibModelsRoundTrip() throws IOException {
    TreeEnsemble gbt = TreeEnsemble.fromModel(MllibFixtures.gbtRegressor());
    assertSameModel(gbt, read(json(gbt)), MllibFixtures.rows());
    TreeEnsemble clf = TreeEnsemble.fromModel(MllibFixtures.gbtClassifier());
    assertSameModel(clf, read(json(clf)), MllibFixtures.rows());
  }

  @Test
  void histogramGbtRoundTripsThroughAFile(@TempDir Path dir) {
    Random r = new Random(5);
    double[][] x = new double[300][3];
    double[] y = new double[300];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian() / 3;
      x[i][1] = r.nextInt(6);
      x[i][2] = Math.scalb(r.nextDouble(), -30);
      y[i] = x[i][1] % 2 == 0 ? 1 : 0;
    }
    TreeEnsemble e =
        GradientBoostedTrees.fit(
            x,
            y,
            null,
            new int[] {0, 6, 0},
            Loss.LOGISTIC,
            new GradientBoostedTrees.Params(15, 4, 0.3, 0.8, 2, 64, 0.2),
            3);
    Path file = dir.resolve("model.json");
    TreeEnsembleJson.save(e, file);
    assertSameModel(e, TreeEnsembleJson.load(file), List.of(x));
  }

  @Test
  void refusesOtherFormatsVersionsAndBrokenTrees() throws IOException {
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(1);
    String good = json(b.addTree(b.split(0, 1.5, b.leaf(1, 1), b.leaf(2, 1)), 1).build());
    assertEquals(
        "Cannot read tree ensemble: the \"format\" field is not \"cx.tree-ensemble\"",
        assertThrows(IllegalArgumentException.class, () -> read("{\"format\":\"other\"}"))
            .getMessage());
    assertEquals(
        "Cannot read tree ensemble: version 2 is not supported (this reader knows version 1)",
        assertThrows(
                IllegalArgumentException.class,
                () -> read(good.replace("\"version\":1", "\"version\":2")))
            .getMessage());
    assertEquals(
        "Cannot read tree ensemble: node 0 has children 0 and 2; children come after their"
            + " parent in [0, 3)",
        assertThrows(
                IllegalArgumentException.class,
                () -> read(good.replace("\"left\":[1,", "\"left\":[0,")))
            .getMessage());
    assertEquals(
        "Cannot read tree ensemble: field \"cover\" should be an array of 3 entries",
        assertThrows(
                IllegalArgumentException.class,
                () -> read(good.replace("\"cover\":[2.0,1.0,1.0]", "\"cover\":[2.0,1.0]")))
            .getMessage());
    assertEquals(
        "Cannot add node: cover must be positive and finite, got 0.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> read(good.replace("\"cover\":[2.0,1.0,1.0]", "\"cover\":[2.0,0.0,1.0]")))
            .getMessage());
  }
}
