package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.features.FeaturePlan;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who is at risk at the run date ({@link ChurnInputs#population}): only customers whose latest
 * response's churn horizon (90 days) is still open and who have not churned, each with the window
 * the score is for.
 */
class ChurnPopulationTest {
  private static final Instant END =
      SimulatedChurn.RUN.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);

  private final List<Row> features = new ArrayList<>();
  private final List<Row> labels = new ArrayList<>();

  /** A response submitted {@code daysBefore} days before the end of the run date. */
  private void response(String customer, String response, int daysBefore, Boolean churned) {
    Instant submitted = END.minus(daysBefore, ChronoUnit.DAYS);
    Instant horizonEnd = submitted.plus(90, ChronoUnit.DAYS);
    boolean observed = horizonEnd.isBefore(END);
    Date run = Date.valueOf(SimulatedChurn.RUN);
    Timestamp s = Timestamp.from(submitted);
    features.add(
        RowFactory.create(
            response,
            customer,
            s,
            "shop",
            "app",
            "consumer",
            "north",
            100,
            500.0,
            1.0,
            0.5,
            7.0,
            null,
            0.75,
            0.75,
            null,
            0.0,
            2.0,
            run));
    labels.add(
        RowFactory.create(
            response,
            customer,
            s,
            "shop",
            churned,
            Boolean.TRUE.equals(churned) ? Date.valueOf(SimulatedChurn.RUN.minusDays(1)) : null,
            Boolean.TRUE.equals(churned) ? "event" : null,
            observed,
            Timestamp.from(horizonEnd),
            run));
  }

  @Test
  void onlyOpenHorizonsOfCustomersNotChurnedAreScored(@TempDir Path dir) {
    // closed: the latest horizon (ended 30 days ago) closed without churn; not at risk for it.
    response("closed", "closed-r0", 300, false);
    response("closed", "closed-r1", 120, false);
    // open: the latest horizon (ends in 60 days) is open; an older one closed without churn.
    response("open", "open-r0", 200, false);
    response("open", "open-r1", 30, null);
    // lost: churned inside a horizon still open; already gone, not at risk.
    response("lost", "lost-r0", 10, true);
    // earlier: churned after an older response, then answered again; not scored either.
    response("earlier", "earlier-r0", 150, true);
    response("earlier", "earlier-r1", 20, null);
    // ends: a horizon that ends exactly at the end of the run date is still open (observed means
    // it ended before).
    response("ends", "ends-r0", 90, null);

    JourneyMap journey = ChurnFeaturePlanTest.journey(dir, SimulatedChurn.JOURNEY);
    ChurnInputs inputs =
        new ChurnInputs(
            SharedSpark.get().createDataFrame(features, SimulatedChurn.FEATURES),
            SharedSpark.get().createDataFrame(labels, SimulatedChurn.LABELS));
    Map<String, Row> scored = new TreeMap<>();
    inputs
        .population(journey, FeaturePlan.of(journey))
        .collectAsList()
        .forEach(r -> scored.put(r.getAs(Cols.CUSTOMER_ID), r));

    assertEquals(List.of("ends", "open"), List.copyOf(scored.keySet()));
    Row open = scored.get("open");
    assertEquals("open-r1", open.getAs(Cols.RESPONSE_ID));
    assertEquals(
        Timestamp.from(END.minus(30, ChronoUnit.DAYS)), open.<Timestamp>getAs(Cols.SUBMITTED_AT));
    assertEquals(
        Timestamp.from(END.plus(60, ChronoUnit.DAYS)), open.<Timestamp>getAs(Cols.HORIZON_END));
    assertEquals(Timestamp.from(END), scored.get("ends").<Timestamp>getAs(Cols.HORIZON_END));
  }
}
