package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.contract.Cols;
import io.cx.common.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Duplicate events: the first clean copy of an id (by time, then raw text) is kept, identical
 * copies included; rejected rows do not count; ids of other run dates are duplicates.
 */
class EventDuplicatesTest {
  private static final StructType MARKED =
      new StructType()
          .add("_eid", DataTypes.StringType)
          .add("_time", DataTypes.TimestampType)
          .add(InputReader.RAW, DataTypes.StringType)
          .add(Rejects.REASON, DataTypes.StringType)
          .add(Rejects.DETAIL, DataTypes.StringType);

  private static Row row(String id, String time, String raw, String reason) {
    return RowFactory.create(
        id,
        time == null ? null : Timestamp.valueOf(time),
        raw,
        reason,
        reason == null ? null : "bad " + reason);
  }

  @Test
  void everyCopyAfterTheFirstAndEveryIdSeenBeforeIsADuplicate() {
    var spark = SharedSpark.get();
    Dataset<Row> marked =
        spark.createDataFrame(
            List.of(
                row("e1", "2024-06-01 10:00:00", "e1,10:00,a", null),
                row("e1", "2024-06-01 09:00:00", "e1,09:00,b", null),
                row("e1", "2024-06-01 10:00:00", "e1,10:00,a", null),
                row("e2", "2024-06-02 08:00:00", "e2,08:00,z", null),
                row("e2", "2024-06-02 08:00:00", "e2,08:00,y", null),
                row("e3", null, "e3,yesterday", "bad_timestamp"),
                row("e3", "2024-06-03 08:00:00", "e3,08:00", null),
                row("e4", "2024-06-04 08:00:00", "e4,08:00", null),
                row("e5", "2024-06-05 08:00:00", "e5,08:00", null)),
            MARKED);
    Dataset<Row> existing =
        spark
            .createDataFrame(List.of(RowFactory.create("e4")), idSchema())
            .unionAll(spark.createDataFrame(List.of(RowFactory.create("e4")), idSchema()));

    List<String> got = new ArrayList<>();
    for (Row r :
        EventCleaner.duplicates(marked, existing)
            .select(
                concat_ws(" | ", col(InputReader.RAW), col(Rejects.REASON), col(Rejects.DETAIL)))
            .collectAsList()) {
      got.add(r.getString(0));
    }
    Collections.sort(got);
    assertEquals(
        List.of(
            "e1,09:00,b",
            "e1,10:00,a | duplicate_event | event_id repeated in this batch: a duplicate delivery",
            "e1,10:00,a | duplicate_event | event_id repeated in this batch: a duplicate delivery",
            "e2,08:00,y",
            "e2,08:00,z | duplicate_event | event_id repeated in this batch: a duplicate delivery",
            "e3,08:00",
            "e3,yesterday | bad_timestamp | bad bad_timestamp",
            "e4,08:00 | duplicate_event | event_id already ingested on another run date",
            "e5,08:00"),
        got);
  }

  private static StructType idSchema() {
    return new StructType().add(Cols.EVENT_ID, DataTypes.StringType);
  }
}
