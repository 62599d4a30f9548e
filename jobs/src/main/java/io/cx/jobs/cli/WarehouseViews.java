package io.cx.jobs.cli;

import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import java.util.ArrayList;
import java.util.List;

/**
 * Every table of the contract that exists in a warehouse, as a temporary view named after the table
 * ({@code SELECT * FROM churn_scores}), each at the version it had when registered: what {@code cx
 * sql} queries, and what the notebooks' first cell does in Python (notebooks/cx_setup.py).
 */
public final class WarehouseViews {
  private WarehouseViews() {}

  /**
   * Registers the views in the session of {@code tables} and returns the names registered, in the
   * contract's order. Tables that do not exist (a job not run yet) get no view.
   */
  public static List<String> register(TableIO tables) {
    List<String> registered = new ArrayList<>();
    for (String table : Tables.ALL) {
      tables
          .readIfExists(table)
          .ifPresent(
              df -> {
                df.createOrReplaceTempView(table);
                registered.add(table);
              });
    }
    return registered;
  }
}
