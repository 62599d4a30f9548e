package io.cx.jobs.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Inserts extra lines (duplicates, bad rows) among the lines of a file at chosen positions. */
final class LineMixer {
  /**
   * A line to insert.
   *
   * @param before index of the base line it goes before ({@code base.size()} for the end)
   * @param line the line
   */
  record Insert(int before, String line) {}

  private LineMixer() {}

  /** The base lines with the inserts; inserts at the same position keep their order. */
  static List<String> mix(List<String> base, List<Insert> inserts) {
    List<Insert> sorted = new ArrayList<>(inserts);
    sorted.sort(Comparator.comparingInt(Insert::before));
    List<String> out = new ArrayList<>(base.size() + inserts.size());
    int next = 0;
    for (int i = 0; i <= base.size(); i++) {
      while (next < sorted.size() && sorted.get(next).before() == i) {
        out.add(sorted.get(next++).line());
      }
      if (i < base.size()) {
        out.add(base.get(i));
      }
    }
    return out;
  }
}
