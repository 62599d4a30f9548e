"""cx nightly: one spark-submit task per cx job, in pipeline order, for the DAG run's logical date.

Exit codes of cx (docs/data-contract.md, section 4) decide what Airflow does with a failed task:

    0  succeeded                              -> success
    1  failed, worth retrying (I/O, cluster,  -> retried (``retries`` below)
       or another run holds the date's lock)
    2  bad config, journey map or usage       -> failed at once, no retry (fix the config)
    3  the input failed a data-quality gate   -> failed at once, no retry (fix the export)
    4  nothing to do (no input for the date)  -> skipped, no retry; the next tasks are skipped too

Why a subclass: SparkSubmitOperator raises the same AirflowException for every non-zero exit of
spark-submit, so ``retries`` alone would retry a bad config three times, and an
``on_retry_callback`` runs only after Airflow has already decided to retry. ``CxSparkSubmitOperator``
catches that exception and re-raises ``AirflowFailException`` (fail without retrying) for 2 and 3
and ``AirflowSkipException`` for 4; exit 1 keeps the original exception, so Airflow retries it. The
exit code is read from the hook's spark-submit process (``_submit_sp.returncode``; on Kubernetes
the driver pod's exit code, ``_spark_exit_code``), else from the exception's text ("Error code is:
N."), which the provider has used since its first release. A code that cannot be read is treated
as 1: retried, never silently dropped.

spark-submit returns the driver's exit code in client deploy mode (the default, used here). In
YARN or standalone cluster mode it returns the state of the submission, not cx's code: keep
``deploy-mode client`` for cx tasks, or every failure looks like exit 1.

Two runs of one date (a manual trigger beside the scheduled run) do not overwrite each other: cx
holds a lock per job, journey and date, and the second run exits 1 naming the first (retried
later). ``depends_on_past`` keeps the dates in order, as cx's incremental jobs expect; with
``catchup`` the missed dates run one after the other (``max_active_runs=1``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException, AirflowSkipException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Where things are on the Airflow workers; adapt to your installation.
CX_JAR = "/opt/cx/cx-jobs-cluster.jar"  # jobs/target/cx-jobs-*-cluster.jar (mvn -DskipTests package)
CX_CONFIG = "/opt/cx/conf/cx.yaml"
SPARK_CONN_ID = "spark_default"  # its extra must not set deploy_mode: cluster (see above)

# The jobs of `cx run`, in pipeline order (cli/Jobs.java; SchedulerFilesTest keeps them equal).
JOBS = ["ingest", "fuse", "drivers", "churn", "kpis", "report"]

RETRYABLE = 1
NO_RETRY = {2: "bad config, journey map or usage", 3: "the input failed a data-quality gate"}
NOTHING_TO_DO = 4

_ERROR_CODE = re.compile(r"Error code is: (-?\d+)")


def cx_exit_code(hook, error):
    """The exit code of the cx process behind a failed spark-submit, or None when unknown."""
    if getattr(hook, "_is_kubernetes", False):
        code = getattr(hook, "_spark_exit_code", None)
        if isinstance(code, int) and code != 0:
            return code
    process = getattr(hook, "_submit_sp", None)
    code = getattr(process, "returncode", None)
    if isinstance(code, int) and code != 0:
        return code
    match = _ERROR_CODE.search(str(error))
    return int(match.group(1)) if match else None


class CxSparkSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that retries only what cx says is worth retrying (exit 1)."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            code = cx_exit_code(getattr(self, "_hook", None), error)
            if code == NOTHING_TO_DO:
                raise AirflowSkipException(f"cx exit 4: nothing to do ({error})") from error
            if code in NO_RETRY:
                raise AirflowFailException(f"cx exit {code}: {NO_RETRY[code]}; not retried") from error
            raise  # exit 1, or unknown: Airflow retries it


default_args = {
    "owner": "cx",
    "depends_on_past": True,
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
}

with DAG(
    dag_id="cx_nightly",
    description="cx: ingest, fuse, drivers, churn, kpis, report for the logical date",
    schedule="30 2 * * *",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["cx"],
) as dag:
    previous = None
    for job in JOBS:
        task = CxSparkSubmitOperator(
            task_id=f"cx_{job}",
            conn_id=SPARK_CONN_ID,
            application=CX_JAR,
            java_class="io.cx.jobs.cli.Cx",
            name=f"cx-{job}",
            application_args=[job, "--config", CX_CONFIG, "--date", "{{ ds }}"],
        )
        if previous is not None:
            previous >> task
        previous = task
