/**
 * {@code cx kpis}: touchpoint_kpis, the daily, weekly and monthly CSAT, top-2-box, NPS and CES per
 * stage, touchpoint, segment and channel, with margins of error, norms, p-values and alerts under
 * Benjamini-Hochberg control. {@link io.cx.jobs.kpis.KpisJob} reads and writes; the transform reads
 * top to bottom in {@code TouchpointKpis}. The rules (which answers feed which cell, the
 * statistics, how the table is keyed) are in docs/touchpoint_kpis.md and in the javadoc of the
 * classes named for them.
 */
package io.cx.jobs.kpis;
