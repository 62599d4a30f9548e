package io.cx.jobs.ingest;

import io.cx.common.journey.JourneyMap;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What the cleaners need besides the rows: the journeys, the zone for timestamps without one, the
 * run date and id, and the pseudonymisation key (null when ids are kept as they are).
 */
record CleanContext(
    List<JourneyMap> journeys, ZoneId zone, LocalDate runDate, String runId, String pseudonymKey) {

  /** The first instant after the run date, in the config's zone: later timestamps are future. */
  Timestamp endOfRunDate() {
    return Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
  }

  boolean pseudonymise() {
    return pseudonymKey != null;
  }
}
