package io.cx.jobs.kpis;

import io.cx.jobs.kpis.KpiFixtures.Answer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded survey answers of journey 'kpi' (UTC) from fixed score distributions: every period is
 * drawn from the same distributions (no true change), except an optional planted drop of one
 * question's mean score during one span of days.
 *
 * <p>Each response answers q_overall, q_nps and q_effort, and one or two of the touchpoint
 * questions. Scores are round(mean + sd x N(0, 1)) clamped to the scale. Customers c000..c199 are
 * consumer, business or (every fifth) without a segment; channels app, web, sms.
 *
 * @param seed random seed
 * @param from first day
 * @param to last day
 * @param perDay responses a day
 * @param drop the planted drop, or null
 */
record KpiSimulation(long seed, LocalDate from, LocalDate to, int perDay, Drop drop) {

  /**
   * A sudden drop: the question's latent mean falls by {@code delta} scale points on [from, to].
   */
  record Drop(String question, LocalDate from, LocalDate to, double delta) {}

  static final String[] CHANNELS = {"app", "web", "sms"};

  List<Answer> answers() {
    Random rng = new Random(seed);
    List<Answer> out = new ArrayList<>();
    int id = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      for (int i = 0; i < perDay; i++) {
        String response = "s" + id++;
        String customer = String.format("c%03d", rng.nextInt(200));
        String at =
            day.atStartOfDay(ZoneOffset.UTC)
                .plusSeconds(rng.nextInt(86_400))
                .toInstant()
                .toString();
        String channel = CHANNELS[rng.nextInt(CHANNELS.length)];
        LocalDate d = day;
        add(out, rng, response, customer, at, channel, d, "q_overall", 3.8, 1.0, 1, 5);
        add(out, rng, response, customer, at, channel, d, "q_nps", 7.6, 2.0, 0, 10);
        add(out, rng, response, customer, at, channel, d, "q_effort", 5.0, 1.3, 1, 7);
        String[] touchpoints = {"q_checkout", "q_delivery", "q_returns"};
        int first = rng.nextInt(3);
        add(out, rng, response, customer, at, channel, d, touchpoints[first], 3.9, 1.0, 1, 5);
        if (rng.nextBoolean()) {
          add(
              out,
              rng,
              response,
              customer,
              at,
              channel,
              d,
              touchpoints[(first + 1) % 3],
              3.9,
              1.0,
              1,
              5);
        }
      }
    }
    return out;
  }

  private void add(
      List<Answer> out,
      Random rng,
      String response,
      String customer,
      String at,
      String channel,
      LocalDate day,
      String question,
      double mean,
      double sd,
      int min,
      int max) {
    double mu = mean;
    if (drop != null
        && drop.question().equals(question)
        && !day.isBefore(drop.from())
        && !day.isAfter(drop.to())) {
      mu -= drop.delta();
    }
    double score = Math.max(min, Math.min(max, Math.round(mu + sd * rng.nextGaussian())));
    out.add(new Answer(response, customer, at, question, score, channel, null, day.toString()));
  }

  /** customers rows: c000..c199, ingested on {@code from}. */
  List<String[]> customers() {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String segment = i % 5 == 0 ? null : (i % 2 == 0 ? "consumer" : "business");
      out.add(new String[] {String.format("c%03d", i), segment, from.toString()});
    }
    return out;
  }
}
