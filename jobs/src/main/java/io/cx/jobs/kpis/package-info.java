/**
 * {@code cx kpis}: touchpoint_kpis, the daily, weekly and monthly CSAT, top-2-box, NPS and CES per
 * stage, touchpoint, segment and channel, with margins of error, norms, p-values and alerts under
 * Benjamini-Hochberg control. {@link io.cx.jobs.kpis.KpisJob} reads and writes; the transform reads
 * top to bottom in {@code TouchpointKpis}. The rules (which answers feed which cell, the
 * statistics, how the table is keyed) are in docs/touchpoint_kpis.md and in the javadoc of the
 * classes named for them.
 *
 * <p>What a run recomputes ({@link io.cx.jobs.kpis.KpiChanges}): incrementally (the default), the
 * periods of every grain whose answers changed since the journey's last successful kpis run, read
 * from run_log (the survey_answers version that run read) and from Delta's Change Data Feed of
 * survey_answers since that version, plus the answers ingested or given after that run's date; with
 * them the later periods whose norm includes them, and periods computed before they ended, once
 * they have ended. Every period up to the run date on a first run, for a journey or grain not yet
 * in touchpoint_kpis, on a rerun of an earlier date, or when the change feed cannot serve the
 * versions since (written without it, log clean-up, VACUUM), with the reason in the run's note; and
 * with {@code kpis.recompute: full}. {@link io.cx.jobs.kpis.PeriodPlan} reads the answers of the
 * chosen periods and their norm windows only and replaces exactly those periods.
 */
package io.cx.jobs.kpis;
