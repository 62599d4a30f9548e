#!/usr/bin/env bash
# cx-nightly.sh: what cron runs each night (see cx-nightly.cron). It runs the cx pipeline for the
# last CX_CATCH_UP_DAYS days up to yesterday as one backfill (`cx run --from --to`): the dates
# run_log shows done are skipped, so on a normal night only yesterday runs, and a night that failed
# is run again the next night. It retries exit 1 (worth retrying: I/O, cluster, or another run
# holds a lock), at most CX_RETRIES times, CX_RETRY_DELAY seconds apart; 2 (bad config), 3 (input
# failed a quality gate) and 4 (no input for a date) end it at once, as a retry cannot help. It
# exits with cx's code, so cron's mail or your monitoring sees it.
#
# Settings (environment):
#   CX_HOME           the cx installation (default /opt/cx)
#   CX_CONFIG         the job config (default $CX_HOME/conf/cx.yaml)
#   CX_COMMAND        how to start cx (default "$CX_HOME/bin/cx"); on a cluster, e.g.
#                     "spark-submit --deploy-mode client --class io.cx.jobs.cli.Cx /opt/cx/cx-jobs-cluster.jar"
#   CX_CATCH_UP_DAYS  how many days back a night looks for dates not done (default 7)
#   CX_RETRIES        retries of exit 1 (default 3)
#   CX_RETRY_DELAY    seconds between attempts (default 600)
set -uo pipefail

CX_HOME="${CX_HOME:-/opt/cx}"
CX_CONFIG="${CX_CONFIG:-$CX_HOME/conf/cx.yaml}"
CX_COMMAND="${CX_COMMAND:-$CX_HOME/bin/cx}"
CX_CATCH_UP_DAYS="${CX_CATCH_UP_DAYS:-7}"
CX_RETRIES="${CX_RETRIES:-3}"
CX_RETRY_DELAY="${CX_RETRY_DELAY:-600}"

read -r -a command <<<"$CX_COMMAND"
# The logical date is yesterday (UTC), as Airflow's {{ ds }} for a nightly schedule.
to="$(date -u -d yesterday +%F)"
from="$(date -u -d "$to - $((CX_CATCH_UP_DAYS - 1)) days" +%F)"

attempt=1
while true; do
  echo "cx-nightly: $(date -u +%FT%TZ) attempt $attempt: ${command[*]} run --config $CX_CONFIG --from $from --to $to"
  "${command[@]}" run --config "$CX_CONFIG" --from "$from" --to "$to"
  code=$?
  if [[ $code -ne 1 || $attempt -gt $CX_RETRIES ]]; then
    echo "cx-nightly: $(date -u +%FT%TZ) exit $code"
    exit "$code"
  fi
  attempt=$((attempt + 1))
  sleep "$CX_RETRY_DELAY"
done
