package io.cx.jobs.analytics;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.jobs.analytics.stats.KanoClass;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;

/**
 * One row of driver_importance before it gets its run id and date: the one place such a row is
 * assembled, for the drivers job (satisfaction and recommend) and the churn job (churn). The column
 * order is that of {@link Schemas#DRIVER_IMPORTANCE}; a column never set is null ("not estimated").
 * Built with {@link #builder}; a non-finite number is stored as null.
 */
public final class ImportanceRow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** driver_kind of a touchpoint score. */
  public static final String TOUCHPOINT = "touchpoint";

  /** driver_kind of an objective metric. */
  public static final String METRIC = "metric";

  /** The method of a row that stands for a segment and target not estimated. */
  public static final String NO_METHOD = "none";

  /** The status of an estimated row. */
  public static final String ESTIMATED = "estimated";

  private final HashMap<String, Object> values;

  private ImportanceRow(HashMap<String, Object> values) {
    this.values = values;
  }

  /** The value of one column (null when not set). */
  public Object get(String column) {
    return values.get(column);
  }

  /** The row in the column order of {@link Schemas#DRIVER_IMPORTANCE}. */
  public Row toRow(String runId, LocalDate runDate) {
    StructField[] fields = Schemas.DRIVER_IMPORTANCE.fields();
    Object[] out = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      out[i] =
          switch (name) {
            case Cols.RUN_ID -> runId;
            case Cols.RUN_DATE -> Date.valueOf(runDate);
            default -> values.get(name);
          };
    }
    return RowFactory.create(out);
  }

  /** A row of one journey, target, segment and method, estimated on n responses. */
  public static Builder builder(
      String journey, String target, String segment, String method, long n) {
    return new Builder(journey, target, segment, method, n);
  }

  /** The row of a segment and target that was not estimated by any method, and why. */
  public static ImportanceRow notEstimated(
      String journey, String target, String segment, long n, String status, String note) {
    return builder(journey, target, segment, NO_METHOD, n).status(status).note(note).build();
  }

  /** Null for NaN and infinities. */
  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Fills a row column by column; unset columns stay null. */
  public static final class Builder {
    private final HashMap<String, Object> values = new HashMap<>();

    private Builder(String journey, String target, String segment, String method, long n) {
      values.put(Cols.JOURNEY, journey);
      values.put(Cols.TARGET, target);
      values.put(Cols.SEGMENT, segment);
      values.put(Cols.METHOD, method);
      values.put(Cols.N, n);
      values.put(Cols.STATUS, ESTIMATED);
    }

    public Builder driver(String id, String kind) {
      return set(Cols.DRIVER, id).set(Cols.DRIVER_KIND, kind);
    }

    public Builder importance(double importance, double share) {
      return set(Cols.IMPORTANCE, finite(importance)).set(Cols.SHARE, finite(share));
    }

    /** The interval of the share; without a finite lower end there is none (no replicates). */
    public Builder interval(double low, double high, Integer replicates) {
      Double lo = finite(low);
      return set(Cols.CI_LOW, lo)
          .set(Cols.CI_HIGH, finite(high))
          .set(Cols.CI_REPLICATES, lo == null ? null : replicates);
    }

    /** The p-value of "the driver has no effect" (null: no test). */
    public Builder pValue(Double pValue) {
      return set(Cols.P_VALUE, pValue == null ? null : finite(pValue));
    }

    /** Whether a SHAP importance is larger than the noise feature's (null: no noise baseline). */
    public Builder aboveNoise(Boolean aboveNoise) {
      return set(Cols.ABOVE_NOISE, aboveNoise);
    }

    public Builder direction(Integer direction) {
      return set(Cols.DIRECTION, direction);
    }

    public Builder performance(Double performance) {
      return set(Cols.PERFORMANCE, performance == null ? null : finite(performance));
    }

    public Builder quadrant(String quadrant) {
      return set(Cols.QUADRANT, quadrant);
    }

    /** kano_class and kano_status of a touchpoint's Kano result (null: no Kano class applies). */
    public Builder kano(KanoClass kano) {
      return set(Cols.KANO_CLASS, kano == null ? null : kano.kanoClass())
          .set(Cols.KANO_STATUS, kano == null ? null : kano.status());
    }

    public Builder nDriver(long nDriver) {
      return set(Cols.N_DRIVER, nDriver);
    }

    public Builder fit(double rSquared, boolean exact) {
      return set(Cols.R_SQUARED, finite(rSquared)).set(Cols.EXACT, exact);
    }

    /** The Monte Carlo standard error of a sampled share; NaN (stored as null) when exact. */
    public Builder shareMcError(double se) {
      return set(Cols.SHARE_MC_SE, finite(se));
    }

    public Builder status(String status) {
      return set(Cols.STATUS, status);
    }

    public Builder note(String note) {
      return set(Cols.NOTE, note == null || note.isEmpty() ? null : note);
    }

    public ImportanceRow build() {
      return new ImportanceRow(new HashMap<>(values));
    }

    private Builder set(String column, Object value) {
      values.put(column, value);
      return this;
    }
  }
}
