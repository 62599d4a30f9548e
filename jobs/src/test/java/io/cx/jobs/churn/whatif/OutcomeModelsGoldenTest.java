package io.cx.jobs.churn.whatif;

import static io.cx.jobs.testing.GoldenJson.assertClose;
import static io.cx.jobs.testing.GoldenJson.matrix;
import static io.cx.jobs.testing.GoldenJson.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.contract.Cols;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.GoldenJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The what-if's outcome regressions and the clustered covariance of their slopes against numpy
 * (outcome_models_golden.py), and the draws against that covariance.
 */
class OutcomeModelsGoldenTest {
  static final JsonNode G = GoldenJson.load("/churn/whatif/outcome_models_golden.json");

  static Dataset<Row> rows() {
    StructType schema =
        new StructType()
            .add(Cols.RESPONSE_ID, DataTypes.StringType, false)
            .add(Cols.CUSTOMER_ID, DataTypes.StringType, false)
            .add("tp_a", DataTypes.DoubleType, true)
            .add("tp_b", DataTypes.DoubleType, true)
            .add("sat", DataTypes.DoubleType, true)
            .add("rec", DataTypes.DoubleType, true);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < G.get("customer").size(); i++) {
      rows.add(
          RowFactory.create(
              String.format("r%03d", i),
              G.get("customer").get(i).asText(),
              value(G.get("a").get(i)),
              value(G.get("b").get(i)),
              value(G.get("satisfaction").get(i)),
              value(G.get("recommend").get(i))));
    }
    return SharedSpark.get().createDataFrame(rows, schema).repartition(3);
  }

  private static Double value(JsonNode n) {
    return n.isNull() ? null : n.asDouble();
  }

  static Map<String, String> outcomes() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(WhatIf.SATISFACTION, "sat");
    out.put(WhatIf.RECOMMEND, "rec");
    return out;
  }

  @Test
  void slopesAndTheirClusteredCovarianceMatchNumpy() {
    OutcomeModels m = OutcomeModels.fit(rows(), List.of("tp_a", "tp_b"), outcomes(), 4000, 7);
    assertClose(
        vector(G.get("slopes").get("satisfaction")),
        m.slopes().get(WhatIf.SATISFACTION),
        1e-9,
        "satisfaction slopes");
    assertClose(
        vector(G.get("slopes").get("recommend")),
        m.slopes().get(WhatIf.RECOMMEND),
        1e-9,
        "recommend slopes");
    double[][] cov = matrix(G.get("covariance"));
    assertEquals(4, m.covariance().length);
    for (int i = 0; i < cov.length; i++) {
      assertClose(cov[i], m.covariance()[i], 1e-8, "covariance[" + i + "]");
    }
    // The draws: mean the slopes, covariance the sandwich (4000 draws: within a few standard
    // errors of each moment).
    assertEquals(4000, m.draws());
    double[][] d = new double[4000][4];
    for (int r = 0; r < 4000; r++) {
      d[r][0] = m.slope(WhatIf.SATISFACTION, 0, r);
      d[r][1] = m.slope(WhatIf.SATISFACTION, 1, r);
      d[r][2] = m.slope(WhatIf.RECOMMEND, 0, r);
      d[r][3] = m.slope(WhatIf.RECOMMEND, 1, r);
    }
    double[] b = {
      m.slope(WhatIf.SATISFACTION, 0),
      m.slope(WhatIf.SATISFACTION, 1),
      m.slope(WhatIf.RECOMMEND, 0),
      m.slope(WhatIf.RECOMMEND, 1)
    };
    for (int i = 0; i < 4; i++) {
      double mean = 0;
      for (double[] row : d) {
        mean += row[i] / d.length;
      }
      double sd = Math.sqrt(cov[i][i]);
      assertEquals(b[i], mean, 4 * sd / Math.sqrt(d.length), "mean of draws " + i);
      double var = 0;
      for (double[] row : d) {
        var += (row[i] - mean) * (row[i] - mean) / (d.length - 1);
      }
      assertEquals(cov[i][i], var, 0.1 * cov[i][i], "variance of draws " + i);
    }
    double cross = 0;
    for (double[] row : d) {
      cross += (row[0] - b[0]) * (row[2] - b[2]) / d.length;
    }
    assertEquals(cov[0][2], cross, 0.15 * Math.sqrt(cov[0][0] * cov[2][2]), "sat/rec covariance");
  }
}
