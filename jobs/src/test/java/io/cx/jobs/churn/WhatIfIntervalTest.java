package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.journey.JourneyMap;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.whatif.OutcomeModels;
import io.cx.jobs.churn.whatif.WhatIf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if's intervals in a planted simulation: satisfaction and recommend depend linearly on
 * the delivery score, with a customer effect shared by a customer's two responses. The estimand of
 * a row is the delta the what-if gives with the true slopes on the same population; the 95 %
 * interval from the coefficient draws must cover it in (nearly) 95 % of the worlds.
 */
class WhatIfIntervalTest {
  static final int WORLDS = 20;
  static final int CUSTOMERS = 300;
  static final double SAT_SLOPE = 0.4;
  static final double REC_SLOPE = 5;

  static List<Row> world(long seed) {
    Random rnd = new Random(seed);
    double[] levels = {0, 0.25, 0.5, 0.75, 1};
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < CUSTOMERS; c++) {
      double own = levels[rnd.nextInt(5)];
      double effect = 0.08 * rnd.nextGaussian();
      for (int r = 0; r < 2; r++) {
        double delivery = rnd.nextBoolean() ? own : levels[rnd.nextInt(5)];
        double sat = 0.25 + SAT_SLOPE * delivery + effect + 0.08 * rnd.nextGaussian();
        double rec = 2.5 + REC_SLOPE * delivery + 10 * effect + 0.8 * rnd.nextGaussian();
        rows.add(
            ChurnWhatIfTest.featureRow(
                "r" + c + "_" + r, "c" + c, new double[] {delivery, 100, sat, rec}));
      }
    }
    return rows;
  }

  @Test
  void intervalsFromTheCoefficientDrawsCoverThePlantedDeltas(@TempDir Path dir) {
    JourneyMap journey = ChurnFeaturePlanTest.journey(dir, SimulatedChurn.JOURNEY);
    ChurnOptions o = ChurnWhatIfTest.options(0.3, "top2box");
    Map<String, String> outcomes = new LinkedHashMap<>();
    outcomes.put(WhatIf.SATISFACTION, FeatureColumns.SATISFACTION);
    outcomes.put(WhatIf.RECOMMEND, FeatureColumns.RECOMMEND);
    List<String> touchpoints =
        List.of(
            FeatureColumns.touchpoint("checkout"),
            FeatureColumns.touchpoint("delivery"),
            FeatureColumns.touchpoint("support"));
    Map<String, double[]> truth = new LinkedHashMap<>();
    truth.put(WhatIf.SATISFACTION, new double[] {0, SAT_SLOPE, 0});
    truth.put(WhatIf.RECOMMEND, new double[] {0, REC_SLOPE, 0});
    int satCovered = 0;
    int npsCovered = 0;
    double satWidth = 0;
    StringBuilder log = new StringBuilder();
    for (int w = 0; w < WORLDS; w++) {
      List<Row> rows = world(1000 + w);
      OutcomeModels fitted =
          OutcomeModels.fit(
              SharedSpark.get().createDataFrame(rows, SimulatedChurn.FEATURES),
              touchpoints,
              outcomes,
              200,
              w);
      Map<String, Row> est = ChurnWhatIfTest.deliveryImpact(rows, journey, fitted, o);
      Map<String, Row> planted =
          ChurnWhatIfTest.deliveryImpact(rows, journey, new OutcomeModels(truth), o);
      for (String target : List.of(WhatIf.SATISFACTION, WhatIf.RECOMMEND)) {
        Row e = est.get(target);
        double t = planted.get(target).<Double>getAs(Cols.DELTA);
        double lo = e.<Double>getAs(Cols.DELTA_LOW);
        double hi = e.<Double>getAs(Cols.DELTA_HIGH);
        assertTrue(lo <= e.<Double>getAs(Cols.DELTA) && e.<Double>getAs(Cols.DELTA) <= hi);
        boolean covered = lo <= t && t <= hi;
        if (target.equals(WhatIf.SATISFACTION)) {
          satCovered += covered ? 1 : 0;
          satWidth += (hi - lo) / WORLDS;
        } else {
          npsCovered += covered ? 1 : 0;
        }
        log.append(String.format("%d %s truth %.4f in [%.4f, %.4f]%n", w, target, t, lo, hi));
      }
    }
    // 95 % nominal: 17 of 20 or more (a 95 % interval covers 16 or fewer in 1.6 % of runs).
    assertTrue(satCovered >= 17, satCovered + " of " + WORLDS + "\n" + log);
    assertTrue(npsCovered >= 17, npsCovered + " of " + WORLDS + "\n" + log);
    // Not trivially wide: the delta itself is about 0.4 x 0.6 x 0.3 = 0.07.
    assertTrue(satWidth < 0.03, "mean width " + satWidth);
  }
}
