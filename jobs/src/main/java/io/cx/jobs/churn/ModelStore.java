package io.cx.jobs.churn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cx.common.spark.TableIO;
import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.shap.TreeEnsembleJson;
import io.cx.jobs.churn.calibration.Calibrator;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.GbtModel;
import io.cx.jobs.churn.model.LogOddsModel;
import io.cx.jobs.churn.model.LogitModel;
import io.cx.jobs.churn.model.TrainedModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run's churn models live: {@code <warehouse>/models/<journey>/<run_date>/}, with the trees
 * ({@value #GBT_FILE}, {@link TreeEnsembleJson}) and {@value #SIDECAR}, a JSON sidecar holding the
 * logistic regression (intercept, coefficients, standard errors) and what reproduces and explains
 * the run: the config hash, the Delta versions of journey_features and churn_labels that were read,
 * the options, the fitted feature plan, each model's calibration, the reliability tables and the
 * metrics ({@link ModelSidecar}). Re-running a date overwrites its files.
 *
 * <p>{@link #load} rebuilds the predictor of a saved run from the sidecar and the saved trees,
 * which gives the same probabilities as the run's churn_scores. Runs saved before cx fitted its own
 * trees hold MLlib's save ({@value #MLLIB_GBT_DIR}/) instead: it is loaded when there is no {@value
 * #GBT_FILE}, and a re-run removes it.
 */
final class ModelStore {
  static final String SIDECAR = "model.json";
  static final String GBT_FILE = "gbt.json";
  static final String MLLIB_GBT_DIR = "gbt";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelStore() {}

  /** The folder of a journey's models for a run date. */
  static String folder(String warehouse, String journey, LocalDate runDate) {
    return TableIO.under(warehouse, "models") + "/" + journey + "/" + runDate;
  }

  static void save(
      SparkSession spark, String folder, TrainedModels models, Map<String, Object> sidecar) {
    try {
      Path path = new Path(folder + "/" + SIDECAR);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(new Path(folder + "/" + MLLIB_GBT_DIR), true);
      try (OutputStream out = fs.create(new Path(folder + "/" + GBT_FILE), true)) {
        TreeEnsembleJson.write(models.gbt().ensemble(), out);
      }
      try (OutputStream out = fs.create(path, true)) {
        JSON.writeValue(out, sidecar);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the churn models under " + folder, e);
    }
  }

  /** The sidecar of a saved run. */
  static JsonNode sidecar(SparkSession spark, String folder) {
    Path path = new Path(folder + "/" + SIDECAR);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = fs.open(path)) {
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the churn model sidecar " + path, e);
    }
  }

  /** The predictor of one model of a saved run ({@code logit} or {@code gbt}). */
  static ChurnPredictor load(SparkSession spark, String folder, String model) {
    JsonNode s = sidecar(spark, folder);
    JsonNode plan = s.get("feature_plan");
    List<FeaturePlan.Input> inputs = new ArrayList<>();
    JsonNode in = plan.get("inputs");
    double[] means = new double[in.size()];
    for (int i = 0; i < in.size(); i++) {
      JsonNode n = in.get(i);
      inputs.add(
          new FeaturePlan.Input(
              n.get("column").asText(),
              n.get("group").asText(),
              FeatureGroup.Kind.valueOf(n.get("kind").asText().toUpperCase(java.util.Locale.ROOT)),
              n.get("scale").asDouble(),
              n.get("indicator").asBoolean()));
      means[i] = n.get("mean").asDouble();
    }
    List<String> levels = new ArrayList<>();
    plan.get("segment_levels").forEach(l -> levels.add(l.asText()));
    Vectorizer v = new Vectorizer(inputs, means, levels);
    LogOddsModel m;
    if (model.equals(LogitModel.NAME)) {
      JsonNode l = s.get("logit");
      m =
          new LogitModel(
              l.get("intercept").asDouble(), doubles(l.get("beta")), doubles(l.get("center")));
    } else {
      m = gbt(spark, folder, s);
    }
    return new ChurnPredictor(v, m, calibrator(s.get("calibration").get(model)));
  }

  private static GbtModel gbt(SparkSession spark, String folder, JsonNode sidecar) {
    Path path = new Path(folder + "/" + GBT_FILE);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return GbtModel.ofMllib(
            TreeEnsemble.fromModel(GBTClassificationModel.load(folder + "/" + MLLIB_GBT_DIR)));
      }
      try (InputStream in = fs.open(path)) {
        return new GbtModel(
            TreeEnsembleJson.read(in), sidecar.get("gbt").get("margin_scale").asDouble());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the churn trees " + path, e);
    }
  }

  private static Calibrator calibrator(JsonNode c) {
    JsonNode p = c.get("parameters");
    return switch (c.get("method").asText()) {
      case "platt" -> new Calibrator.Platt(p.get("a").asDouble(), p.get("b").asDouble());
      case "isotonic" ->
          new Calibrator.Isotonic(
              doubles(p.get("x")),
              doubles(p.get("y")),
              p.get("low").asDouble(),
              p.get("high").asDouble());
      default -> new Calibrator.None();
    };
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }
}
