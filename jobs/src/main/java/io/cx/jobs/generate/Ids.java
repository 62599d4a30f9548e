package io.cx.jobs.generate;

/**
 * The ids written to the files: zero-padded so that they sort as they were issued. Customers get
 * {@code c000001}, responses {@code r0000001}, events {@code e000000001}; the width grows with the
 * population so that the deliberately bad rows, numbered after the good ones, fit too.
 */
final class Ids {
  private final int customerWidth;
  private final int responseWidth;

  Ids(int customers) {
    this.customerWidth = Math.max(6, digits(customers * 2L));
    this.responseWidth = Math.max(7, digits(customers * 6L));
  }

  /** Customer number {@code index + 1}. */
  String customer(int index) {
    return 'c' + pad(index + 1L, customerWidth);
  }

  String response(int index) {
    return "r" + pad(index + 1L, responseWidth);
  }

  String event(long index) {
    return "e" + pad(index + 1L, 9);
  }

  private static int digits(long n) {
    return Long.toString(n).length();
  }

  private static String pad(long n, int width) {
    String s = Long.toString(n);
    if (s.length() >= width) {
      return s;
    }
    char[] c = new char[width];
    java.util.Arrays.fill(c, 0, width - s.length(), '0');
    s.getChars(0, s.length(), c, width - s.length());
    return new String(c);
  }
}
