"""Checks cx_nightly.py without Airflow: stand-ins for the few Airflow names it imports.

Run: python3 conf/schedulers/test_cx_nightly.py (SchedulerFilesTest runs it when python3 exists).
The stand-ins model the provider's behaviour the DAG relies on: SparkSubmitOperator.execute keeps
its hook in ``self._hook`` and raises AirflowException("Cannot execute: ... Error code is: N.")
when spark-submit exits with N != 0, its Popen in ``hook._submit_sp``.
"""

import importlib.util
import pathlib
import sys
import types
import unittest


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class AirflowSkipException(AirflowException):
    pass


class FakeDag:
    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        FakeDag.current = self
        return self

    def __exit__(self, *exc):
        FakeDag.current = None


class FakeProcess:
    def __init__(self, returncode):
        self.returncode = returncode


class FakeHook:
    def __init__(self, returncode):
        self._submit_sp = FakeProcess(returncode)
        self._is_kubernetes = False
        self._spark_exit_code = None


class SparkSubmitOperator:
    exit_code = 0  # what the fake spark-submit exits with

    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.downstream = []
        FakeDag.current.tasks.append(self)

    def __rshift__(self, other):
        self.downstream.append(other)
        return other

    def execute(self, context):
        self._hook = FakeHook(self.exit_code)
        if self.exit_code:
            raise AirflowException(
                f"Cannot execute: spark-submit ... Error code is: {self.exit_code}."
            )
        return None


def load_dag():
    airflow = types.ModuleType("airflow")
    airflow.DAG = FakeDag
    exceptions = types.ModuleType("airflow.exceptions")
    exceptions.AirflowException = AirflowException
    exceptions.AirflowFailException = AirflowFailException
    exceptions.AirflowSkipException = AirflowSkipException
    operators = types.ModuleType("airflow.providers.apache.spark.operators.spark_submit")
    operators.SparkSubmitOperator = SparkSubmitOperator
    sys.modules.update(
        {
            "airflow": airflow,
            "airflow.exceptions": exceptions,
            "airflow.providers": types.ModuleType("airflow.providers"),
            "airflow.providers.apache": types.ModuleType("airflow.providers.apache"),
            "airflow.providers.apache.spark": types.ModuleType("airflow.providers.apache.spark"),
            "airflow.providers.apache.spark.operators": types.ModuleType(
                "airflow.providers.apache.spark.operators"
            ),
            "airflow.providers.apache.spark.operators.spark_submit": operators,
        }
    )
    path = pathlib.Path(__file__).with_name("cx_nightly.py")
    spec = importlib.util.spec_from_file_location("cx_nightly", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CxNightlyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.module = load_dag()
        cls.dag = cls.module.dag

    def test_one_task_per_job_in_pipeline_order(self):
        tasks = self.dag.tasks
        self.assertEqual(
            ["cx_ingest", "cx_fuse", "cx_drivers", "cx_churn", "cx_kpis", "cx_report"],
            [t.task_id for t in tasks],
        )
        for before, after in zip(tasks, tasks[1:]):
            self.assertEqual([after], before.downstream)
        self.assertEqual([], tasks[-1].downstream)
        self.assertEqual(
            ["fuse", "--config", self.module.CX_CONFIG, "--date", "{{ ds }}"],
            tasks[1].kwargs["application_args"],
        )
        self.assertEqual("io.cx.jobs.cli.Cx", tasks[1].kwargs["java_class"])
        self.assertEqual(3, self.dag.kwargs["default_args"]["retries"])

    def run_with_exit(self, code):
        task = self.dag.tasks[0]
        task.exit_code = code
        try:
            return task.execute({})
        finally:
            task.exit_code = 0

    def test_success_passes(self):
        self.assertIsNone(self.run_with_exit(0))

    def test_exit_one_keeps_the_retryable_exception(self):
        with self.assertRaises(AirflowException) as raised:
            self.run_with_exit(1)
        self.assertIs(type(raised.exception), AirflowException)

    def test_exits_two_and_three_fail_without_retry(self):
        for code in (2, 3):
            with self.assertRaises(AirflowFailException) as raised:
                self.run_with_exit(code)
            self.assertIn(f"cx exit {code}:", str(raised.exception))

    def test_exit_four_skips(self):
        with self.assertRaises(AirflowSkipException):
            self.run_with_exit(4)

    def test_the_code_comes_from_the_message_without_a_hook(self):
        error = AirflowException("Cannot execute: x. Error code is: 3.")
        self.assertEqual(3, self.module.cx_exit_code(None, error))
        self.assertIsNone(self.module.cx_exit_code(None, AirflowException("lost")))

    def test_kubernetes_reads_the_driver_pods_exit_code(self):
        hook = FakeHook(0)
        hook._is_kubernetes = True
        hook._spark_exit_code = 2
        self.assertEqual(2, self.module.cx_exit_code(hook, AirflowException("Error code is: 0.")))


if __name__ == "__main__":
    unittest.main()
