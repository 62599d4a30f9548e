/**
 * Spark plumbing of the churn analysis: {@link io.cx.jobs.churn.spark.PartitionFold} (aggregations
 * merged in partition order, so the same input gives the same bits).
 */
package io.cx.jobs.churn.spark;
