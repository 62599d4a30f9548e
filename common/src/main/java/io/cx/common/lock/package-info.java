/**
 * Run locks: the lease a run holds on each job, journey and date it runs, as files under {@code
 * <warehouse>/_cx/locks}, refreshed by a heartbeat and taken over when their holder crashed.
 */
package io.cx.common.lock;
