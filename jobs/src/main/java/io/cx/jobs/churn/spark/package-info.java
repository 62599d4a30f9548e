/**
 * Spark plumbing of the churn analysis: {@link io.cx.jobs.churn.spark.PartitionFold} (aggregations
 * merged in partition order, so the same input gives the same bits) and {@link
 * io.cx.jobs.churn.spark.Steps} (names the Spark jobs of each step).
 */
package io.cx.jobs.churn.spark;
