package io.cx.jobs.drivers;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * One task of the driver pass. Its responses arrive sorted by chunk ({@link ChunkPlan}); it fills
 * one {@link SegmentMoments} per chunk (the sample and all bootstrap replicates at once, so every
 * response is read once), and when a chunk ends:
 *
 * <ul>
 *   <li>merges it into the task's moments of ALL for that journey;
 *   <li>if the chunk is a whole segment, estimates that segment here ({@link LinearDrivers}) and
 *       emits only the small result;
 *   <li>otherwise emits the chunk's moments, to be merged with the segment's other chunks.
 * </ul>
 *
 * At the end it emits its moments of ALL, one per journey. At most two moments objects per journey
 * are alive at a time (about 1 MB per target for 12 touchpoints and 200 replicates).
 */
final class MomentsPass
    implements PairFlatMapFunction<Iterator<Tuple2<Long, ResponseValues>>, String, PassOutput> {
  private static final long serialVersionUID = 1L;

  private final ChunkPlan plan;
  private final Map<String, JourneyLayout> layouts;
  private final DriverOptions options;

  MomentsPass(ChunkPlan plan, Map<String, JourneyLayout> layouts, DriverOptions options) {
    this.plan = plan;
    this.layouts = new LinkedHashMap<>(layouts);
    this.options = options;
  }

  /**
   * Empty moments for a journey; without lmg and relative_weight (whose intervals are the only use
   * of the replicates) no replicate is drawn.
   */
  static SegmentMoments empty(JourneyLayout layout, DriverOptions o) {
    boolean intervals = o.runs(DriverOptions.LMG) || o.runs(DriverOptions.RELATIVE_WEIGHT);
    return new SegmentMoments(
        layout.touchpointCount(),
        layout.metricCount(),
        intervals ? o.replicates() : 0,
        o.seed(),
        o.kanoLowMax(),
        o.kanoHighMin());
  }

  /** The estimates of both targets of a whole segment (or ALL). */
  static List<SegmentEstimate> estimate(
      SegmentMoments m, JourneyLayout layout, String segment, DriverOptions o) {
    List<SegmentEstimate> out = new ArrayList<>();
    for (Target t : Target.values()) {
      out.add(LinearDrivers.estimate(m, t, layout, segment, o));
    }
    return out;
  }

  @Override
  public Iterator<Tuple2<String, PassOutput>> call(Iterator<Tuple2<Long, ResponseValues>> input) {
    return new Pass(input);
  }

  private final class Pass implements Iterator<Tuple2<String, PassOutput>> {
    private final Iterator<Tuple2<Long, ResponseValues>> input;
    private final Map<String, SegmentMoments> all = new LinkedHashMap<>();
    private final Deque<Tuple2<String, PassOutput>> ready = new ArrayDeque<>();
    private Tuple2<Long, ResponseValues> pending;
    private boolean flushedAll;

    Pass(Iterator<Tuple2<Long, ResponseValues>> input) {
      this.input = input;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && (pending != null || input.hasNext())) {
        readChunk();
      }
      if (ready.isEmpty() && !flushedAll) {
        flushedAll = true;
        all.forEach(
            (journey, m) ->
                ready.add(new Tuple2<>(PassOutput.key(journey, Cols.ALL), PassOutput.partial(m))));
        all.clear();
      }
      return !ready.isEmpty();
    }

    @Override
    public Tuple2<String, PassOutput> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    /** Reads the responses of one chunk and queues what it gives. */
    private void readChunk() {
      Tuple2<Long, ResponseValues> first = pending != null ? pending : input.next();
      pending = null;
      int chunk = ChunkPlan.chunkOf(first._1());
      String journey = plan.journey(chunk);
      String segment = plan.segment(chunk);
      JourneyLayout layout = layouts.get(journey);
      SegmentMoments m = empty(layout, options);
      m.add(first._2());
      while (input.hasNext()) {
        Tuple2<Long, ResponseValues> next = input.next();
        if (ChunkPlan.chunkOf(next._1()) != chunk) {
          pending = next;
          break;
        }
        m.add(next._2());
      }
      all.computeIfAbsent(journey, j -> empty(layout, options)).merge(m);
      String key = PassOutput.key(journey, segment);
      if (plan.whole(chunk)) {
        ready.add(new Tuple2<>(key, PassOutput.estimates(estimate(m, layout, segment, options))));
      } else {
        ready.add(new Tuple2<>(key, PassOutput.partial(m)));
      }
    }
  }
}
