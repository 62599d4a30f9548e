"""Opens a cx warehouse in a notebook: a Spark session with Delta Lake, and every cx output
table that exists registered as a temporary view named after the table, so that the notebooks'
queries read `FROM churn_scores` wherever the warehouse is (a local folder, s3a://, hdfs://).

Used by the first code cell of every notebook here:

    from cx_setup import open_warehouse
    spark, tables = open_warehouse()

The warehouse is the CX_WAREHOUSE environment variable, else ../demo-out/warehouse (where
`bin/cx demo` writes it). See README.md beside this file.
"""

import os

from pyspark.sql import SparkSession

# The tables of the data contract (docs/tables.md), in its order. A test keeps this list equal to
# io.cx.common.contract.Tables.ALL.
TABLES = [
    "survey_answers",
    "behavior_events",
    "customers",
    "rejected_records",
    "journey_stage_facts",
    "journey_features",
    "churn_labels",
    "driver_importance",
    "metric_thresholds",
    "driver_impact",
    "churn_scores",
    "model_metrics",
    "model_curves",
    "touchpoint_kpis",
    "run_log",
]

DEFAULT_WAREHOUSE = os.path.join(os.pardir, "demo-out", "warehouse")


def spark_session(app_name="cx-notebook"):
    """The running session (on a cluster, the notebook's own), or a local one with Delta Lake.

    A local session gets Delta through delta-spark's pip helper, which adds the
    io.delta:delta-spark_2.12 package matching the installed delta-spark to spark.jars.packages.
    """
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    from delta import configure_spark_with_delta_pip

    builder = (
        SparkSession.builder.appName(app_name)
        .master(os.environ.get("CX_SPARK_MASTER", "local[*]"))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog",
            "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        )
        # cx writes and reads timestamps in UTC: show them the same way.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
    )
    return configure_spark_with_delta_pip(builder).getOrCreate()


def open_warehouse(warehouse=None, spark=None):
    """Registers every table of the warehouse that exists as a temporary view of its name.

    Returns the session and the names registered; a table a job has not written yet gets no view
    (a query reading it fails with TABLE_OR_VIEW_NOT_FOUND).
    """
    from delta.tables import DeltaTable

    warehouse = warehouse or os.environ.get("CX_WAREHOUSE", DEFAULT_WAREHOUSE)
    spark = spark or spark_session()
    found = []
    for table in TABLES:
        path = warehouse.rstrip("/") + "/" + table
        if DeltaTable.isDeltaTable(spark, path):
            spark.read.format("delta").load(path).createOrReplaceTempView(table)
            found.append(table)
    print(f"cx warehouse {warehouse}: {len(found)} tables as views: {', '.join(found) or 'none'}")
    return spark, found
