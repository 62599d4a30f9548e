package io.cx.jobs.drivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Outcomes;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import io.cx.common.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * journey_features frames built by hand for the driver tests, with exactly the columns the fuse job
 * writes (fixed part, {@code tp_<id>}, {@code m_<id>}, run_date), a journey map to go with them,
 * and driver options.
 */
final class DriverTestData {
  static final LocalDate RUN_DATE = LocalDate.of(2024, 6, 30);
  static final String RUN_ID = "run-test";

  private static JsonNode golden;

  private DriverTestData() {}

  /**
   * Journey "shop": purchase (checkout, payment; metric payment_errors), delivery (delivery; metric
   * delay_hours), support (support).
   */
  static JourneyMap shop() {
    return journey(
        "shop",
        new Stage(
            "purchase",
            "Purchase",
            List.of(new Touchpoint("checkout", "Checkout"), new Touchpoint("payment", "Payment")),
            List.of(new Metric("payment_errors", List.of("payment_error"), agg("count")))),
        new Stage(
            "delivery",
            "Delivery",
            List.of(new Touchpoint("delivery", "Delivery")),
            List.of(new Metric("delay_hours", List.of("delivery_completed"), agg("max")))),
        new Stage("support", "Support", List.of(new Touchpoint("support", "Support")), List.of()));
  }

  static JourneyMap journey(String id, Stage... stages) {
    return new JourneyMap(
        id,
        id + ".yaml",
        ZoneId.of("UTC"),
        List.of(stages),
        Map.of(),
        new Outcomes("q_overall", "q_nps", null),
        30,
        null);
  }

  static io.cx.common.journey.Agg agg(String name) {
    return io.cx.common.journey.Agg.parse(name);
  }

  /** Default options (the README's), methods and replicates as given. */
  static DriverOptions options(int replicates, String... methods) {
    return new Options().replicates(replicates).methods(methods).build();
  }

  /** Driver options with the defaults of the {@code drivers:} section, changed key by key. */
  static final class Options {
    int minN = 100;
    int minNSegment = 50;
    int replicates = 200;
    List<String> methods = DriverOptions.ALL_METHODS;
    int gbtTrees = 50;
    int thresholdSample = 200_000;
    int permutations = 999;

    Options replicates(int r) {
      this.replicates = r;
      return this;
    }

    Options methods(String... m) {
      this.methods = m.length == 0 ? DriverOptions.ALL_METHODS : List.of(m);
      return this;
    }

    Options minN(int n) {
      this.minN = n;
      return this;
    }

    Options thresholdSample(int n) {
      this.thresholdSample = n;
      return this;
    }

    Options permutations(int n) {
      this.permutations = n;
      return this;
    }

    DriverOptions build() {
      return new DriverOptions(
          minN,
          minNSegment,
          replicates,
          42,
          permutations,
          methods,
          30,
          0.25,
          0.75,
          30,
          null,
          null,
          gbtTrees,
          4,
          0.1,
          0.8,
          5,
          thresholdSample,
          0.05);
    }
  }

  /** The schema of journey_features for one journey map, as the fuse job writes it. */
  static StructType schema(JourneyMap map) {
    return FeatureColumns.schemaOf(map);
  }

  /**
   * journey_features rows of one journey from maps holding response_id, segment, weight,
   * satisfaction, recommend and the tp_/m_ columns (absent or null = missing), and customer_id
   * (absent: one customer per response).
   */
  static Dataset<Row> features(JourneyMap map, List<Map<String, Object>> responses) {
    StructType schema = schema(map);
    List<Row> rows = new ArrayList<>();
    Timestamp at = Timestamp.valueOf("2024-06-29 12:00:00");
    for (Map<String, Object> r : responses) {
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < v.length; i++) {
        String name = schema.fields()[i].name();
        v[i] =
            switch (name) {
              case Cols.CUSTOMER_ID ->
                  r.getOrDefault(Cols.CUSTOMER_ID, "c-" + r.get(Cols.RESPONSE_ID));
              case Cols.SUBMITTED_AT -> at;
              case Cols.JOURNEY -> map.id();
              case Cols.CHANNEL -> "app";
              case Cols.REGION -> "north";
              case "tenure_days" -> 100;
              case Cols.ANNUAL_VALUE -> 250.0;
              case Cols.WEIGHT -> r.getOrDefault(Cols.WEIGHT, 1.0);
              case Cols.RUN_DATE -> Date.valueOf(RUN_DATE);
              default -> r.get(name);
            };
      }
      rows.add(RowFactory.create(v));
    }
    return SharedSpark.get().createDataFrame(rows, schema).repartition(3);
  }

  /** The golden data set written by driver_job_golden.py. */
  static synchronized JsonNode golden() {
    if (golden == null) {
      try (InputStream in =
          DriverTestData.class.getResourceAsStream("/drivers/driver_job_golden.json")) {
        golden = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return golden;
  }

  /** The golden rows as journey_features of {@link #shop()}. */
  static Dataset<Row> goldenFeatures() {
    List<Map<String, Object>> responses = new ArrayList<>();
    for (JsonNode r : golden().get("rows")) {
      Map<String, Object> m = new LinkedHashMap<>();
      r.fields()
          .forEachRemaining(
              e ->
                  m.put(
                      e.getKey(),
                      e.getValue().isNull()
                          ? null
                          : e.getValue().isTextual()
                              ? e.getValue().asText()
                              : e.getValue().asDouble()));
      responses.add(m);
    }
    return features(shop(), responses);
  }

  /** The rows of a result frame as maps, for lookups in tests. */
  static List<Map<String, Object>> maps(Dataset<Row> df) {
    List<Map<String, Object>> out = new ArrayList<>();
    String[] names = df.columns();
    for (Row r : df.collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], r.get(i));
      }
      out.add(m);
    }
    return out;
  }
}
