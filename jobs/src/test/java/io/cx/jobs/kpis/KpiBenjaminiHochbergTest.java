package io.cx.jobs.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cx.common.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Benjamini-Hochberg q-values on hand-made p-value lists. */
class KpiBenjaminiHochbergTest {
  /** The 15 p-values of Benjamini and Hochberg (1995), section 4. */
  static final double[] PAPER = {
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
    0.6528, 0.7590, 1.000
  };

  /**
   * q_(i) = min over j >= i of 15 p_(j) / j, by hand: the raw ratios are .0015, .003, .0095,
   * .035625, .0603, .0695, .063857, .0645, .0765, .486, .581182, .714875, .753231, .813214, 1; the
   * running minimum from the end lowers only the 6th (.0695 to .063857).
   */
  static final double[] PAPER_Q = {
    0.0015,
    0.003,
    0.0095,
    0.035625,
    0.0603,
    15 * 0.0298 / 7,
    15 * 0.0298 / 7,
    15 * 0.0344 / 8,
    15 * 0.0459 / 9,
    15 * 0.3240 / 10,
    15 * 0.4262 / 11,
    15 * 0.5719 / 12,
    15 * 0.6528 / 13,
    15 * 0.7590 / 14,
    1.0
  };

  @Test
  void qValuesOfThePaperExampleAndItsFourDiscoveries() {
    StructType schema =
        new StructType()
            .add("family", DataTypes.StringType)
            .add("id", DataTypes.StringType)
            .add("p", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    // Shuffled order: the procedure sorts.
    for (int i = PAPER.length - 1; i >= 0; i -= 2) {
      rows.add(RowFactory.create("paper", "p" + i, PAPER[i]));
    }
    for (int i = PAPER.length - 2; i >= 0; i -= 2) {
      rows.add(RowFactory.create("paper", "p" + i, PAPER[i]));
    }
    // Another family: m = 2 (the null is not a test): q = .02, .04.
    rows.add(RowFactory.create("b", "b0", 0.01));
    rows.add(RowFactory.create("b", "b1", 0.04));
    rows.add(RowFactory.create("b", "b2", null));
    // Ties: .02 x 3 / 2 = .03 for both; .5.
    rows.add(RowFactory.create("c", "c0", 0.02));
    rows.add(RowFactory.create("c", "c1", 0.02));
    rows.add(RowFactory.create("c", "c2", 0.5));
    var df = SharedSpark.get().createDataFrame(rows, schema);
    Map<String, Double> q = new HashMap<>();
    for (Row r :
        BenjaminiHochberg.adjust(df, "p", "q", new String[] {"family"}, "id").collectAsList()) {
      q.put(r.getString(1), r.isNullAt(3) ? null : r.getDouble(3));
    }
    int discoveries = 0;
    for (int i = 0; i < PAPER.length; i++) {
      assertEquals(PAPER_Q[i], q.get("p" + i), 1e-12, "q of p" + i);
      discoveries += q.get("p" + i) <= 0.05 ? 1 : 0;
    }
    // The paper rejects the four hypotheses with p <= .0095 at q = .05.
    assertEquals(4, discoveries);
    assertEquals(0.02, q.get("b0"), 1e-12);
    assertEquals(0.04, q.get("b1"), 1e-12);
    assertNull(q.get("b2"));
    assertEquals(0.03, q.get("c0"), 1e-12);
    assertEquals(0.03, q.get("c1"), 1e-12);
    assertEquals(0.5, q.get("c2"), 1e-12);
  }

  @Test
  void pValuesOfTheNormTests() {
    // Student t, two-sided: P(|T_10| >= 2) = 0.0733880347707 (tables); normal: P(|Z| >= 1.96).
    assertEquals(0.0733880347707, NormTest.studentTwoSided(2.0, 10), 1e-12);
    assertEquals(0.0499957902964, NormTest.normal(1.96, 0, 1), 1e-12);
    // Two proportions .6 of 100 against .5 of 100: pooled .55, se^2 = .55 x .45 x .02 = .00495,
    // z = .1 / sqrt(.00495) = 1.421338; p = 0.155218.
    // Without weights each side's se^2 is p (1 - p) / n, so its variance per unit of Bernoulli
    // variance is 1 / n and the test is the textbook one.
    assertEquals(0.1552179, NormTest.twoProportions(0.6, 0.0024, 100, 0.5, 0.0025, 100), 1e-6);
    // With weights that double each side's variance (design effect 2): se^2 = .00495 x 2,
    // z = .1 / sqrt(.0099) = 1.005038; p = 0.314879.
    assertEquals(0.3148786, NormTest.twoProportions(0.6, 0.0048, 100, 0.5, 0.005, 100), 1e-6);
    // A share of 0 has no variance to scale: Kish's 1 / n_eff stands in (pooled .25, se^2 = .25
    // x .75 x (1 / 50 + .0025 / .25) = .005625, z = .5 / .075 = 6.6667).
    assertEquals(2.61678e-11, NormTest.twoProportions(0.0, 0.0, 50, 0.5, 0.0025, 50), 1e-14);
    // No variance on either side: equal values are no change, different ones a certain change.
    assertEquals(1.0, NormTest.pValue("csat", 0.75, 0.0, 40.0, 0.75 + 1e-15, 0.0, 200.0));
    assertEquals(0.0, NormTest.pValue("csat", 0.5, 0.0, 40.0, 0.75, 0.0, 200.0));
    assertNull(NormTest.pValue("nps", 10.0, 4.0, 40.0, null, null, null));
  }
}
