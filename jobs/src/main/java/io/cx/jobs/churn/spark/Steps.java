package io.cx.jobs.churn.spark;

import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Names the Spark jobs of each step ("churn online_retail: fit gbt") and logs the step. */
public final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);
  private final SparkContext sc;
  private final String prefix;

  public Steps(SparkContext sc, String journey) {
    this.sc = sc;
    this.prefix = "churn " + journey + ": ";
  }

  /** Sets the description of the Spark jobs that follow. */
  public void describe(String step) {
    LOG.info("{}{}", prefix, step);
    sc.setJobDescription(prefix + step);
  }

  /** Clears the description. */
  public void done() {
    sc.setJobDescription(null);
  }
}
