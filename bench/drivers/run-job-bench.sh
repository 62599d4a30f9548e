#!/usr/bin/env bash
# Runs DriverJobBench.java with the jobs module's compiled classes and its dependencies.
# Usage (from anywhere): bench/drivers/run-job-bench.sh [rows]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CP_FILE="$(mktemp)"
# In one reactor, so that cx-common resolves to its build folder; the jobs module runs last and
# leaves its classpath in the file.
mvn -B -q -o test-compile dependency:build-classpath -pl jobs -am \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=compile
OPENS="$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)"
# shellcheck disable=SC2086
exec java -Xmx6g $OPENS -Dlog4j2.configurationFile="$ROOT/conf/log4j2-local.properties" \
  -cp "jobs/target/classes:common/target/classes:$(cat "$CP_FILE")" \
  bench/drivers/DriverJobBench.java "$@"
