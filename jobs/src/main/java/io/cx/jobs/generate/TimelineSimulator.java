package io.cx.jobs.generate;

import static io.cx.jobs.generate.TimeFrame.DAY;
import static io.cx.jobs.generate.TimeFrame.HOUR;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws the events a customer would produce over the whole period if they never churned: app opens,
 * orders (each with its checkout, possible payment errors and a delivery that may be late),
 * searches without result and call-centre contacts. Calls come at the customer's own rate, not
 * after a problem: were they prompted by late deliveries, the support score (which falls with the
 * wait) would carry part of the delivery effect and blur the planted driver order. Activity never
 * pauses for more than {@link #MAX_ACTIVITY_GAP_DAYS} days, so that only planted churners ever look
 * inactive.
 */
final class TimelineSimulator {
  static final int MAX_ACTIVITY_GAP_DAYS = 20;
  static final double LATE_HOURS_MEDIAN = 20.0;
  static final double LATE_HOURS_SIGMA = 0.8;

  private static final List<String> ORDER_CHANNELS = List.of("app", "web", "store");
  private static final double[] ORDER_CHANNEL_SHARES = {0.55, 0.35, 0.10};
  private static final List<String> SEARCH_CHANNELS = List.of("app", "web");

  private final long start;
  private final long end;

  TimelineSimulator(TimeFrame frame) {
    this.start = frame.eventStart();
    this.end = frame.endExclusive();
  }

  /** The customer's events in the period, sorted by time. */
  List<Event> simulate(CustomerProfile p, Rng rng) {
    List<Event> out = new ArrayList<>();
    int c = p.index();
    for (long t : arrivals(rng, p.appRate())) {
      out.add(new Event(c, t, Event.APP_OPEN, Double.NaN, "app"));
    }
    for (long t : arrivals(rng, p.orderRate())) {
      order(p, t, rng, out);
    }
    for (long t : arrivals(rng, p.searchFailureRate())) {
      out.add(new Event(c, t, Event.SEARCH_NO_RESULT, Double.NaN, rng.pick(SEARCH_CHANNELS)));
    }
    for (long t : arrivals(rng, p.callRate())) {
      out.add(call(p, t, rng));
    }
    fillActivityGaps(c, out, rng);
    List<Event> kept = new ArrayList<>(out.size());
    for (Event e : out) {
      if (e.time() >= start && e.time() < end) {
        kept.add(e);
      }
    }
    kept.sort(Event.BY_TIME);
    return kept;
  }

  private void order(CustomerProfile p, long t, Rng rng, List<Event> out) {
    int c = p.index();
    String channel = rng.pick(ORDER_CHANNELS, ORDER_CHANNEL_SHARES);
    int errors = channel.equals("store") ? 0 : rng.poisson(p.paymentErrorsPerOrder());
    for (int i = 0; i < errors; i++) {
      out.add(new Event(c, t - 60 - rng.below(900), Event.PAYMENT_ERROR, Double.NaN, channel));
    }
    double seconds = Math.max(15, Math.round(rng.logNormal(p.checkoutMedianSeconds(), 0.45)));
    out.add(new Event(c, t - 1, Event.CHECKOUT_COMPLETED, seconds, channel));
    out.add(new Event(c, t, Event.ORDER_PLACED, Double.NaN, channel));
    double late =
        rng.chance(p.lateShare())
            ? Math.round(rng.logNormal(LATE_HOURS_MEDIAN, LATE_HOURS_SIGMA) * 10) / 10.0
            : 0.0;
    long delivered = t + (long) (rng.uniform(1.5, 4.0) * DAY) + (long) (late * HOUR);
    out.add(new Event(c, delivered, Event.DELIVERY_COMPLETED, late, ""));
  }

  private static Event call(CustomerProfile p, long t, Rng rng) {
    double wait = Math.max(5, Math.round(rng.logNormal(p.waitMedianSeconds(), 0.5)));
    return new Event(p.index(), t, Event.CALL_CENTER_CONTACT, wait, "phone");
  }

  /** Times of a Poisson process with the given rate a day over the period. */
  private List<Long> arrivals(Rng rng, double ratePerDay) {
    List<Long> out = new ArrayList<>();
    double meanGap = DAY / ratePerDay;
    double t = start + rng.exponential(meanGap);
    while (t < end) {
      out.add((long) t);
      t += rng.exponential(meanGap);
    }
    return out;
  }

  /** Adds app opens wherever activity would pause for longer than the maximum gap. */
  private void fillActivityGaps(int customer, List<Event> events, Rng rng) {
    List<Long> times = new ArrayList<>();
    for (Event e : events) {
      if (e.isActivity()) {
        times.add(e.time());
      }
    }
    times.sort(null);
    times.add(end);
    long maxGap = MAX_ACTIVITY_GAP_DAYS * DAY;
    long previous = start;
    for (long t : times) {
      while (t - previous > maxGap) {
        previous += (long) rng.uniform(maxGap / 4.0, maxGap);
        events.add(new Event(customer, previous, Event.APP_OPEN, Double.NaN, "app"));
      }
      previous = Math.max(previous, t);
    }
  }
}
