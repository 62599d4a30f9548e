package io.cx.jobs.drivers;

import java.io.Serializable;
import java.util.List;

/**
 * What a task of the driver pass emits for one key ({@code journey}, {@code segment}): either the
 * finished estimates of a segment it held whole, or the moments of a part of a segment (a chunk of
 * a large segment, or its share of ALL), to be merged with the other parts by key.
 */
final class PassOutput implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<SegmentEstimate> estimates;
  private final SegmentMoments moments;

  private PassOutput(List<SegmentEstimate> estimates, SegmentMoments moments) {
    this.estimates = estimates;
    this.moments = moments;
  }

  static PassOutput estimates(List<SegmentEstimate> estimates) {
    return new PassOutput(List.copyOf(estimates), null);
  }

  static PassOutput partial(SegmentMoments moments) {
    return new PassOutput(null, moments);
  }

  boolean isPartial() {
    return moments != null;
  }

  List<SegmentEstimate> estimates() {
    return estimates;
  }

  SegmentMoments moments() {
    return moments;
  }

  /** Merges two parts of the same key; finished estimates are never merged (one per key). */
  static PassOutput merge(PassOutput a, PassOutput b) {
    if (!a.isPartial() || !b.isPartial()) {
      throw new IllegalStateException(
          "Cannot merge driver pass outputs: a segment was both finished and split");
    }
    return partial(a.moments.merge(b.moments));
  }

  /** The key of a segment's outputs in the merge. */
  static String key(String journey, String segment) {
    return journey + "\u0000" + segment;
  }

  static String journeyOf(String key) {
    return key.substring(0, key.indexOf('\u0000'));
  }

  static String segmentOf(String key) {
    return key.substring(key.indexOf('\u0000') + 1);
  }
}
