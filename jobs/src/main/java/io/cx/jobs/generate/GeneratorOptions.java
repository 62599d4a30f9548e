package io.cx.jobs.generate;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cx generate} writes: where, how many customers, which seed, and the time frame. Every
 * field is checked at construction; a bad value throws a {@link BadConfigException} (exit code 2)
 * naming the command-line option and the allowed range, with every problem at once.
 *
 * @param out folder to write into (created if missing; files of a previous run are overwritten)
 * @param customers number of customers ({@value #MIN_CUSTOMERS}..{@value #MAX_CUSTOMERS})
 * @param seed random seed: the same options give byte-identical files
 * @param endDate the anchor: last day of data; nothing is dated after it (never {@code now()})
 * @param surveyDays surveys are submitted in the {@code surveyDays} days ending with {@code
 *     endDate}
 * @param badRowShare share of deliberately bad rows added to every file (0..{@value
 *     #MAX_BAD_SHARE})
 * @param duplicateShare share of events delivered twice with the same event_id (0..{@value
 *     #MAX_DUPLICATE_SHARE})
 */
public record GeneratorOptions(
    Path out,
    int customers,
    long seed,
    LocalDate endDate,
    int surveyDays,
    double badRowShare,
    double duplicateShare) {

  public static final int DEFAULT_CUSTOMERS = 2000;
  public static final long DEFAULT_SEED = 42L;
  public static final LocalDate DEFAULT_END_DATE = LocalDate.of(2024, 6, 30);
  public static final int DEFAULT_SURVEY_DAYS = 180;
  public static final double DEFAULT_BAD_ROW_SHARE = 0.0;
  public static final double DEFAULT_DUPLICATE_SHARE = 0.005;

  public static final int MIN_CUSTOMERS = 20;
  public static final int MAX_CUSTOMERS = 1_000_000;
  public static final int MIN_SURVEY_DAYS = 60;
  public static final int MAX_SURVEY_DAYS = 3650;
  public static final double MAX_BAD_SHARE = 0.5;
  public static final double MAX_DUPLICATE_SHARE = 0.1;

  /** Where problems are reported: the command, as a user types it. */
  static final String COMMAND = "cx generate";

  public GeneratorOptions {
    List<ConfigProblem> problems = new ArrayList<>();
    if (out == null) {
      problems.add(
          problem(
              "--out", "is required; give the folder to write into, e.g. --out demo-out/input"));
    }
    if (customers < MIN_CUSTOMERS || customers > MAX_CUSTOMERS) {
      problems.add(
          problem(
              "--customers",
              "must be between " + MIN_CUSTOMERS + " and " + MAX_CUSTOMERS + ", got " + customers));
    }
    if (endDate == null) {
      problems.add(problem("--end-date", "is required; give the last day of data as YYYY-MM-DD"));
    }
    if (surveyDays < MIN_SURVEY_DAYS || surveyDays > MAX_SURVEY_DAYS) {
      problems.add(
          problem(
              "--survey-days",
              "must be between "
                  + MIN_SURVEY_DAYS
                  + " and "
                  + MAX_SURVEY_DAYS
                  + ", got "
                  + surveyDays
                  + " (the KPI drop is planted in the 3rd-to-last full week and needs earlier"
                  + " weeks as a norm)"));
    }
    if (!(badRowShare >= 0 && badRowShare <= MAX_BAD_SHARE)) {
      problems.add(
          problem(
              "--bad-rows",
              "must be a share between 0 and " + MAX_BAD_SHARE + ", got " + fmt(badRowShare)));
    }
    if (!(duplicateShare >= 0 && duplicateShare <= MAX_DUPLICATE_SHARE)) {
      problems.add(
          problem(
              "--duplicates",
              "must be a share between 0 and "
                  + MAX_DUPLICATE_SHARE
                  + ", got "
                  + fmt(duplicateShare)));
    }
    if (!problems.isEmpty()) {
      throw new BadConfigException(problems);
    }
  }

  /** The defaults: 2000 customers, seed 42, data up to 2024-06-30, 180 days of surveys. */
  public static GeneratorOptions defaults(Path out) {
    return new GeneratorOptions(
        out,
        DEFAULT_CUSTOMERS,
        DEFAULT_SEED,
        DEFAULT_END_DATE,
        DEFAULT_SURVEY_DAYS,
        DEFAULT_BAD_ROW_SHARE,
        DEFAULT_DUPLICATE_SHARE);
  }

  public GeneratorOptions withOut(Path value) {
    return new GeneratorOptions(
        value, customers, seed, endDate, surveyDays, badRowShare, duplicateShare);
  }

  public GeneratorOptions withCustomers(int value) {
    return new GeneratorOptions(out, value, seed, endDate, surveyDays, badRowShare, duplicateShare);
  }

  public GeneratorOptions withSeed(long value) {
    return new GeneratorOptions(
        out, customers, value, endDate, surveyDays, badRowShare, duplicateShare);
  }

  public GeneratorOptions withEndDate(LocalDate value) {
    return new GeneratorOptions(
        out, customers, seed, value, surveyDays, badRowShare, duplicateShare);
  }

  public GeneratorOptions withSurveyDays(int value) {
    return new GeneratorOptions(out, customers, seed, endDate, value, badRowShare, duplicateShare);
  }

  public GeneratorOptions withBadRowShare(double value) {
    return new GeneratorOptions(out, customers, seed, endDate, surveyDays, value, duplicateShare);
  }

  public GeneratorOptions withDuplicateShare(double value) {
    return new GeneratorOptions(out, customers, seed, endDate, surveyDays, badRowShare, value);
  }

  private static ConfigProblem problem(String option, String message) {
    return new ConfigProblem(COMMAND, option, message);
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
