package io.cx.jobs.cli;

import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A workspace whose inputs are daily exports, {@code surveys/<date>/} and {@code events/<date>/},
 * read through {@code {date}} paths, as a nightly scheduler or a backfill reads them.
 */
final class DailyWorkspace {
  private final Workspace ws;
  private final String prefix;

  /** A workspace of journey {@code shop}, its questions named {@code q_*}. */
  DailyWorkspace(Path dir) {
    this(dir, "shop", "q");
  }

  /** A workspace of one journey whose questions are named {@code <prefix>_*}. */
  DailyWorkspace(Path dir, String journey, String prefix) {
    this.ws = new Workspace(dir);
    this.prefix = prefix;
    ws.write(
        "journey.yaml",
        Workspace.JOURNEY
            .replace("journey: shop", "journey: " + journey)
            .replace("q_", prefix + "_"));
    ws.configLine("inputs:");
    ws.configLine("  surveys: {path: \"" + dir + "/surveys/{date}/*.csv\"}");
    ws.configLine("  events: {path: \"" + dir + "/events/{date}/*.csv\"}");
  }

  Workspace workspace() {
    return ws;
  }

  String config() {
    return ws.config().toString();
  }

  /** Writes the exports of one day: four customers answering every question, and their events. */
  DailyWorkspace day(LocalDate d) {
    StringBuilder s = new StringBuilder("response_id,customer_id,submitted_at,question_id,score\n");
    StringBuilder e = new StringBuilder("event_id,customer_id,event_time,event_type,value\n");
    for (int c = 1; c <= 4; c++) {
      String r = prefix + "-" + d + "-" + c;
      String at = d + "T1" + c + ":00:00Z";
      s.append(r).append(",c").append(c).append(',').append(at).append(',');
      s.append(prefix).append("_checkout,").append(1 + c).append('\n');
      s.append(r).append(",c").append(c).append(',').append(at).append(',');
      s.append(prefix).append("_delivery,").append(5 - c).append('\n');
      s.append(r).append(",c").append(c).append(',').append(at).append(',');
      s.append(prefix).append("_overall,").append(1 + c).append('\n');
      s.append(r).append(",c").append(c).append(',').append(at).append(',');
      s.append(prefix).append("_nps,").append(2 * c + 1).append('\n');
      e.append("e-").append(d).append('-').append(c).append(",c").append(c).append(',');
      e.append(d).append("T0").append(c).append(":00:00Z,app_open,\n");
    }
    ws.write("surveys/" + d + "/s.csv", s.toString());
    ws.write("events/" + d + "/e.csv", e.toString());
    return this;
  }

  /** Writes a day whose survey export fails the quality gate: every timestamp is bad (exit 3). */
  DailyWorkspace badDay(LocalDate d) {
    day(d);
    StringBuilder s = new StringBuilder("response_id,customer_id,submitted_at,question_id,score\n");
    for (int c = 1; c <= 4; c++) {
      s.append("bad-").append(c).append(",c").append(c).append(",not a time,");
      s.append(prefix).append("_overall,3\n");
    }
    ws.write("surveys/" + d + "/s.csv", s.toString());
    return this;
  }
}
