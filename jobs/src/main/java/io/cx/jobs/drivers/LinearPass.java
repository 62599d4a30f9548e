package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.stats.PoissonWeights;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The single distributed pass of the linear driver methods (lmg, relative_weight) and of the facts
 * every method shares:
 *
 * <ol>
 *   <li>each response with a target becomes a compact {@link ResponseValues} keyed by its chunk
 *       ({@link ChunkPlan}) and shuffled once, sorted, to the chunk's task;
 *   <li>each task fills the sufficient statistics of its chunks, the sample and all bootstrap
 *       replicates at once ({@link MomentsPass}), estimates the segments it holds whole on the
 *       spot, and emits the moments of split segments and of ALL;
 *   <li>{@code reduceByKey} merges those moments per segment (and ALL per journey), and the merged
 *       segments are estimated where they were merged.
 * </ol>
 *
 * Only results reach the driver program: one {@link SegmentEstimate} per journey, segment and
 * target. No response is collected, and no response is read more than once.
 */
final class LinearPass {
  private LinearPass() {}

  /**
   * @param rows the run's journey_features rows (segment never null)
   * @param chunkRows most responses of a segment estimated in one piece
   */
  static List<SegmentEstimate> run(
      Dataset<Row> rows,
      List<JourneyLayout> layouts,
      InputProfile profile,
      DriverOptions options,
      int chunkRows) {
    int parallelism = rows.sparkSession().sparkContext().defaultParallelism();
    ChunkPlan plan = ChunkPlan.of(profile, chunkRows, 4 * parallelism);
    if (plan.chunks() == 0) {
      return List.of();
    }
    Map<String, JourneyLayout> byId = new LinkedHashMap<>();
    layouts.forEach(l -> byId.put(l.journey(), l));
    JavaPairRDD<Long, ResponseValues> keyed = null;
    for (JourneyLayout layout : layouts) {
      JavaPairRDD<Long, ResponseValues> part =
          responses(rows, layout).toJavaRDD().mapToPair(new ToResponse(plan, layout.journey()));
      keyed = keyed == null ? part : keyed.union(part);
    }
    return keyed
        .repartitionAndSortWithinPartitions(plan.partitioner())
        .mapPartitionsToPair(new MomentsPass(plan, byId, options))
        .reduceByKey(PassOutput::merge, plan.partitions())
        .flatMap(new Finish(byId, options))
        .collect();
  }

  /**
   * The columns a journey's responses travel with, for the rows that count for at least one target
   * (see {@link InputProfile}): response_id, customer_id, segment, weight, the targets,
   * touchpoints, metrics.
   */
  static Dataset<Row> responses(Dataset<Row> rows, JourneyLayout layout) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(Cols.RESPONSE_ID));
    cols.add(col(Cols.CUSTOMER_ID));
    cols.add(col(Cols.SEGMENT));
    cols.add(InputProfile.weight());
    for (Target t : Target.values()) {
      cols.add(col(t.column()).cast("double"));
    }
    layout.touchpointColumns().forEach(c -> cols.add(col(c).cast("double")));
    layout.metricColumns().forEach(c -> cols.add(col(c).cast("double")));
    Column anyTarget =
        InputProfile.present(col(Target.SATISFACTION.column()))
            .or(InputProfile.present(col(Target.RECOMMEND.column())));
    return rows.where(
            col(Cols.JOURNEY)
                .equalTo(layout.journey())
                .and(InputProfile.usableWeight())
                .and(anyTarget))
        .select(cols.toArray(new Column[0]));
  }

  /** A row of {@link #responses} as its shuffle key and values. */
  private static final class ToResponse implements PairFunction<Row, Long, ResponseValues> {
    private static final long serialVersionUID = 1L;

    /** The index of the first value column of {@link #responses}. */
    private static final int FIRST_VALUE = 4;

    /**
     * Prefixed to a customer id before hashing, so a customer's bootstrap draws differ from those
     * of a response that happens to carry the same id.
     */
    private static final String CUSTOMER_KEY = "customer:";

    private final ChunkPlan plan;
    private final String journey;

    ToResponse(ChunkPlan plan, String journey) {
      this.plan = plan;
      this.journey = journey;
    }

    @Override
    public Tuple2<Long, ResponseValues> call(Row r) {
      String responseId = r.isNullAt(0) ? "" : r.getString(0);
      long hash = PoissonWeights.keyHash(responseId);
      // The bootstrap draws customers: every response of a customer gets the same multiplicity in
      // a replicate, so repeat respondents do not pass for independent evidence. A response
      // without a customer is its own cluster.
      long customerHash =
          r.isNullAt(1) ? hash : PoissonWeights.keyHash(CUSTOMER_KEY + r.getString(1));
      double[] values = new double[r.length() - FIRST_VALUE];
      for (int i = 0; i < values.length; i++) {
        double v = r.isNullAt(i + FIRST_VALUE) ? Double.NaN : r.getDouble(i + FIRST_VALUE);
        values[i] = Double.isFinite(v) ? v : Double.NaN;
      }
      for (Target t : Target.values()) {
        values[JourneyLayout.targetIndex(t)] *= t.scale();
      }
      return new Tuple2<>(
          plan.key(journey, r.getString(2), hash),
          new ResponseValues(customerHash, r.getDouble(3), values));
    }
  }

  /** Estimates a merged segment, or passes a finished one through. */
  private static final class Finish
      implements FlatMapFunction<Tuple2<String, PassOutput>, SegmentEstimate> {
    private static final long serialVersionUID = 1L;
    private final Map<String, JourneyLayout> layouts;
    private final DriverOptions options;

    Finish(Map<String, JourneyLayout> layouts, DriverOptions options) {
      this.layouts = layouts;
      this.options = options;
    }

    @Override
    public Iterator<SegmentEstimate> call(Tuple2<String, PassOutput> keyed) {
      PassOutput out = keyed._2();
      if (!out.isPartial()) {
        return out.estimates().iterator();
      }
      String journey = PassOutput.journeyOf(keyed._1());
      return MomentsPass.estimate(
              out.moments(), layouts.get(journey), PassOutput.segmentOf(keyed._1()), options)
          .iterator();
    }
  }
}
