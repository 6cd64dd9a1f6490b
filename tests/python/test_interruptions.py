"""Training state survives a killed driver and a second driver on the same database.

A block is one dbt incremental run: one INSERT in one DuckDB transaction. A SIGKILL at any moment therefore
leaves the history at a block boundary, and the next run resumes from its latest row. The math is
deterministic, so the final parameters are bit-identical to an uninterrupted run."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import PROJECT_DIR, Project

ARGS = ["--iterations", "60", "--block-size", "10", "--skip-tests"]
COLUMNS = "iteration, loss, train_accuracy, * exclude (iteration, loss, train_accuracy, run_settings, invocation_id, trained_at)"


def history(project: Project) -> list[tuple]:
    return project.query(f"select {COLUMNS} from nn_training order by iteration")


def start_driver(project: Project, *args: str) -> subprocess.Popen:
    env = dict(os.environ, NN_DUCKDB_PATH=str(project.database), DBT_PROFILES_DIR=str(PROJECT_DIR))
    return subprocess.Popen([sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), *args], cwd=PROJECT_DIR,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> list[tuple]:
    project = Project(tmp_path_factory.mktemp("uninterrupted") / "test.duckdb")
    project.train(*ARGS)
    rows = history(project)
    assert [row[0] for row in rows] == list(range(61))
    return rows


def assert_resumes_to_the_same_model(project: Project, uninterrupted: list[tuple], label: str) -> None:
    exists = project.database.exists() and project.query(
        "select count(*) from information_schema.tables where table_name = 'nn_training'")[0][0]
    if exists:
        partial = history(project)
        # a kill leaves whole blocks: the iterations are 0..n with no gap and no duplicate, as trained
        assert [row[0] for row in partial] == list(range(len(partial)))
        assert partial == uninterrupted[:len(partial)]
    print(f"{label}: {len(partial) - 1 if exists and partial else 'no'} iterations kept")
    project.train(*ARGS)
    assert history(project) == uninterrupted


@pytest.mark.parametrize("delay", [2.0, 4.5, 5.5])  # import and parse; seeding; nn_examples
def test_sigkill_before_training(uninterrupted, tmp_path, delay):
    project = Project(tmp_path / "test.duckdb")
    driver = start_driver(project, *ARGS)
    time.sleep(delay)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    assert_resumes_to_the_same_model(project, uninterrupted, f"killed after {delay} s")


@pytest.mark.parametrize("after_iteration", [10, 20, 30, 40, 50, 60])
def test_sigkill_during_training(uninterrupted, tmp_path, after_iteration):
    """Killed as soon as the driver reports a block: the next block (or, after the last, the predictions and
    report) is running."""
    project = Project(tmp_path / "test.duckdb")
    driver = start_driver(project, *ARGS)
    for line in driver.stderr:
        if f"iteration {after_iteration}/60" in line:
            break
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    assert_resumes_to_the_same_model(project, uninterrupted, f"killed after iteration {after_iteration}")


def test_two_drivers_at_once_never_interleave_or_corrupt(uninterrupted, tmp_path):
    project = Project(tmp_path / "test.duckdb")
    project.train("--iterations", "0", "--skip-tests")  # seeded and initialised, so both start training at once
    first, second = start_driver(project, *ARGS), start_driver(project, *ARGS)
    outcomes = [(p.wait(timeout=600), p.stderr.read()) for p in (first, second)]
    for code, stderr in outcomes:
        # each either finishes, or stops with the engine's message about the lock on the database file
        assert code == 0 or ("lock" in stderr.lower() and "Traceback" not in stderr), stderr
    print("concurrent outcomes:", [(code, stderr.strip().splitlines()[-1:] if code else "ok") for code, stderr in outcomes])
    project.train(*ARGS)  # whatever happened, one more run completes the model
    assert history(project) == uninterrupted
