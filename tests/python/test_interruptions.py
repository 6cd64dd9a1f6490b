"""Training state survives a killed driver and a second driver on the same database.

A block is one dbt incremental run: one INSERT in one DuckDB transaction. A SIGKILL at any moment therefore
leaves the history at a block boundary, and the next run resumes from its latest row. The math is
deterministic, so the final parameters are bit-identical to an uninterrupted run.

Every kill lands at a stage the test has seen the driver reach (its --verbose line, or a progress line), on a
driver the test has checked is still running; the concurrency test checks that the two drivers ran at once.
The stages are those of the project's own (and loading the CSV, which the driver stages in the target path's
nn_data folder: none may be left there); 2,000 rows of the article's data make each stage short, which the
kills do not need to be long."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import PROJECT_DIR, Project

DATA = "points_2k.csv"
ARGS = ["--iterations", "60", "--block-size", "10", "--skip-tests", "--verbose"]
COLUMNS = "iteration, loss, train_accuracy, * exclude (iteration, loss, train_accuracy, run_settings, invocation_id, trained_at)"


@pytest.fixture(scope="module")
def args(tmp_path_factory) -> list[str]:
    """The driver's arguments: the first 2,000 rows of the article's data as --data, 60 iterations in blocks of 10."""
    path = tmp_path_factory.mktemp("data") / DATA
    path.write_text("".join((PROJECT_DIR / "seeds" / "points.csv").read_text().splitlines(keepends=True)[:2001]))
    return ["--data", str(path), *ARGS]


def history(project: Project) -> list[tuple]:
    return project.query(f"select {COLUMNS} from nn_training order by iteration")


@pytest.fixture(autouse=True)
def no_driver_outlives_its_test():
    """Kills a driver a failed test left running: the next test reuses the same warehouse path (the `project`
    fixture)."""
    yield
    for driver in Driver.started:
        if driver.process.poll() is None:
            driver.process.kill()
            driver.process.wait()
    Driver.started.clear()


class Driver:
    """scripts/train.py in a subprocess; its stderr lines are collected with the time each arrived."""

    started: list[Driver] = []  # this test's drivers (no_driver_outlives_its_test)

    def __init__(self, project: Project, *args: str):
        env = project.environment()
        self.process = subprocess.Popen([sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), *args],
                                        cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
        Driver.started.append(self)
        self.lines: list[tuple[float, str]] = []
        self._new_line = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            with self._new_line:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self._new_line.notify_all()
        with self._new_line:
            self.lines.append((time.monotonic(), "<exit>"))
            self._new_line.notify_all()

    def wait_for(self, text: str, occurrence: int = 1, timeout: float = 300) -> float:
        """Blocks until the `occurrence`-th stderr line containing `text`; returns when it arrived."""
        with self._new_line:
            def seen():
                return [t for t, line in self.lines if text in line]
            ok = self._new_line.wait_for(lambda: len(seen()) >= occurrence or self.lines[-1:] and self.lines[-1][1] == "<exit>",
                                         timeout=timeout)
            found = seen()
            assert ok and len(found) >= occurrence, f"driver never printed {text!r}:\n" + self.stderr()
            return found[occurrence - 1]

    def kill(self) -> None:
        assert self.process.poll() is None, "the driver finished before the kill: it would prove nothing"
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait() == -signal.SIGKILL

    def finish(self, timeout: float = 600) -> tuple[int, float]:
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return code, self.lines[-1][0]

    def stderr(self) -> str:
        return "\n".join(line for _, line in self.lines)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory, args) -> list[tuple]:
    project = Project(tmp_path_factory.mktemp("uninterrupted") / "test.duckdb")
    project.train(*args, "--train-only")
    rows = history(project)
    assert [row[0] for row in rows] == list(range(61))
    return rows


def assert_resumes_to_the_same_model(project: Project, uninterrupted: list[tuple], args: list[str], label: str) -> None:
    exists = project.database.exists() and project.query(
        "select count(*) from information_schema.tables where table_name = 'nn_training'")[0][0]
    partial = history(project) if exists else []
    if partial:
        # a kill leaves whole blocks: the iterations are 0..n with no gap and no duplicate, as trained
        assert [row[0] for row in partial] == list(range(len(partial)))
        assert partial == uninterrupted[:len(partial)]
    print(f"{label}: {len(partial) - 1 if partial else 'no'} iterations kept")
    project.train(*args)
    assert history(project) == uninterrupted
    assert not list((project.target_path / "nn_data").glob("*.csv")), "a staged CSV was left for plain dbt to load"


@pytest.mark.parametrize("stage", ["dbt seed", "dbt run --select nn_examples", "dbt run --select nn_training",
                                   "dbt run --select nn_model+"])
def test_sigkill_at_each_stage(uninterrupted, args, project, stage):
    """Killed as soon as the driver starts a stage: loading the CSV, checking the input, the first block, the
    predictions."""
    driver = Driver(project, *args)
    driver.wait_for(stage)
    driver.kill()
    assert_resumes_to_the_same_model(project, uninterrupted, args, f"killed at {stage}")


def test_sigkill_during_training(uninterrupted, args, project):
    """Killed as soon as the driver reports a block past the first: the next block is running on a history."""
    driver = Driver(project, *args)
    driver.wait_for("iteration 30/60")
    driver.kill()
    assert_resumes_to_the_same_model(project, uninterrupted, args, "killed after iteration 30")


def test_two_drivers_at_once_never_interleave_or_corrupt(uninterrupted, args, project):
    project.train(*args[:2], "--iterations", "0", "--train-only")  # seeded and initialised, so both start training at once
    first, second = Driver(project, *args), Driver(project, *args)  # started together: each parses, then trains
    outcomes = []
    for driver in (first, second):
        code, ended = driver.finish()
        outcomes.append((code, ended))
        # each either finishes, or stops with the engine's message about the lock on the database file
        assert code == 0 or ("lock" in driver.stderr().lower() and "Traceback" not in driver.stderr()), driver.stderr()
    # they provably overlapped: the second reached the database (its first dbt command after parsing) before
    # the first had ended
    second_reached_database = second.wait_for("dbt run-operation")
    assert second_reached_database < outcomes[0][1], "the drivers ran one after the other; nothing was tested"
    print("concurrent outcomes:", [code for code, _ in outcomes])
    project.train(*args)  # whatever happened, one more run completes the model
    assert history(project) == uninterrupted
