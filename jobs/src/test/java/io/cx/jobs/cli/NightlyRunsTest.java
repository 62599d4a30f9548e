package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import io.cx.jobs.testing.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ten nights of {@code cx run} on daily exports against one full recompute of the last night: fuse
 * keeps one current row per response, recomputes only what changed, and ends with the tables a full
 * recompute gives, in about the same storage.
 */
class NightlyRunsTest {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyRunsTest.class);
  static final int NIGHTS = 10;
  static final LocalDate LAST = NightlyWorld.FIRST.plusDays(NIGHTS - 1);
  static final List<String> FUSED =
      List.of(Tables.JOURNEY_STAGE_FACTS, Tables.JOURNEY_FEATURES, Tables.CHURN_LABELS);

  /** Columns that name a run or its time, not a result. */
  private static final Set<String> RUN_COLUMNS =
      Set.of(Cols.RUN_DATE, Cols.RUN_ID, "created_at", "computed_at", "model_path");

  @Test
  void tenNightsEqualOneFullRecomputeTouchOnlyTheirRowsAndRerunToNoChange(@TempDir Path dir)
      throws IOException {
    NightlyWorld nightly = new NightlyWorld(dir.resolve("nightly")).nights(NIGHTS);
    NightlyWorld full = new NightlyWorld(dir.resolve("full")).nights(NIGHTS);
    Run nights = range(nightly, "ingest,fuse");
    assertEquals(0, nights.code(), nights.err());

    // The full recompute reads the same ingested inputs, copied into a second warehouse.
    TableIO a = io(nightly);
    TableIO b = io(full);
    for (String input : List.of(Tables.SURVEY_ANSWERS, Tables.BEHAVIOR_EVENTS, Tables.CUSTOMERS)) {
      Folders.copy(Path.of(a.path(input)), Path.of(b.path(input)));
    }
    Run rebuilt =
        CliTest.cx(
            "fuse",
            "--config",
            full.config(),
            "--date",
            LAST.toString(),
            "--set",
            "fuse.recompute=full");
    assertEquals(0, rebuilt.code(), rebuilt.err());
    for (String t : FUSED) {
      assertEquals(canonical(b.readWritten(t)), canonical(a.readWritten(t)), t);
    }

    // Every night but the first ran incrementally.
    List<Row> fuseRuns = fuseRuns(a);
    assertEquals(NIGHTS, fuseRuns.size());
    assertTrue(
        fuseRuns.get(0).getString(2).contains("every response computed"),
        fuseRuns.get(0).getString(2));
    for (Row r : fuseRuns.subList(1, NIGHTS)) {
      assertTrue(r.getString(2).startsWith("Incremental"), r.getString(2));
    }

    // The last night wrote exactly the rows that differ between the states of nights 9 and 10,
    // and read a fraction of what the full recompute read.
    long expected = 0;
    for (String t : FUSED) {
      expected += changedRows(a, t, LAST.minusDays(1), LAST);
    }
    Row last = fuseRuns.get(NIGHTS - 1);
    assertEquals(expected, last.getLong(1), "rows written on the last night");
    long fullRead = fuseRuns(b).get(0).getLong(0);
    assertTrue(
        last.getLong(0) * 2 < fullRead,
        "the last night read " + last.getLong(0) + " rows, a full run " + fullRead);

    // Storage grows with the responses and what changes, not with nights x responses: every row
    // ever written to the three tables, history included, against the rows the older layout (one
    // snapshot per night) would hold. On this world a label changes up to three times in its short
    // horizon (written, churn seen early, observed), so the rows stored are about twice the full
    // recompute's; in bytes more, as each night's few rows pay a Parquet file's fixed overhead.
    long stored = storedRows(a);
    long snapshots = 0;
    for (int n = 0; n < NIGHTS; n++) {
      for (String t : FUSED) {
        snapshots += asOf(a, t, NightlyWorld.FIRST.plusDays(n)).count();
      }
    }
    LOG.info(
        "ten nights: last night read {} rows (full recompute {}), wrote {}; rows stored {}, full"
            + " recompute {}, one snapshot per night {}",
        last.getLong(0),
        fullRead,
        last.getLong(1),
        stored,
        storedRows(b),
        snapshots);
    assertTrue(
        stored * 2 < snapshots,
        "rows stored: "
            + stored
            + "; one snapshot per night: "
            + snapshots
            + "; full recompute: "
            + storedRows(b));
    // A rerun of the last night finds nothing changed: no commit, no row written.
    List<Long> before = FUSED.stream().map(a::version).toList();
    List<List<String>> rows = FUSED.stream().map(t -> canonical(a.readWritten(t))).toList();
    Run again = CliTest.cx("fuse", "--config", nightly.config(), "--date", LAST.toString());
    assertEquals(0, again.code(), again.err());
    assertEquals(before, FUSED.stream().map(a::version).toList(), "no commit");
    assertEquals(rows, FUSED.stream().map(t -> canonical(a.readWritten(t))).toList());
    assertEquals(0L, fuseRuns(a).get(NIGHTS).getLong(1), "rows written by the rerun");

    // An earlier date as known then: night 3's labels, fewer observed than now.
    LocalDate third = NightlyWorld.FIRST.plusDays(2);
    long observedThen =
        asOf(a, Tables.CHURN_LABELS, third).where(functions.col(Cols.OBSERVED)).count();
    long observedNow =
        a.readWritten(Tables.CHURN_LABELS).where(functions.col(Cols.OBSERVED)).count();
    assertTrue(
        0 < observedThen && observedThen < observedNow,
        observedThen + " observed then, " + observedNow + " now");

    // cx export --date gives a fuse table as known at that date.
    Path out = dir.resolve("labels.csv");
    Run export = export(nightly, out, third.toString());
    assertEquals(0, export.code(), export.err());
    assertEquals(asOf(a, Tables.CHURN_LABELS, third).count() + 1, lines(out));
    Run never = export(nightly, out, "2024-05-01");
    assertEquals(4, never.code());
    assertTrue(
        never
            .err()
            .contains(
                "no successful cx fuse run of 2024-05-01 for journeys shop in run_log: churn_labels"
                    + " as known then is unknown; export without --date for the current rows"),
        never.err());
  }

  private static Run export(NightlyWorld w, Path out, String date) {
    return CliTest.cx(
        "export",
        "--config",
        w.config(),
        "--table",
        Tables.CHURN_LABELS,
        "--out",
        out.toString(),
        "--date",
        date);
  }

  private static long lines(Path p) throws IOException {
    try (Stream<String> l = Files.lines(p)) {
      return l.count();
    }
  }

  private static Run range(NightlyWorld w, String jobs) {
    return CliTest.cx(
        "run",
        "--config",
        w.config(),
        "--from",
        NightlyWorld.FIRST.toString(),
        "--to",
        LAST.toString(),
        "--jobs",
        jobs);
  }

  private static TableIO io(NightlyWorld w) {
    return new TableIO(SharedSpark.get(), w.workspace().warehouse());
  }

  /** fuse's run_log rows in run order: rows_read, rows_written, message, output_versions. */
  private static List<Row> fuseRuns(TableIO io) {
    return io.readWritten(Tables.RUN_LOG)
        .where(functions.col(Cols.JOB).equalTo(JobNames.FUSE))
        .orderBy(Cols.STARTED_AT)
        .select(
            Cols.ROWS_READ, Cols.ROWS_WRITTEN, Cols.MESSAGE, Cols.OUTPUT_VERSIONS, Cols.RUN_DATE)
        .collectAsList();
  }

  /** A fuse table as the fuse run of a date left it (run_log's output_versions). */
  private static Dataset<Row> asOf(TableIO io, String table, LocalDate date) {
    for (Row r : fuseRuns(io)) {
      if (r.getDate(4).toLocalDate().equals(date)) {
        long v = (Long) r.getJavaMap(3).get(table);
        return io.spark().read().format("delta").option("versionAsOf", v).load(io.path(table));
      }
    }
    throw new AssertionError("no fuse run of " + date);
  }

  /** Rows of one state that are not in the other (both ways), run columns ignored. */
  private static long changedRows(TableIO io, String table, LocalDate before, LocalDate after) {
    Dataset<Row> then = results(asOf(io, table, before));
    Dataset<Row> now = results(asOf(io, table, after));
    String[] key =
        table.equals(Tables.JOURNEY_STAGE_FACTS)
            ? new String[] {Cols.JOURNEY, Cols.RESPONSE_ID, Cols.STAGE}
            : new String[] {Cols.JOURNEY, Cols.RESPONSE_ID};
    long changedOrNew = now.exceptAll(then).count();
    long gone = then.join(now, key, "left_anti").count();
    return changedOrNew + gone;
  }

  private static Dataset<Row> results(Dataset<Row> df) {
    return df.drop(RUN_COLUMNS.toArray(String[]::new));
  }

  /** The rows without run columns, as sorted strings (doubles to 9 significant digits). */
  static List<String> canonical(Dataset<Row> df) {
    Dataset<Row> r = results(df);
    List<String> out = new ArrayList<>();
    for (Row row : r.collectAsList()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        Object v = row.get(i);
        sb.append(v instanceof Double x ? String.format("%.9g", x) : String.valueOf(v)).append('|');
      }
      out.add(sb.toString());
    }
    out.sort(null);
    return out;
  }

  /** Rows of every data file ever added to the fuse tables (Delta log: add actions' numRecords). */
  private static long storedRows(TableIO io) throws IOException {
    ObjectMapper json = new ObjectMapper();
    long total = 0;
    for (String t : FUSED) {
      try (Stream<Path> commits = Files.list(Path.of(io.path(t), "_delta_log"))) {
        for (Path c : commits.filter(p -> p.toString().endsWith(".json")).toList()) {
          for (String line : Files.readAllLines(c)) {
            JsonNode add = json.readTree(line).get("add");
            if (add != null) {
              total += json.readTree(add.get("stats").asText()).get("numRecords").asLong();
            }
          }
        }
      }
    }
    return total;
  }
}
