"""Shared helpers: run the real driver (scripts/train.py) against a real DuckDB file, read what it wrote."""
from __future__ import annotations

import os
import pathlib
import runpy
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import duckdb
import numpy as np
import pytest

PROJECT_DIR = pathlib.Path(__file__).resolve().parents[2]

# `make test` runs the suite on every core (pytest-xdist). Each worker's dbt writes its own target/ and logs/:
# two dbt runs sharing one partial_parse.msgpack or manifest.json would read each other's half-written files.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
DBT_TARGET_PATH = PROJECT_DIR / "target" / f"pytest-{WORKER}"
os.environ["DBT_TARGET_PATH"] = str(DBT_TARGET_PATH)
os.environ["DBT_LOG_PATH"] = str(PROJECT_DIR / "logs" / f"pytest-{WORKER}")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

from make_dataset import decimal  # noqa: E402  (the seed's exact, exponent-free float format)

# The driver runs in a forked copy of this process, with dbt already imported: importing dbt takes about 3 s,
# paid here once instead of once per driver run (the suite runs the driver a few hundred times).
import dbt.adapters.duckdb  # noqa: E402,F401
import dbt.cli.main  # noqa: E402,F401
from neural_net_sql import train as driver  # noqa: E402


def warm_dbt() -> None:
    """One `dbt parse` of the project in this process, so that the forked driver runs inherit what dbt builds on
    its first command in a process and keeps (its dataclasses' generated (de)serializers, its schemas): a driver
    run that fails on a setting takes about 0.7 s instead of 1.3 s. A parse connects to no database, and starts
    no thread (a fork copies only the thread that calls it). The tests' plain `dbt` commands and python
    programs fork the same way (run_dbt, run_python); Spark's programs (tests/python/script_server.py), the
    shell scripts and the kill tests' drivers run in new interpreters."""
    from dbt.cli.main import dbtRunner

    saved = dict(os.environ)
    # a database path of its own, which a parse never opens, and a target path of its own
    os.environ.update(NN_DUCKDB_PATH=str(DBT_TARGET_PATH / "warm.duckdb"), DBT_TARGET_PATH=str(DBT_TARGET_PATH / "warm"))
    try:
        result = dbtRunner().invoke(["parse", "--quiet", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    if not result.success:
        raise RuntimeError(f"dbt parse of the project failed: {result.exception}")


if os.environ.get("NN_TEST_COLD") != "1":
    warm_dbt()


# The groups that take longest start first: each engine's tests hold a Spark JVM or a BigQuery emulator.
LONGEST_FIRST = ("spark", "bigquery")


def xdist_group(item) -> str:
    """The group one worker runs (`--dist loadgroup`): an engine's tests, or a module's, so that a module's
    fixtures are built once."""
    return next((engine for engine in LONGEST_FIRST if item.get_closest_marker(engine)), item.module.__name__)


def pytest_itemcollected(item):
    # marked while collecting: pytest-xdist reads the groups in its own pytest_collection_modifyitems
    item.add_marker(pytest.mark.xdist_group(xdist_group(item)))


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: LONGEST_FIRST.index(xdist_group(item)) if xdist_group(item) in LONGEST_FIRST else len(LONGEST_FIRST))


def run_driver(args: list[str], env: dict[str, str], timeout: float, main=driver.main) -> subprocess.CompletedProcess:
    """scripts/train.py's main(args) (or another script's) as `python scripts/train.py args` would run it
    (run_forked)."""
    return run_forked("train.py", main, args, env, timeout)


def run_forked(program: str, main, args: list[str], env: dict[str, str], timeout: float,
               cwd: pathlib.Path = PROJECT_DIR) -> subprocess.CompletedProcess:
    """main(args), the program named `program`, in a forked child of this process, in cwd with this
    environment: its own process, stdout and stderr captured, the exit code returned."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 1
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdout, sys.stderr = open(1, "w", closefd=False), open(2, "w", closefd=False)
                os.environ.clear()
                os.environ.update(env)
                os.chdir(cwd)
                code = main(list(args))
            except SystemExit as exit_:  # as the interpreter exits: None is 0, a message is 1
                code = 0 if exit_.code is None else exit_.code if isinstance(exit_.code, int) else 1
                if exit_.code is not None and not isinstance(exit_.code, int):
                    print(exit_.code, file=sys.stderr)  # as the interpreter prints a SystemExit's message
            except BaseException:
                traceback.print_exc()
            finally:
                import multiprocessing.util  # release dbt's semaphores as an interpreter exit would
                multiprocessing.util._exit_function()
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code or 0)
        deadline = time.monotonic() + timeout
        while not (status := os.waitpid(pid, os.WNOHANG))[0]:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise subprocess.TimeoutExpired([program, *args], timeout)
            time.sleep(0.02)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess([program, *args], os.waitstatus_to_exitcode(status[1]),
                                           out.read().decode(), err.read().decode())


def dbt_command(args: list[str]) -> int:
    """What the `dbt` console script runs: dbt's command line (dbt.cli.main:cli) on these arguments, with the
    sys.argv it would see (dbt reads it for the invocation's command and its deprecation checks)."""
    from dbt.cli.main import cli

    sys.argv = ["dbt", *args]
    return cli.main(args=args, prog_name="dbt")


def run_dbt(args: list[str], env: dict[str, str], cwd: pathlib.Path = PROJECT_DIR,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """`dbt args` as a user's shell runs it, in cwd with this environment: a process of its own, its own dbt
    invocation, its output and exit code; forked from this one (run_forked), so dbt is already imported (about
    2 s less per command than a new interpreter)."""
    return run_forked("dbt", dbt_command, args, env, timeout, cwd)


def python_program(argv: list[str]) -> int:
    """What `python argv` runs: a `-c` program, or a script file, as __main__ with the sys.argv the interpreter
    would give it."""
    if argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        sys.path.insert(0, "")
        exec(compile(argv[1], "<string>", "exec", dont_inherit=True), {"__name__": "__main__"})
    else:
        sys.argv = list(argv)
        sys.path.insert(0, str(pathlib.Path(argv[0]).resolve().parent))
        runpy.run_path(argv[0], run_name="__main__")
    return 0


def run_python(argv: list[str], env: dict[str, str], cwd: pathlib.Path = PROJECT_DIR,
               timeout: float = 600) -> subprocess.CompletedProcess:
    """`python argv` in cwd with this environment: a process of its own, its output and exit code; forked from
    this one (run_forked), so dbt is already imported."""
    return run_forked("python", python_program, argv, env, timeout, cwd)


class Project:
    """One DuckDB database file and the driver pointed at it.

    dbt's saved parse (partial_parse.msgpack) holds a hash of the profile, and so of the database's path: a run
    on another path parses the whole project again (about 3 s instead of 1). So each database path has a dbt
    target path of its own (target_path), and the `project` fixture gives every test the same path, emptied."""

    def __init__(self, database: pathlib.Path):
        self.database = database

    @property
    def target_path(self) -> pathlib.Path:
        """Beside the database, so that it goes when pytest prunes its old temporary folders."""
        return self.database.parent / f"target-{self.database.stem}"

    def environment(self, **overrides: str) -> dict[str, str]:
        """The environment dbt and the project's scripts run in for this database."""
        env = dict(os.environ, NN_DUCKDB_PATH=str(self.database), DBT_PROFILES_DIR=str(PROJECT_DIR),
                   DBT_TARGET_PATH=str(self.target_path), **overrides)
        env.pop("NN_DATA_PATH", None)
        return env

    def start_over(self) -> None:
        """An empty warehouse on the same path (and so the same saved parse)."""
        for path in (self.database, self.database.with_name(self.database.name + ".wal")):
            path.unlink(missing_ok=True)

    def train(self, *args: str, check: bool = True, **env_overrides: str) -> subprocess.CompletedProcess:
        result = run_driver(list(args), self.environment(**env_overrides), timeout=900)
        if check and result.returncode != 0:
            raise AssertionError(f"train.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            return con.execute(sql).fetchall()

    def rows(self, sql: str) -> list[dict]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def history(self) -> list[dict]:
        return self.rows("select * from nn_training order by iteration")

    def training_data(self, holdout: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The rows training reads (or the held-out rows), in example_id order."""
        rows = self.rows(f"select * from nn_examples where is_holdout = {str(holdout).lower()} order by example_id")
        features = sorted((k for k in rows[0] if k.startswith("x_")), key=lambda k: int(k[2:]))
        # a NULL feature (missing: impute) becomes NaN
        return np.array([[r[f] for f in features] for r in rows], dtype=float), np.array([r["label"] for r in rows])

    def training_columns(self, holdout: bool = False) -> tuple[list[list], np.ndarray]:
        """The features as they are in nn_examples (text for a categorical one, None for NULL), one list per
        feature, and the labels: the rows training reads (or the held-out rows), in example_id order."""
        rows = self.rows(f"select * from nn_examples where is_holdout = {str(holdout).lower()} order by example_id")
        features = sorted((k for k in rows[0] if k.startswith("x_")), key=lambda k: int(k[2:]))
        return [[r[f] for r in rows] for f in features], np.array([r["label"] for r in rows])

    def preprocessing(self) -> list[dict]:
        """The preprocessing of the trained model, one entry per feature, as its nn_inputs holds it."""
        from neural_net_sql.model_io import stored_preprocessing

        return stored_preprocessing(self.rows("select * from nn_inputs"))


@pytest.fixture
def project(tmp_path_factory) -> Project:
    """An empty warehouse, on the same path in every test of this worker (Project: dbt's saved parse)."""
    project = Project(tmp_path_factory.getbasetemp() / "project" / "test.duckdb")
    project.database.parent.mkdir(exist_ok=True)
    project.start_over()
    return project


@pytest.fixture
def reference(tmp_path_factory) -> Project:
    """A second empty warehouse, for the DuckDB run a test compares another engine's with: like `project`, on the
    same path in every test of this worker."""
    reference = Project(tmp_path_factory.getbasetemp() / "reference" / "reference.duckdb")
    reference.database.parent.mkdir(exist_ok=True)
    reference.start_over()
    return reference


def write_csv(path: pathlib.Path, columns: dict[str, list]) -> pathlib.Path:
    names = list(columns)
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        for values in zip(*columns.values()):
            f.write(",".join("" if v is None else (decimal(v) if isinstance(v, float) else str(v)) for v in values) + "\n")
    return path


def blobs(n: int, n_features: int, n_classes: int, seed: int = 7) -> dict[str, list]:
    """A small classification data set: Gaussian blobs, one per class."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 2, (n_classes, n_features))
    labels = rng.integers(0, n_classes, n)
    x = centers[labels] + rng.normal(0, 1, (n, n_features))
    columns = {f"f{i}": x[:, i].tolist() for i in range(n_features)}
    columns["cls"] = labels.tolist()
    return columns
