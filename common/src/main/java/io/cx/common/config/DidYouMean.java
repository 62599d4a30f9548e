package io.cx.common.config;

import java.util.Collection;
import java.util.Locale;

/** The closest known name to a misspelt one, by edit distance. */
public final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within a distance of about a third of the word, or null. */
  public static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(2, word.length() / 3);
    if (bestDistance <= allowed) {
      return best;
    }
    return longestSharedPrefix(w, candidates);
  }

  /** The candidate sharing the longest prefix with the word, if that covers most of the word. */
  private static String longestSharedPrefix(String word, Collection<String> candidates) {
    String best = null;
    int bestLength = 0;
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int n = 0;
      while (n < word.length() && n < lc.length() && word.charAt(n) == lc.charAt(n)) {
        n++;
      }
      if (n > bestLength) {
        bestLength = n;
        best = c;
      }
    }
    return bestLength >= Math.max(4, (int) Math.ceil(0.6 * word.length())) ? best : null;
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
