package io.cx.jobs.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Lists of dates as people read them: consecutive dates as one range {@code first..last}. */
final class DateRanges {
  private DateRanges() {}

  /**
   * The dates, in the order given, with each run of consecutive days written as {@code
   * first..last}, separated by commas; {@code none} for no date.
   */
  static String format(List<LocalDate> dates) {
    if (dates.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    LocalDate first = dates.get(0);
    LocalDate last = first;
    for (LocalDate d : dates.subList(1, dates.size())) {
      if (d.equals(last.plusDays(1))) {
        last = d;
      } else {
        parts.add(part(first, last));
        first = d;
        last = d;
      }
    }
    parts.add(part(first, last));
    return String.join(", ", parts)
        + " ("
        + dates.size()
        + (dates.size() == 1 ? " date)" : " dates)");
  }

  private static String part(LocalDate first, LocalDate last) {
    return first.equals(last) ? first.toString() : first + ".." + last;
  }
}
