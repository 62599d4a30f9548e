/**
 * driver_impact: what a touchpoint's improvement is worth. {@link io.cx.jobs.churn.whatif.WhatIf}
 * moves a share of the answers ({@link io.cx.jobs.churn.whatif.Movement}), moves the outcomes with
 * them ({@link io.cx.jobs.churn.whatif.OutcomeModels}) and scores the customers again.
 */
package io.cx.jobs.churn.whatif;
