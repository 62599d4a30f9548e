package io.cx.jobs.cli;

import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * A small world exported day by day, as a nightly scheduler finds it: {@code surveys/<date>/},
 * {@code events/<date>/} and {@code customers/<date>/}, read through {@code {date}} paths. Short
 * windows (look-back 2 days, churn horizon 2 days, inactivity 1 day) so that ten nights see
 * horizons close, customers churn by event and by inactivity, and what arrives late:
 *
 * <ul>
 *   <li>night 4 re-exports two customers with a new segment;
 *   <li>night 6 brings a late answer to a response of night 2;
 *   <li>night 7 brings payment errors that happened on night 2 (late events).
 * </ul>
 *
 * The same seed gives the same files, so two warehouses can be fed the same nights.
 */
final class NightlyWorld {
  static final LocalDate FIRST = LocalDate.of(2024, 6, 1);
  static final int CUSTOMERS = 60;

  private final Workspace ws;

  /** The workspace, its config and journey written; no day yet. */
  NightlyWorld(Path dir) {
    this.ws = new Workspace(dir);
    ws.write(
        "journey.yaml",
        Workspace.JOURNEY
            .replace("lookback_days: 30", "lookback_days: 2")
            .replace("horizon_days: 90", "horizon_days: 2")
            .replace("inactive_days: 60", "inactive_days: 1"));
    ws.configLine("inputs:");
    ws.configLine("  surveys: {path: \"" + dir + "/surveys/{date}/*.csv\"}");
    ws.configLine("  events: {path: \"" + dir + "/events/{date}/*.csv\"}");
    ws.configLine("  customers: {path: \"" + dir + "/customers/{date}/*.csv\"}");
  }

  Workspace workspace() {
    return ws;
  }

  String config() {
    return ws.config().toString();
  }

  /** Writes the exports of nights 0 to {@code nights - 1}. */
  NightlyWorld nights(int nights) {
    for (int n = 0; n < nights; n++) {
      night(n);
    }
    return this;
  }

  private void night(int n) {
    LocalDate d = FIRST.plusDays(n);
    Random rnd = new Random(1000 + n);
    StringBuilder s = new StringBuilder("response_id,customer_id,submitted_at,question_id,score\n");
    StringBuilder e = new StringBuilder("event_id,customer_id,event_time,event_type,value\n");
    StringBuilder c = new StringBuilder("customer_id,segment,region,signup_date,annual_value\n");
    for (int k = 1; k <= CUSTOMERS; k++) {
      String customer = "c" + k;
      if (n == 0) {
        c.append(customerRow(customer, k % 3 == 0 ? "smb" : "consumer", k));
      } else if (n == 4 && (k == 5 || k == 11)) {
        c.append(customerRow(customer, "enterprise", k));
      }
      if (closed(k) && n > closingNight(k)) {
        continue; // gone: no answers, no events
      }
      if (rnd.nextDouble() < 0.2 || (n == 2 && k == 4)) {
        String r = "r-" + d + "-" + k;
        String at = d + "T" + (10 + k % 10) + ":00:00Z";
        answer(s, r, customer, at, "q_checkout", 1 + rnd.nextInt(5));
        if (!(n == 2 && k % 4 == 0)) {
          answer(s, r, customer, at, "q_delivery", 1 + rnd.nextInt(5));
        }
        answer(s, r, customer, at, "q_overall", 1 + rnd.nextInt(5));
        answer(s, r, customer, at, "q_nps", rnd.nextInt(11));
      }
      if (rnd.nextDouble() < 0.6 && !(k % 9 == 0 && n >= 3)) {
        event(e, "open", d, k, "T08:00:00Z", "app_open", "");
      }
      if (rnd.nextDouble() < 0.15) {
        event(e, "pay", d, k, "T09:00:00Z", "payment_error", "");
      }
      if (rnd.nextDouble() < 0.25) {
        event(e, "deliv", d, k, "T20:00:00Z", "delivery_completed", "" + rnd.nextInt(48));
      }
      if (closed(k) && n == closingNight(k)) {
        event(e, "close", d, k, "T23:00:00Z", "account_closed", "");
      }
    }
    if (n == 6) {
      // A late answer: the delivery score of c4's night-2 response, which had none.
      LocalDate d2 = FIRST.plusDays(2);
      answer(s, "r-" + d2 + "-4", "c4", d2 + "T14:00:00Z", "q_delivery", 2);
    }
    if (n == 7) {
      for (int k = 1; k <= 3; k++) {
        event(e, "late", FIRST.plusDays(2), k, "T15:00:00Z", "payment_error", "");
      }
    }
    if (c.indexOf("\n") == c.length() - 1) {
      c.append(customerRow("c1", "consumer", 1)); // an unchanged row: a daily export repeats it
    }
    ws.write("surveys/" + d + "/s.csv", s.toString());
    ws.write("events/" + d + "/e.csv", e.toString());
    ws.write("customers/" + d + "/c.csv", c.toString());
  }

  private static boolean closed(int k) {
    return k % 13 == 0;
  }

  private static int closingNight(int k) {
    return 3 + k % 4;
  }

  private static String customerRow(String customer, String segment, int k) {
    return customer
        + ","
        + segment
        + ",north,2023-0"
        + (1 + k % 9)
        + "-01,"
        + (100 + 10 * k)
        + "\n";
  }

  private static void answer(
      StringBuilder s, String response, String customer, String at, String question, int score) {
    s.append(response)
        .append(',')
        .append(customer)
        .append(',')
        .append(at)
        .append(',')
        .append(question)
        .append(',')
        .append(score)
        .append('\n');
  }

  private static void event(
      StringBuilder e, String kind, LocalDate d, int k, String time, String type, String value) {
    e.append("e-")
        .append(kind)
        .append('-')
        .append(d)
        .append('-')
        .append(k)
        .append(",c")
        .append(k)
        .append(',')
        .append(d)
        .append(time)
        .append(',')
        .append(type)
        .append(',')
        .append(value)
        .append('\n');
  }
}
