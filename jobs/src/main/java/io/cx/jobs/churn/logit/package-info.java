/**
 * The churn logistic regression: {@link io.cx.jobs.churn.logit.LogitNewton} (Newton iterations on
 * MLlib's objective, reproducible to the last bit), {@link io.cx.jobs.churn.logit.LogitSums} (the
 * sums of one pass over the rows), {@link io.cx.jobs.churn.logit.LogitFit} (coefficients with their
 * sandwich covariance) and {@link io.cx.jobs.churn.logit.LogitImportance} (driver importance,
 * method {@code logit}, with parametric-bootstrap intervals).
 */
package io.cx.jobs.churn.logit;
