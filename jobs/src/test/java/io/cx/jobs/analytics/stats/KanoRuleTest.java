package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KanoRuleTest {
  private final KanoRule rule = KanoRule.DEFAULT;

  @Test
  void classifiesByMaterialityAndRatio() {
    assertEquals(KanoClass.BASIC, rule.classify(0.10, 0.03));
    assertEquals(KanoClass.BASIC, rule.classify(0.10, 0.05), "exactly 2x dominates");
    assertEquals(KanoClass.BASIC, rule.classify(0.05, 0.0));
    assertEquals(KanoClass.EXCITEMENT, rule.classify(0.01, 0.08));
    assertEquals(KanoClass.EXCITEMENT, rule.classify(Double.NaN, 0.08));
    assertEquals(KanoClass.PERFORMANCE, rule.classify(0.06, 0.05));
    assertEquals(KanoClass.PERFORMANCE, rule.classify(0.03, 0.019), "one material, neither 2x");
    assertEquals(KanoClass.INDIFFERENT, rule.classify(0.019, 0.019));
    assertEquals(KanoClass.INDIFFERENT, rule.classify(-0.05, -0.1), "negative effects are 0");
    assertEquals(KanoClass.INDIFFERENT, rule.classify(Double.NaN, Double.NaN));
  }

  @Test
  void parametersChangeTheBoundaries() {
    KanoRule strict = new KanoRule(0.05, 3.0);
    assertEquals(KanoClass.INDIFFERENT, strict.classify(0.04, 0.0));
    assertEquals(KanoClass.PERFORMANCE, strict.classify(0.10, 0.04));
    assertEquals(KanoClass.BASIC, strict.classify(0.12, 0.04));
    assertThrows(IllegalArgumentException.class, () -> new KanoRule(-0.1, 2));
    assertThrows(IllegalArgumentException.class, () -> new KanoRule(0.02, 0.5));
  }

  @Test
  void contractStrings() {
    assertEquals("basic", KanoClass.BASIC.id());
    assertEquals("performance", KanoClass.PERFORMANCE.id());
    assertEquals("excitement", KanoClass.EXCITEMENT.id());
    assertEquals("indifferent", KanoClass.INDIFFERENT.id());
  }
}
