package io.cx.jobs.generate;

import io.cx.jobs.generate.LineMixer.Insert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Mixes deliberately bad rows into a file: {@code round(share * good rows)} of them, their kinds
 * taken in turn from the kinds that apply to the source (so every kind occurs once there are
 * enough), each at a random position, and tallies them by kind for truth.json.
 */
final class BadRows {
  /**
   * The file's lines with the bad rows.
   *
   * @param lines every data line, good and bad, in file order
   * @param counts bad rows by {@link BadRowKind#code()}, every applicable kind present
   */
  record Mixed(List<String> lines, Map<String, Integer> counts) {
    int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private BadRows() {}

  static Mixed mix(
      List<String> good,
      double share,
      List<BadRowKind> kinds,
      Function<BadRowKind, String> maker,
      Rng rng) {
    int n = (int) Math.round(share * good.size());
    Map<String, Integer> counts = new LinkedHashMap<>();
    kinds.forEach(k -> counts.put(k.code(), 0));
    List<Insert> inserts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BadRowKind kind = kinds.get(i % kinds.size());
      counts.merge(kind.code(), 1, Integer::sum);
      inserts.add(new Insert(rng.below(good.size() + 1), maker.apply(kind)));
    }
    return new Mixed(LineMixer.mix(good, inserts), counts);
  }
}
