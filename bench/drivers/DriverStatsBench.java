// Timings of the driver statistics (io.cx.jobs.analytics.stats). Not a test: a single-file program.
//
// Run from the project root after `mvn -B -q -o compile -pl jobs -am`:
//   java -cp jobs/target/classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar \
//       bench/drivers/DriverStatsBench.java
//
// Prints the mean wall time per call of each step, after a warm-up, in three rounds (read the
// last ones: the JIT settles). Results and the machine they came from: RESULTS.md beside this file.

import io.cx.jobs.analytics.stats.BootstrapMoments;
import io.cx.jobs.analytics.stats.Direction;
import io.cx.jobs.analytics.stats.Lmg;
import io.cx.jobs.analytics.stats.PairwiseMoments;
import io.cx.jobs.analytics.stats.PsdRepair;
import io.cx.jobs.analytics.stats.RelativeWeights;
import java.util.Random;
import java.util.function.IntConsumer;

public class DriverStatsBench {
  static double sink;

  public static void main(String[] args) {
    double[][][] m12 = new double[64][][];
    for (int i = 0; i < m12.length; i++) {
      m12[i] = randomCorrelation(13, new Random(i));
    }
    double[][] m15 = randomCorrelation(16, new Random(1));
    double[][] m17 = randomCorrelation(18, new Random(1));
    double[][] m20 = randomCorrelation(21, new Random(1));
    double[][] notPsd = copy(m12[0]);
    set(notPsd, 0, 1, -0.9);
    set(notPsd, 0, 2, 0.9);
    set(notPsd, 1, 2, 0.9);
    double[][] rows = new double[1000][13];
    Random r = new Random(1);
    for (double[] row : rows) {
      for (int k = 0; k < row.length; k++) {
        row[k] = r.nextDouble() < 0.1 ? Double.NaN : r.nextDouble();
      }
    }
    for (int round = 1; round <= 3; round++) {
      System.out.println("round " + round);
      time("Lmg exact, 12 drivers, per matrix", 20_000, i -> sink += Lmg.shares(m12[i & 63], 12).rSquared());
      time("RelativeWeights, 12 drivers, per matrix", 20_000, i -> sink += RelativeWeights.compute(m12[i & 63], 12).rSquared());
      time("Direction, 12 drivers, per matrix", 20_000, i -> sink += Direction.of(m12[i & 63], 12)[0]);
      time("Lmg exact, 15 drivers, per matrix", 500, i -> sink += Lmg.exact(m15, 0).rSquared());
      time("Lmg exact, 17 drivers, per matrix", 50, i -> sink += Lmg.exact(m17, 0).rSquared());
      time("Lmg sampled (default 2000 x2 orderings), 17 drivers", 100, i -> sink += Lmg.shares(m17, 0).rSquared());
      time("Lmg sampled (default 2000 x2 orderings), 20 drivers", 100, i -> sink += Lmg.shares(m20, 0).rSquared());
      time("PsdRepair, PSD 13x13 (eigenvalue check only)", 5_000, i -> sink += PsdRepair.nearestCorrelation(m12[i & 63])[0][1]);
      time("PsdRepair, non-PSD 13x13 (Higham)", 200, i -> sink += PsdRepair.nearestCorrelation(notPsd)[0][1]);
      time("PairwiseMoments.add, 13 variables, per row", 200, i -> {
        PairwiseMoments pm = new PairwiseMoments(13);
        for (double[] row : rows) {
          pm.add(row, 1.0);
        }
        sink += pm.count(0, 0);
      }, rows.length);
      time("BootstrapMoments.add, 13 variables, B=200, per row", 5, i -> {
        BootstrapMoments bm = new BootstrapMoments(13, 200, 7);
        for (int k = 0; k < rows.length; k++) {
          bm.add("resp-" + k, rows[k], 1.0);
        }
        sink += bm.sample().count(0, 0);
      }, rows.length);
    }
    System.out.println("(checksum " + sink + ")");
  }

  static void time(String what, int reps, IntConsumer body) {
    time(what, reps, body, 1);
  }

  static void time(String what, int reps, IntConsumer body, int perCall) {
    for (int i = 0; i < Math.max(reps / 5, 1); i++) {
      body.accept(i);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      body.accept(i);
    }
    double us = (System.nanoTime() - t0) / 1e3 / reps / perCall;
    System.out.printf("  %-55s %10.2f us%n", what, us);
  }

  /** Correlation of three random factors (loadings in ±0.45) plus specific variance 0.5. */
  static double[][] randomCorrelation(int n, Random random) {
    double[][] load = new double[n][3];
    for (double[] l : load) {
      for (int f = 0; f < 3; f++) {
        l[f] = (random.nextDouble() * 2 - 1) * 0.45;
      }
    }
    double[][] cov = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 0.5 : 0;
        for (int f = 0; f < 3; f++) {
          s += load[i][f] * load[j][f];
        }
        cov[i][j] = s;
      }
    }
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i][j] = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      }
    }
    return corr;
  }

  static double[][] copy(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }

  static void set(double[][] a, int i, int j, double v) {
    a[i][j] = v;
    a[j][i] = v;
  }
}
