package io.cx.jobs.drivers;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of driver_importance before it gets its run id and date (see {@code
 * Schemas.DRIVER_IMPORTANCE} for the columns). Null stands for "not estimated". Built with {@link
 * #builder}.
 */
record DriverRow(
    String journey,
    String target,
    String segment,
    String driver,
    String driverKind,
    String method,
    Double importance,
    Double share,
    Double ciLow,
    Double ciHigh,
    Integer ciReplicates,
    Integer direction,
    Double performance,
    String quadrant,
    String kanoClass,
    long n,
    Long nDriver,
    Double rSquared,
    Boolean exact,
    String status,
    String note)
    implements Serializable {

  static final String TOUCHPOINT = "touchpoint";
  static final String METRIC = "metric";

  /** The method value of a row that stands for a segment and target not estimated. */
  static final String NO_METHOD = "none";

  /** The row in the column order of {@code Schemas.DRIVER_IMPORTANCE}. */
  Row toRow(String runId, LocalDate runDate) {
    return RowFactory.create(
        journey,
        target,
        segment,
        driver,
        driverKind,
        method,
        importance,
        share,
        ciLow,
        ciHigh,
        ciReplicates,
        direction,
        performance,
        quadrant,
        kanoClass,
        n,
        nDriver,
        rSquared,
        exact,
        status,
        note,
        runId,
        Date.valueOf(runDate));
  }

  static Builder builder(String journey, Target target, String segment, String method, long n) {
    return new Builder(journey, target.id(), segment, method, n);
  }

  /** The row of a segment and target that was not estimated, for every method. */
  static DriverRow notEstimated(
      String journey, Target target, String segment, long n, DriverStatus status, String note) {
    return builder(journey, target, segment, NO_METHOD, n).status(status).note(note).build();
  }

  /** A {@link NaN}-aware box: null for NaN. */
  static Double boxed(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /** Fills a row column by column; unset columns stay null. */
  static final class Builder {
    private final String journey;
    private final String target;
    private final String segment;
    private final String method;
    private final long n;
    private String driver;
    private String driverKind;
    private Double importance;
    private Double share;
    private Double ciLow;
    private Double ciHigh;
    private Integer ciReplicates;
    private Integer direction;
    private Double performance;
    private String quadrant;
    private String kanoClass;
    private Long nDriver;
    private Double rSquared;
    private Boolean exact;
    private String status = DriverStatus.ESTIMATED.id();
    private String note;

    private Builder(String journey, String target, String segment, String method, long n) {
      this.journey = journey;
      this.target = target;
      this.segment = segment;
      this.method = method;
      this.n = n;
    }

    Builder driver(String id, String kind) {
      this.driver = id;
      this.driverKind = kind;
      return this;
    }

    Builder importance(double importance, double share) {
      this.importance = boxed(importance);
      this.share = boxed(share);
      return this;
    }

    Builder interval(double low, double high, int replicates) {
      this.ciLow = boxed(low);
      this.ciHigh = boxed(high);
      this.ciReplicates = ciLow == null ? null : replicates;
      return this;
    }

    Builder direction(Integer direction) {
      this.direction = direction;
      return this;
    }

    Builder performance(double performance) {
      this.performance = boxed(performance);
      return this;
    }

    Builder quadrant(String quadrant) {
      this.quadrant = quadrant;
      return this;
    }

    Builder kanoClass(String kanoClass) {
      this.kanoClass = kanoClass;
      return this;
    }

    Builder nDriver(long nDriver) {
      this.nDriver = nDriver;
      return this;
    }

    Builder fit(double rSquared, boolean exact) {
      this.rSquared = boxed(rSquared);
      this.exact = exact;
      return this;
    }

    Builder status(DriverStatus status) {
      this.status = status.id();
      return this;
    }

    Builder note(String note) {
      this.note = note == null || note.isEmpty() ? null : note;
      return this;
    }

    DriverRow build() {
      return new DriverRow(
          journey,
          target,
          segment,
          driver,
          driverKind,
          method,
          importance,
          share,
          ciLow,
          ciHigh,
          ciReplicates,
          direction,
          performance,
          quadrant,
          kanoClass,
          n,
          nDriver,
          rSquared,
          exact,
          status,
          note);
    }
  }
}
