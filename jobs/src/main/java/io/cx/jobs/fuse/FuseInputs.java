package io.cx.jobs.fuse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the fusion reads, as known on the run date: the rows of survey_answers, behavior_events and
 * customers of every run date up to it.
 *
 * @param answers survey_answers rows
 * @param events behavior_events rows
 * @param customers customers rows, or null when there is no customers table
 */
record FuseInputs(Dataset<Row> answers, Dataset<Row> events, Dataset<Row> customers) {}
