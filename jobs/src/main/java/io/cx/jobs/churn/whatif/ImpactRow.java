package io.cx.jobs.churn.whatif;

import java.sql.Date;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The driver_impact rows of {@link WhatIf}, in the contract's column order. */
final class ImpactRow {
  private ImpactRow() {}

  /**
   * What a row is about.
   *
   * @param segment the segment (or ALL)
   * @param driver the touchpoint id
   * @param scenario the scenario's name
   * @param n customers of the segment
   * @param moved answers moved
   */
  record Key(String segment, String driver, String scenario, long n, double moved) {}

  /** Rows of one journey and run date. */
  record Factory(String journey, Date runDate) {
    Row row(String target, Key k, Prediction p, Double revenueDelta) {
      return RowFactory.create(
          journey,
          target,
          k.segment(),
          k.driver(),
          k.scenario(),
          p.baseline(),
          p.predicted(),
          p.delta(),
          revenueDelta,
          k.n(),
          k.moved(),
          Double.isNaN(p.low()) ? null : p.low(),
          Double.isNaN(p.high()) ? null : p.high(),
          runDate);
    }
  }
}
