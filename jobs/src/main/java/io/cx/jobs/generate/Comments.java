package io.cx.jobs.generate;

import java.util.List;
import java.util.Map;

/**
 * Free-text comments for a few responses, in the tone of the overall score and about the response's
 * worst-rated touchpoint. Some carry an e-mail address or a phone number (always from reserved,
 * fictional ranges: example.com/org/net, UK 020 7946 0xxx and 07700 900xxx, US 555-01xx), for the
 * masking that analyst tables need. Comments contain commas and accents but no quotes or line
 * breaks, so that every CSV reader splits them the same way.
 */
final class Comments {
  static final double COMMENT_SHARE = 0.10;
  static final double EMAIL_SHARE = 0.15;
  static final double PHONE_SHARE = 0.12;

  /**
   * A comment.
   *
   * @param text the whole comment
   * @param email the e-mail address in it, or null
   * @param phone the phone number in it, or null
   */
  record Comment(String text, String email, String phone) {}

  private static final Map<String, List<String>> COMPLAINTS =
      Map.of(
          PlantedModel.DELIVERY,
          List.of(
              "Parcel arrived two days late, again",
              "Delivery was late and nobody told me",
              "Still waiting for half of my order, very disappointing"),
          PlantedModel.CHECKOUT,
          List.of(
              "Payment failed three times before it went through",
              "Checkout kept throwing errors, almost gave up",
              "Card was declined for no reason, had to use another one"),
          PlantedModel.SEARCH,
          List.of(
              "Could not find what I was looking for",
              "Search results are useless, nothing matches",
              "Had to browse for ages, search found nothing"),
          PlantedModel.SUPPORT,
          List.of(
              "Waited on the phone for far too long",
              "Support was slow, but the agent was polite",
              "Nobody called me back, as promised"));

  private static final List<String> NEUTRAL =
      List.of(
          "OK overall, some room for improvement", "Fine, nothing special", "Average experience");
  private static final List<String> PRAISE =
      List.of(
          "Fast delivery, friendly staff",
          "Great service, will order again",
          "Très bien, merci",
          "Everything went smoothly, thanks",
          "Lieferung war pünktlich, super");
  private static final List<String> FIRST =
      List.of("anna", "ben", "chloe", "david", "emma", "farid", "grace", "hugo", "ines", "jonas");
  private static final List<String> LAST =
      List.of("smith", "martin", "garcia", "muller", "rossi", "novak", "silva", "khan", "berg");
  private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net");

  private Comments() {}

  /** A comment for this response, or null (most responses have none). */
  static Comment maybe(Map<String, Integer> scores, Rng rng) {
    if (!rng.chance(COMMENT_SHARE)) {
      return null;
    }
    int overall = scores.get(PlantedModel.Q_OVERALL);
    String text;
    if (overall <= 2) {
      text = rng.pick(COMPLAINTS.get(worstTouchpoint(scores)));
    } else if (overall == 3) {
      text = rng.pick(NEUTRAL);
    } else {
      text = rng.pick(PRAISE);
    }
    String email = rng.chance(EMAIL_SHARE) ? email(rng) : null;
    String phone = rng.chance(PHONE_SHARE) ? phone(rng) : null;
    if (email != null) {
      text += ". Please contact me at " + email;
    }
    if (phone != null) {
      text += email == null ? ". Call me back on " + phone : " or on " + phone;
    }
    return new Comment(text, email, phone);
  }

  private static String worstTouchpoint(Map<String, Integer> scores) {
    String worst = PlantedModel.DELIVERY;
    int lowest = Integer.MAX_VALUE;
    for (Map.Entry<String, String> e : PlantedModel.QUESTION_OF.entrySet()) {
      Integer s = scores.get(e.getValue());
      if (s != null && s < lowest) {
        lowest = s;
        worst = e.getKey();
      }
    }
    return worst;
  }

  private static String email(Rng rng) {
    return rng.pick(FIRST) + "." + rng.pick(LAST) + (10 + rng.below(90)) + "@" + rng.pick(DOMAINS);
  }

  private static String phone(Rng rng) {
    switch (rng.below(3)) {
      case 0:
        return String.format(java.util.Locale.ROOT, "+44 20 7946 0%03d", rng.below(1000));
      case 1:
        return String.format(java.util.Locale.ROOT, "07700 900%03d", rng.below(1000));
      default:
        return String.format(java.util.Locale.ROOT, "+1 202-555-01%02d", rng.below(100));
    }
  }
}
