package io.cx.common.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Masks e-mail addresses and phone numbers in free text, so comments reach analyst tables without
 * them. An e-mail becomes {@code [email]}, a phone number {@code [phone]}.
 */
public final class TextMasking {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** A run of digits, optionally led by + and grouped by spaces, dots, dashes or brackets. */
  private static final Pattern PHONE_CANDIDATE = Pattern.compile("\\+?\\(?\\d[\\d ().-]{5,}\\d");

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private TextMasking() {}

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String noEmail = EMAIL.matcher(text).replaceAll("[email]");
    Matcher m = PHONE_CANDIDATE.matcher(noEmail);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String found = m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(isPhone(found) ? "[phone]" : found));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Seven to fifteen digits (E.164 allows at most 15), and not an ISO date. */
  private static boolean isPhone(String s) {
    long digits = s.chars().filter(Character::isDigit).count();
    return digits >= 7 && digits <= 15 && !ISO_DATE.matcher(s.trim()).matches();
  }

  /** The same masking as a Spark column expression. */
  public static Column mask(Column text) {
    UDF1<String, String> f = TextMasking::mask;
    return functions.udf(f, DataTypes.StringType).apply(text);
  }
}
