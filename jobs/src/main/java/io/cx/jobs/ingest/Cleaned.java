package io.cx.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A cleaner's output: the rows for the clean table, the rows for rejected_records, and the marked
 * rows both derive from (the caller persists it, so the input is read and checked once).
 */
record Cleaned(Dataset<Row> clean, Dataset<Row> rejected, Dataset<Row> marked) {}
