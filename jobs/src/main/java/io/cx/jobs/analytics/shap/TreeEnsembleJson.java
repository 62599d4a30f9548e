package io.cx.jobs.analytics.shap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stable on-disk form of a {@link TreeEnsemble}: one JSON object, so a fitted model can be
 * saved and reloaded without MLlib. Reading gives an ensemble equal to the one written, with
 * bit-identical predictions and expected value (doubles are written in their shortest round-trip
 * form).
 *
 * <pre>{@code
 * {"format": "cx.tree-ensemble", "version": 1, "numFeatures": 3,
 *  "roots": [0, 1], "treeWeights": [1.0, 0.1],
 *  "nodes": {                        one entry per node, depth-first pre-order, tree after tree
 *    "feature":    [-1, 2, -1, -1],  -1 for a leaf
 *    "threshold":  [null, 0.5, null, null],        continuous splits only: x <= threshold left
 *    "categories": [null, null, null, null],       categorical splits only: the kept set, sorted
 *    "categoriesGoLeft": [false, false, false, false],  whether kept values go left
 *    "left":  [-1, 2, -1, -1], "right": [-1, 3, -1, -1],
 *    "value": [0.3, 0.0, -1.2, 0.8],               leaf values (0 for splits)
 *    "cover": [100.0, 100.0, 60.0, 40.0]}}
 * }</pre>
 *
 * A reader rebuilds the ensemble through {@link TreeEnsembleBuilder}, so a file that describes no
 * valid ensemble (a child before its parent, a cover of 0, a feature out of range) is refused.
 * {@link #VERSION} changes whenever a field is added, removed or changes meaning.
 */
public final class TreeEnsembleJson {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "cx.tree-ensemble";

  /** The version this class writes and the only one it reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TreeEnsembleJson() {}

  /** Writes {@code e} to {@code path}, replacing the file. */
  public static void save(TreeEnsemble e, Path path) {
    try (OutputStream out = Files.newOutputStream(path)) {
      write(e, out);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot write tree ensemble to " + path, ex);
    }
  }

  /** Reads the ensemble stored at {@code path}. */
  public static TreeEnsemble load(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read tree ensemble from " + path, ex);
    }
  }

  /** Writes {@code e} as JSON to {@code out}, which stays open. */
  public static void write(TreeEnsemble e, OutputStream out) throws IOException {
    try (JsonGenerator g =
        new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      int n = e.numNodes();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeNumberField("numFeatures", e.numFeatures());
      g.writeArrayFieldStart("roots");
      for (int t = 0; t < e.numTrees(); t++) {
        g.writeNumber(e.root(t));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("treeWeights");
      for (int t = 0; t < e.numTrees(); t++) {
        g.writeNumber(e.treeWeight(t));
      }
      g.writeEndArray();
      g.writeObjectFieldStart("nodes");
      g.writeArrayFieldStart("feature");
      for (int i = 0; i < n; i++) {
        g.writeNumber(e.isLeaf(i) ? -1 : e.feature(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("threshold");
      for (int i = 0; i < n; i++) {
        if (e.isLeaf(i) || e.isCategorical(i)) {
          g.writeNull();
        } else {
          g.writeNumber(e.threshold(i));
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("categories");
      for (int i = 0; i < n; i++) {
        double[] kept = e.keptCategories(i);
        if (kept == null) {
          g.writeNull();
        } else {
          g.writeArray(kept, 0, kept.length);
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("categoriesGoLeft");
      for (int i = 0; i < n; i++) {
        g.writeBoolean(e.keptCategoriesGoLeft(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("left");
      for (int i = 0; i < n; i++) {
        g.writeNumber(e.left(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("right");
      for (int i = 0; i < n; i++) {
        g.writeNumber(e.right(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("value");
      for (int i = 0; i < n; i++) {
        g.writeNumber(e.value(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("cover");
      for (int i = 0; i < n; i++) {
        g.writeNumber(e.cover(i));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Reads an ensemble written by {@link #write}; {@code in} stays open. */
  public static TreeEnsemble read(InputStream in) throws IOException {
    JsonNode root = MAPPER.readTree(in);
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          "Cannot read tree ensemble: the \"format\" field is not \"" + FORMAT + "\"");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "Cannot read tree ensemble: version "
              + root.path("version")
              + " is not supported (this reader knows version "
              + VERSION
              + ")");
    }
    return build(root);
  }

  /** Rebuilds the ensemble bottom-up: in pre-order every child comes after its parent. */
  private static TreeEnsemble build(JsonNode root) {
    JsonNode nodes = root.path("nodes");
    int n = nodes.path("feature").size();
    JsonNode feature = array(nodes, "feature", n);
    JsonNode threshold = array(nodes, "threshold", n);
    JsonNode categories = array(nodes, "categories", n);
    JsonNode goLeft = array(nodes, "categoriesGoLeft", n);
    JsonNode left = array(nodes, "left", n);
    JsonNode right = array(nodes, "right", n);
    JsonNode value = array(nodes, "value", n);
    JsonNode cover = array(nodes, "cover", n);
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(root.path("numFeatures").asInt());
    int[] id = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      int f = feature.get(i).asInt();
      if (f == TreeEnsemble.LEAF) {
        id[i] = b.leaf(number(value, i), number(cover, i));
        continue;
      }
      int l = left.get(i).asInt();
      int r = right.get(i).asInt();
      if (!(l > i && l < n && r > i && r < n)) {
        throw new IllegalArgumentException(
            "Cannot read tree ensemble: node "
                + i
                + " has children "
                + l
                + " and "
                + r
                + "; children come after their parent in [0, "
                + n
                + ")");
      }
      JsonNode kept = categories.get(i);
      if (kept.isNull()) {
        id[i] = b.split(f, number(threshold, i), id[l], id[r], number(cover, i));
      } else {
        double[] set = new double[kept.size()];
        for (int k = 0; k < set.length; k++) {
          set[k] = number(kept, k);
        }
        id[i] =
            b.keptCategoricalSplit(
                f, set, goLeft.get(i).asBoolean(), id[l], id[r], number(cover, i));
      }
    }
    JsonNode roots = root.path("roots");
    JsonNode weights = array(root, "treeWeights", roots.size());
    for (int t = 0; t < roots.size(); t++) {
      int node = roots.get(t).asInt(-1);
      if (node < 0 || node >= n) {
        throw new IllegalArgumentException(
            "Cannot read tree ensemble: root " + node + " of tree " + t + " is not a node");
      }
      b.addTree(id[node], number(weights, t));
    }
    return b.build();
  }

  private static JsonNode array(JsonNode parent, String field, int size) {
    JsonNode a = parent.path(field);
    if (!a.isArray() || a.size() != size) {
      throw new IllegalArgumentException(
          "Cannot read tree ensemble: field \""
              + field
              + "\" should be an array of "
              + size
              + " entries");
    }
    return a;
  }

  private static double number(JsonNode array, int i) {
    JsonNode v = array.get(i);
    if (!v.isNumber()) {
      throw new IllegalArgumentException(
          "Cannot read tree ensemble: expected a number, got " + v + " at index " + i);
    }
    return v.doubleValue();
  }
}
