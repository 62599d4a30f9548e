package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Tables;
import io.cx.common.spark.CurrentState;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import io.cx.jobs.ingest.IngestJobTest;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse whose fuse tables hold one snapshot per run date (an older cx) is not migrated
 * silently: fuse and drivers exit 3 with the command that rebuilds it, and that command does.
 */
class OldLayoutTest {
  @Test
  void anOldLayoutIsRefusedWithTheRebuildCommandWhichRebuildsIt(@TempDir Path dir) {
    Workspace ws = IngestJobTest.workspace(dir);
    String config = ws.config().toString();
    assertEquals(0, CliTest.cx("ingest", "--config", config, "--date", "2024-06-30").code());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    SharedSpark.get()
        .createDataFrame(List.of(), FeatureColumns.schemaOf(ws.load().journeys()))
        .write()
        .format("delta")
        .partitionBy(Cols.RUN_DATE)
        .save(io.path(Tables.JOURNEY_FEATURES));
    String refused =
        "table journey_features at "
            + io.path(Tables.JOURNEY_FEATURES)
            + " has the layout of an older cx (partitioned by run_date, one snapshot per run"
            + " date); cx now keeps one current row per response, partitioned by journey, and"
            + " reads earlier dates by Delta time travel. Rebuild it with: cx fuse --config FILE"
            + " --date 2024-06-30 --set fuse.recompute=full";
    for (String job : List.of("fuse", "drivers")) {
      Run r = CliTest.cx(job, "--config", config, "--date", "2024-06-30");
      assertEquals(3, r.code(), job + ": " + r.err());
      assertEquals(true, r.err().contains(refused), r.err());
    }
    Run rebuilt =
        CliTest.cx(
            "fuse", "--config", config, "--date", "2024-06-30", "--set", "fuse.recompute=full");
    assertEquals(0, rebuilt.code(), rebuilt.err());
    for (String t : Tables.CURRENT_STATE) {
      assertFalse(CurrentState.hasOldLayout(io, t), t);
    }
  }
}
