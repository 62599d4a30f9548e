package io.cx.jobs.drivers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.Partitioner;

/**
 * How the driver pass spreads the responses over tasks. Each (journey, segment) becomes one chunk,
 * or several when it has more than {@code chunkRows} responses (a response goes to chunk {@code
 * hash(response_id) mod chunks}), so a dominant segment does not make one task run for hours; the
 * chunks are packed onto partitions largest first, each onto the least loaded partition (LPT), so
 * the tasks are about equally long.
 *
 * <p>A shuffled response is keyed by one long: the chunk id in the top bits, then the top bits of
 * the response's hash. Sorting by that key (Spark's {@code repartitionAndSortWithinPartitions})
 * brings every chunk's responses together, in an order that does not depend on how the input was
 * split, so one chunk's sums are always added in the same order.
 */
final class ChunkPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bits of the key holding the response hash; the chunk id is above them. */
  private static final int HASH_BITS = 43;

  /** At most 2^20 chunks fit in the key. */
  static final int MAX_CHUNKS = 1 << (63 - HASH_BITS);

  /** Planned cost of estimating a chunk's segment, in responses (about 25 ms for 12 drivers). */
  private static final long ESTIMATE_COST = 300;

  private final String[] journeyOf;
  private final String[] segmentOf;
  private final boolean[] whole;
  private final Map<String, int[]> firstAndCount;
  private final int[] partitionOf;
  private final int partitions;

  private ChunkPlan(
      String[] journeyOf,
      String[] segmentOf,
      boolean[] whole,
      Map<String, int[]> firstAndCount,
      int[] partitionOf,
      int partitions) {
    this.journeyOf = journeyOf;
    this.segmentOf = segmentOf;
    this.whole = whole;
    this.firstAndCount = firstAndCount;
    this.partitionOf = partitionOf;
    this.partitions = partitions;
  }

  /**
   * Plans the chunks of every segment of the profile.
   *
   * @param chunkRows most responses in one chunk
   * @param maxPartitions most partitions (tasks) of the pass
   */
  static ChunkPlan of(InputProfile profile, int chunkRows, int maxPartitions) {
    List<String> journeys = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    List<Boolean> wholes = new ArrayList<>();
    Map<String, int[]> firstAndCount = new HashMap<>();
    profile
        .segments()
        .forEach(
            (journey, bySegment) ->
                bySegment.forEach(
                    (segment, count) -> {
                      if (count.responses() == 0) {
                        return;
                      }
                      int chunks =
                          (int) Math.max(1, (count.responses() + chunkRows - 1) / chunkRows);
                      firstAndCount.put(key(journey, segment), new int[] {journeys.size(), chunks});
                      for (int c = 0; c < chunks; c++) {
                        journeys.add(journey);
                        segments.add(segment);
                        sizes.add(count.responses() / chunks + (chunks == 1 ? ESTIMATE_COST : 0));
                        wholes.add(chunks == 1);
                      }
                    }));
    int n = journeys.size();
    if (n > MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "Cannot plan the driver pass: "
              + n
              + " chunks of responses, at most "
              + MAX_CHUNKS
              + "; fewer segments are needed");
    }
    int partitions = Math.max(1, Math.min(n, maxPartitions));
    int[] partitionOf = new int[n];
    Integer[] bySize = new Integer[n];
    for (int i = 0; i < n; i++) {
      bySize[i] = i;
    }
    Arrays.sort(bySize, (a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
    PriorityQueue<long[]> load =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (int p = 0; p < partitions; p++) {
      load.add(new long[] {0, p});
    }
    for (int chunk : bySize) {
      long[] least = load.poll();
      partitionOf[chunk] = (int) least[1];
      least[0] += sizes.get(chunk);
      load.add(least);
    }
    boolean[] whole = new boolean[n];
    for (int i = 0; i < n; i++) {
      whole[i] = wholes.get(i);
    }
    return new ChunkPlan(
        journeys.toArray(new String[0]),
        segments.toArray(new String[0]),
        whole,
        firstAndCount,
        partitionOf,
        partitions);
  }

  private static String key(String journey, String segment) {
    return journey + "\u0000" + segment;
  }

  /** Number of chunks. */
  int chunks() {
    return journeyOf.length;
  }

  /** Number of partitions of the pass. */
  int partitions() {
    return partitions;
  }

  /** The shuffle key of a response of this journey and segment, with its response hash. */
  long key(String journey, String segment, long keyHash) {
    int[] fc = firstAndCount.get(key(journey, segment));
    if (fc == null) {
      throw new IllegalStateException(
          "No chunk planned for journey " + journey + ", segment " + segment);
    }
    int chunk = fc[0] + (int) Long.remainderUnsigned(keyHash, fc[1]);
    return ((long) chunk << HASH_BITS) | (keyHash >>> (64 - HASH_BITS));
  }

  /** The chunk of a shuffle key. */
  static int chunkOf(long key) {
    return (int) (key >>> HASH_BITS);
  }

  String journey(int chunk) {
    return journeyOf[chunk];
  }

  String segment(int chunk) {
    return segmentOf[chunk];
  }

  /** Whether the chunk holds its whole segment (then the segment is estimated where it is). */
  boolean whole(int chunk) {
    return whole[chunk];
  }

  /** The partitioner that sends each chunk where the plan put it. */
  Partitioner partitioner() {
    return new ChunkPartitioner(partitionOf, partitions);
  }

  /** Sends a shuffle key to its chunk's partition. */
  static final class ChunkPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int[] partitionOf;
    private final int partitions;

    ChunkPartitioner(int[] partitionOf, int partitions) {
      this.partitionOf = partitionOf;
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return partitionOf[chunkOf((Long) key)];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ChunkPartitioner p
          && p.partitions == partitions
          && Arrays.equals(p.partitionOf, partitionOf);
    }

    @Override
    public int hashCode() {
      return 31 * partitions + Arrays.hashCode(partitionOf);
    }
  }
}
