package io.cx.common.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PrivacyTest {
  @Test
  void masksEmailsAndPhoneNumbersButNotDatesOrOrderNumbers() {
    assertEquals(
        "write to [email] or call [phone] about order 12345 of 2024-05-01",
        TextMasking.mask(
            "write to jane.doe+cx@example.co.uk or call +44 (0)20 7946-0958 about order 12345 of 2024-05-01"));
    assertEquals("call [phone] now", TextMasking.mask("call 555.123.4567 now"));
    assertEquals(null, TextMasking.mask((String) null));
  }

  @Test
  void pseudonymIsTheHmacSha256OfTheIdAndDependsOnTheKey() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        Pseudonymiser.pseudonym("what do ya want for nothing?", "Jefe"));
    assertNotEquals(
        Pseudonymiser.pseudonym("c1", "key-one-0123456789"),
        Pseudonymiser.pseudonym("c1", "key-two-0123456789"));
  }
}
