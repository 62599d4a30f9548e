package io.cx.jobs.ingest;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.contract.Tables;
import java.util.List;

/**
 * The three inputs of ingest: the name that messages, run notes and rejected_records' {@code
 * source} column use, the table the clean rows go to, and the contract's columns.
 */
enum Source {
  SURVEYS("surveys", Tables.SURVEY_ANSWERS, SurveyCleaner.REQUIRED, SurveyCleaner.OPTIONAL),
  EVENTS("events", Tables.BEHAVIOR_EVENTS, EventCleaner.REQUIRED, EventCleaner.OPTIONAL),
  CUSTOMERS("customers", Tables.CUSTOMERS, CustomerCleaner.REQUIRED, CustomerCleaner.OPTIONAL);

  private final String id;
  private final String table;
  private final List<String> required;
  private final List<String> optional;

  Source(String id, String table, List<String> required, List<String> optional) {
    this.id = id;
    this.table = table;
    this.required = required;
    this.optional = optional;
  }

  /** The source's name: surveys, events or customers. */
  String id() {
    return id;
  }

  /** The table the source's clean rows are written to. */
  String table() {
    return table;
  }

  List<String> required() {
    return required;
  }

  List<String> optional() {
    return optional;
  }

  /** The config's input for this source, or null (customers is optional). */
  InputSpec spec(JobConfig cfg) {
    return switch (this) {
      case SURVEYS -> cfg.surveys();
      case EVENTS -> cfg.events();
      case CUSTOMERS -> cfg.customers();
    };
  }

  @Override
  public String toString() {
    return id;
  }
}
