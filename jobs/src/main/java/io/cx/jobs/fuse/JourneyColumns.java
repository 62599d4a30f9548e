package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/** Columns whose value depends on the row's journey. */
final class JourneyColumns {
  private JourneyColumns() {}

  /** The journey's value for each row (by its journey column); null for other journeys. */
  static Column perJourney(List<JourneyMap> journeys, Function<JourneyMap, Column> value) {
    Column out = null;
    for (JourneyMap j : journeys) {
      Column is = col(Cols.JOURNEY).equalTo(j.id());
      out = out == null ? when(is, value.apply(j)) : out.when(is, value.apply(j));
    }
    return out;
  }

  /** An instant's calendar date in the time zone of the row's journey. */
  static Column localDate(Column instant, List<JourneyMap> journeys) {
    return to_date(
        from_utc_timestamp(instant, perJourney(journeys, j -> lit(j.timezone().getId()))));
  }
}
