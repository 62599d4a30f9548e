package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.kpis.KpiFixtures.Answer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The margin of error of a weighted NPS is honest when the weights go with the scores. Each of 600
 * days is an independent draw of 100 answers (35 % promoters, 30 % passives, 35 % detractors) whose
 * passives carry four times the weight of the others (times a uniform 0.5..1.5), as when a panel
 * under-samples lukewarm customers. The variance of the daily weighted NPS across days is the
 * truth; the mean of (moe / 1.96)^2 over days must match it (1.07 with this seed). Kish's m2 /
 * n_eff, the formula before the linearization variance, overstates it about 3 times on these data
 * (3.02).
 */
class KpiWeightedVarianceSimulationTest {
  private static final Logger LOG =
      LoggerFactory.getLogger(KpiWeightedVarianceSimulationTest.class);
  static final JourneyMap J = KpiFixtures.journey("UTC");
  static final LocalDate FROM = LocalDate.of(2022, 1, 1);
  static final int DAYS = 600;
  static final int PER_DAY = 100;

  @Test
  void theMeanReportedVarianceOfAWeightedNpsMatchesItsVarianceAcrossDraws() {
    Random rng = new Random(13);
    List<Answer> answers = new ArrayList<>();
    double kishSum = 0;
    for (int d = 0; d < DAYS; d++) {
      String day = FROM.plusDays(d).toString();
      double[] y = new double[PER_DAY];
      double[] w = new double[PER_DAY];
      for (int i = 0; i < PER_DAY; i++) {
        double u = rng.nextDouble();
        int score = u < 0.35 ? 10 : (u < 0.65 ? 8 : 3);
        y[i] = score >= 9 ? 100 : (score <= 6 ? -100 : 0);
        w[i] = (score == 8 ? 4.0 : 1.0) * (0.5 + rng.nextDouble());
        String at = day + "T" + String.format("%02d:%02d:00Z", i / 60, i % 60);
        answers.add(
            Answer.of("r" + d + "_" + i, "c" + i, at, "q_nps", score, "app").weighted(w[i]));
      }
      kishSum += kish(y, w);
    }
    LocalDate run = FROM.plusDays(DAYS - 1);
    KpiOptions options = KpiFixtures.options(30, 1, KpiOptions.Recompute.FULL, "day");
    List<Row> rows =
        KpiFixtures.compute(J, KpiFixtures.answers(J, answers), null, run, options)
            .where(col(Cols.SEGMENT).equalTo(Cols.ALL).and(col(Cols.CHANNEL).equalTo(Cols.ALL)))
            .select(Cols.VALUE, Cols.MOE)
            .collectAsList();
    assertEquals(DAYS, rows.size());
    double mean = rows.stream().mapToDouble(r -> r.getDouble(0)).average().orElseThrow();
    double truth =
        rows.stream().mapToDouble(r -> Math.pow(r.getDouble(0) - mean, 2)).sum() / (DAYS - 1);
    double reported =
        rows.stream()
            .mapToDouble(r -> Math.pow(r.getDouble(1) / KpiValues.Z95, 2))
            .average()
            .orElseThrow();
    double kish = kishSum / DAYS;
    LOG.info(
        "weighted NPS over {} draws: variance {}, mean reported {} (ratio {}), Kish {} (ratio {})",
        DAYS,
        truth,
        reported,
        reported / truth,
        kish,
        kish / truth);
    assertTrue(
        reported / truth > 0.85 && reported / truth < 1.15,
        "reported / true variance " + reported / truth);
    // The old formula on the same draws is far off: the test tells the two apart.
    assertTrue(kish / truth > 1.5, "Kish / true variance " + kish / truth);
  }

  /** Kish's squared standard error of a share-type mean: m2 / n_eff. */
  private static double kish(double[] y, double[] w) {
    double sw = 0;
    double sw2 = 0;
    double swy = 0;
    for (int i = 0; i < y.length; i++) {
      sw += w[i];
      sw2 += w[i] * w[i];
      swy += w[i] * y[i];
    }
    double value = swy / sw;
    double m2 = 0;
    for (int i = 0; i < y.length; i++) {
      m2 += w[i] * (y[i] - value) * (y[i] - value) / sw;
    }
    return m2 / (sw * sw / sw2);
  }
}
