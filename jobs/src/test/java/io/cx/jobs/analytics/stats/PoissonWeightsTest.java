package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoissonWeightsTest {
  private static final int KEYS = 100_000;
  private static final long SEED = 42L;

  @Test
  void hasPoissonOneMeanVarianceAndZeroShare() {
    int[] w = weights(1, SEED);
    double mean = 0;
    for (int k : w) {
      mean += k;
    }
    mean /= KEYS;
    double variance = 0;
    int zeros = 0;
    for (int k : w) {
      variance += (k - mean) * (k - mean);
      zeros += k == 0 ? 1 : 0;
    }
    variance /= KEYS - 1;
    assertEquals(1.0, mean, 0.01, "mean");
    assertEquals(1.0, variance, 0.01, "variance");
    assertEquals(Math.exp(-1), zeros / (double) KEYS, 0.005, "P(0)");
  }

  @Test
  void followsThePoissonPmfBeyondTheFirstTwoMoments() {
    int[] w = weights(3, SEED);
    int[] freq = new int[8];
    for (int k : w) {
      freq[Math.min(k, 7)]++;
    }
    double pmf = Math.exp(-1);
    for (int k = 0; k < 5; k++) {
      double expected = pmf * KEYS;
      // Within 4 binomial standard deviations.
      assertEquals(expected, freq[k], 4 * Math.sqrt(expected), "frequency of " + k);
      pmf /= k + 1;
    }
  }

  @Test
  void differentReplicatesAndSeedsAreUncorrelated() {
    int[] a = weights(1, SEED);
    // 4/√n: far outside what independent draws give, far inside what a shared hash gives.
    double bound = 4 / Math.sqrt(KEYS);
    assertTrue(Math.abs(correlation(a, weights(2, SEED))) < bound, "replicates 1 and 2");
    assertTrue(Math.abs(correlation(a, weights(200, SEED))) < bound, "replicates 1 and 200");
    assertTrue(Math.abs(correlation(a, weights(1, SEED + 1))) < bound, "seeds 42 and 43");
    // Neighbouring keys (row-0, row-1, ...) are uncorrelated too.
    int[] shifted = new int[KEYS - 1];
    System.arraycopy(a, 1, shifted, 0, KEYS - 1);
    int[] head = Arrays.copyOf(a, KEYS - 1);
    assertTrue(Math.abs(correlation(head, shifted)) < bound, "adjacent keys");
  }

  @Test
  void isDeterministic() {
    for (int i = 0; i < 1000; i++) {
      String key = "response-" + i;
      assertEquals(PoissonWeights.weight(key, 7, SEED), PoissonWeights.weight(key, 7, SEED));
      assertEquals(
          PoissonWeights.weight(key, 7, SEED),
          PoissonWeights.weight(PoissonWeights.keyHash(key), 7, SEED));
    }
    // Pinned values, reproduced by a separate Python transcription of the hash and the inversion:
    // a change of either would silently change every published interval.
    assertEquals(0xb9e29342620008dfL, PoissonWeights.keyHash("response-1"));
    int[] expected = {0, 0, 0, 0, 3, 1, 0, 5, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 1, 0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], PoissonWeights.weight("response-" + i, 7, SEED), "key " + i);
    }
  }

  @Test
  void keysOfEveryLengthHash() {
    // Every tail length 0..7 reaches the hash: prefixes differ.
    String s = "abcdefghijklmnopq";
    for (int n = 1; n <= s.length(); n++) {
      assertNotEquals(
          PoissonWeights.keyHash(s.substring(0, n - 1)), PoissonWeights.keyHash(s.substring(0, n)));
    }
    assertNotEquals(PoissonWeights.keyHash("é"), PoissonWeights.keyHash("e"));
  }

  private static int[] weights(int replicate, long seed) {
    int[] w = new int[KEYS];
    for (int i = 0; i < KEYS; i++) {
      w[i] = PoissonWeights.weight("row-" + i, replicate, seed);
    }
    return w;
  }

  private static double correlation(int[] a, int[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
