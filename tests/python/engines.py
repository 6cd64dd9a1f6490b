"""The other engines as the tests run them: a BigQuery API emulator on 127.0.0.1, Spark in session mode with a
local master, and a PostgreSQL server started in a temporary folder. Real parts: dbt-bigquery talks HTTP to the
emulator; dbt-spark starts a JVM; dbt-postgres talks to a real server."""
from __future__ import annotations

import json
import os
import pathlib
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from neural_net_sql import predict, train
from conftest import PROJECT_DIR, run_driver, run_python

# The emulator pins its own DuckDB, so it lives in its own environment (`make setup` builds it).
EMULATOR = pathlib.Path(os.environ.get("NN_BIGQUERY_EMULATOR", PROJECT_DIR / ".venv-emulator" / "bin" / "crucible"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BigQueryEmulator:
    """`crucible serve --dialect bigquery` on a free port of 127.0.0.1, in memory; stopped by stop()."""

    def __init__(self, log: pathlib.Path):
        if not EMULATOR.exists():
            raise RuntimeError(f"no BigQuery emulator at {EMULATOR}: run `make setup` (or set NN_BIGQUERY_EMULATOR)")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")
        self._process = subprocess.Popen(
            [str(EMULATOR), "serve", "--dialect", "bigquery", "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{self.endpoint}/bigquery/v2/projects/test-project/datasets", timeout=2)
                return
            except OSError as error:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the BigQuery emulator did not start ({error}); see {log}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._log.close()


class PostgresServer:
    """A PostgreSQL server of this machine's own binaries (Debian's postgresql package), made by initdb in a
    temporary folder of its own and listening on a Unix socket there alone (no TCP); stopped, and the folder
    removed, by stop(). PostgreSQL refuses to run as root: as root it runs as the package's user, postgres, in a
    folder under the system's temporary folder (pytest's own are closed to other users)."""

    # the newest version installed (by number: 15 after 9.6)
    BINARIES = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda path: [int(part) for part in path.parent.parent.name.split(".") if part.isdigit()])

    def __init__(self):
        if not self.BINARIES:
            raise RuntimeError("no PostgreSQL server here (/usr/lib/postgresql/<version>/bin): install Debian's "
                               "postgresql package")
        self.bin = self.BINARIES[-1].parent
        folder = pathlib.Path(tempfile.mkdtemp(prefix="nn_postgres_"))
        self.folder, self.port, self.user = folder, free_port(), "neural_net"
        self._as = []
        if os.geteuid() == 0:
            import pwd

            owner = pwd.getpwnam("postgres")
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        try:
            self._run("initdb", "-D", str(folder / "data"), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync")
            # pg_ctl hands -o to a shell
            self._run("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-w", "-t", "60", "start",
                      "-o", f"-p {self.port} -k {shlex.quote(str(folder))} -c listen_addresses='' -c fsync=off")
        except BaseException:
            self.stop()
            raise

    def _run(self, program: str, *args: str) -> None:
        out = subprocess.run([*self._as, str(self.bin / program), *args], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"{program} failed: {out.stdout}{out.stderr}; see {self.folder / 'server.log'}")

    def environment(self, schema: str) -> dict[str, str]:
        """profiles.yml's postgres output pointed at this server (host: the socket's folder)."""
        return {"NN_POSTGRES_HOST": str(self.folder), "NN_POSTGRES_PORT": str(self.port), "NN_POSTGRES_USER": self.user,
                "NN_POSTGRES_DBNAME": "postgres", "NN_POSTGRES_SCHEMA": schema}

    def stop(self) -> None:
        try:
            if (self.folder / "data" / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


# The environment variables that set a Spark session's static settings (profiles.yml): a run that changes one
# cannot share the session of the runs before it.
SPARK_SESSION_SETTINGS = {"NN_SPARK_MASTER", "NN_SPARK_DIR", "NN_SPARK_DRIVER_MEMORY"}


class ScriptServer:
    """tests/python/script_server.py: Python programs run one after another in one process, so that Spark runs
    after the first share its session, JVM and metastore; stopped by stop()."""

    def __init__(self, folder: pathlib.Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._runs = 0
        self._process = subprocess.Popen([sys.executable, str(PROJECT_DIR / "tests" / "python" / "script_server.py")],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=PROJECT_DIR,
                                         start_new_session=True)

    def run(self, argv: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
        """`python *argv` with this environment, as subprocess.run(..., capture_output=True, text=True) runs it."""
        self._runs += 1
        out, err = (self.folder / f"run_{self._runs}.{name}" for name in ("stdout", "stderr"))
        self._process.stdin.write(json.dumps({"argv": argv, "env": env, "stdout": str(out), "stderr": str(err)}) + "\n")
        self._process.stdin.flush()
        reply = json.loads(self._reply(timeout))
        return subprocess.CompletedProcess(["python", *argv], reply["returncode"],
                                           out.read_text(errors="replace"), err.read_text(errors="replace"))

    def _reply(self, timeout: float) -> str:
        ready, _, _ = select.select([self._process.stdout], [], [], timeout)  # the channel holds replies alone
        line = self._process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            if not ready:
                raise subprocess.TimeoutExpired("script_server.py", timeout)
            raise RuntimeError(f"the script server ended (exit code {self._process.returncode}); see {self.folder}")
        return line

    def stop(self) -> None:
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)  # the server and the JVM it started
            self._process.wait()


SCRIPTS = {"train.py": train.main, "predict.py": predict.main}


# The environment variable that names the dataset (schema) a target's runs write to (profiles.yml).
DATASET_VARIABLES = {"bigquery": "NN_BIGQUERY_DATASET", "spark": "NN_SPARK_SCHEMA", "postgres": "NN_POSTGRES_SCHEMA"}


class EngineProject:
    """The driver (scripts/train.py) pointed at one dbt target, with that target's environment variables. On
    Spark every program runs in one ScriptServer (one session, JVM and metastore) unless it changes a static
    setting of the session; stop() ends it."""

    def __init__(self, target: str, env: dict[str, str], workdir: pathlib.Path):
        self.target, self.env, self.workdir = target, env, workdir
        self._server: ScriptServer | None = None

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def environment(self, **overrides: str) -> dict[str, str]:
        """The target's environment. dbt's saved parse (partial_parse.msgpack) holds a hash of the profile, and so
        of the dataset (schema): each has a dbt target path of its own, so that a test on a dataset of its own
        does not make the next run on the shared one parse the whole project again (as Project does per database)."""
        env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR), **self.env, **overrides}
        env.pop("NN_DATA_PATH", None)
        if "DBT_TARGET_PATH" not in overrides:
            env["DBT_TARGET_PATH"] = str(self.workdir / f"target-{env.get(DATASET_VARIABLES[self.target], 'default')}")
        return env

    def python(self, argv: list[str], timeout: float = 1200, **env_overrides: str) -> subprocess.CompletedProcess:
        """`python *argv` on this target's environment, its output captured."""
        env = self.environment(**env_overrides)
        if self.target == "spark":
            if not set(env_overrides) & SPARK_SESSION_SETTINGS:
                if self._server is None:
                    self._server = ScriptServer(self.workdir / "script_server")
                return self._server.run(argv, env, timeout)
            # a session of its own: a JVM started from a new interpreter, not from a fork of pytest's
            return subprocess.run([sys.executable, *argv], cwd=PROJECT_DIR, env=env, capture_output=True, text=True,
                                  timeout=timeout)
        return run_python(argv, env, timeout=timeout)  # a fork of this process, dbt already imported

    def train(self, *args: str, check: bool = True, **env_overrides: str) -> subprocess.CompletedProcess:
        return self._script("train.py", args, check, env_overrides)

    def predict(self, *args: str, **env_overrides: str) -> subprocess.CompletedProcess:
        """scripts/predict.py on this target."""
        return self._script("predict.py", args, True, env_overrides)

    def _script(self, script: str, args, check: bool, env_overrides: dict) -> subprocess.CompletedProcess:
        command = ["--target", self.target, *args]
        if self.target == "spark":  # the JVM's session is the server's (or, for other static settings, its own)
            result = self.python([str(PROJECT_DIR / "scripts" / script), *command], **env_overrides)
        else:  # a fork of this process, dbt already imported
            result = run_driver(command, self.environment(**env_overrides), timeout=1200, main=SCRIPTS[script])
        if check and result.returncode != 0:
            raise AssertionError(f"{script} --target {self.target} {' '.join(args)} failed:\n"
                                 f"{result.stdout}\n{result.stderr[-5000:]}")
        return result

    def compile(self, select: str | None, vars_yaml: str, *flags: str, **env_overrides: str) -> pathlib.Path:
        """`dbt compile` on this target (every node when select is None); returns the compiled SQL's folder."""
        (result,) = self.compile_all([(select, vars_yaml, flags)], **env_overrides)
        assert isinstance(result, pathlib.Path), result
        return result

    def compile_all(self, requests, **env_overrides: str) -> list[pathlib.Path | str]:
        """`dbt compile` on this target for each (select or None for every node, vars as YAML, flags), in one
        program: one parse without the settings (as the driver parses). Each result is the compiled SQL's
        folder, or dbt's message when that compile failed."""
        batch = []
        for number, (select, vars_yaml, flags) in enumerate(requests):
            target_path = self.workdir / f"compiled_{number}"
            batch.append([*(["--select", select] if select else []), "--target-path", str(target_path), "--vars", vars_yaml, *flags])
        result = self.python(["-c", COMPILE_ALL, json.dumps([["--target", self.target], batch])], timeout=900, **env_overrides)
        outcomes = [json.loads(line[len(COMPILED):]) for line in result.stdout.splitlines() if line.startswith(COMPILED)]
        assert result.returncode == 0 and len(outcomes) == len(batch), result.stdout[-5000:] + result.stderr[-5000:]
        return [self.workdir / f"compiled_{number}" / "compiled" / "neural_net" if outcome["success"] else outcome["message"]
                for number, outcome in enumerate(outcomes)]


COMPILED = "nn_compiled: "
# Runs `dbt compile` once per request with one manifest: parsed once, with no var (what dbt parses does not
# depend on the settings: test_driver.py), so each compile pays for compiling alone.
COMPILE_ALL = """
import json, sys
from dbt.cli.main import dbtRunner
common, batch = json.loads(sys.argv[1])
parsed = dbtRunner().invoke(["parse", "--quiet", *common])
if not parsed.success:
    sys.exit("dbt parse failed: " + str(parsed.exception))
runner = dbtRunner(manifest=parsed.result)
for args in batch:
    result = runner.invoke(["compile", "--quiet", *common, *args])
    messages = [str(result.exception)] if result.exception is not None else []
    messages += [node.message for node in getattr(result.result, "results", None) or []
                 if str(node.status) == "error" and node.message]
    print(%r + json.dumps({"success": result.success, "message": "\\n".join(messages)}), flush=True)
""" % COMPILED


def bigquery_env(endpoint: str, dataset: str) -> dict[str, str]:
    return {"NN_BIGQUERY_METHOD": "oauth-secrets", "NN_BIGQUERY_TOKEN": "emulator", "NN_BIGQUERY_PROJECT": "test-project",
            "NN_BIGQUERY_DATASET": dataset, "NN_BIGQUERY_API_ENDPOINT": endpoint}


def spark_env(folder: pathlib.Path) -> dict[str, str]:
    return {"NN_SPARK_DIR": str(folder), "NN_SPARK_MASTER": "local[2]", "NN_SPARK_DRIVER_MEMORY": "2g"}


# Writes a parquet file into a table of the warehouse and metastore that profiles.yml's spark output uses.
WRITE_SPARK_TABLE = """
import sys
from pyspark.sql import SparkSession
folder, table, parquet = sys.argv[1:4]
spark = (SparkSession.builder.master("local[1]").enableHiveSupport()
         .config("spark.sql.warehouse.dir", folder + "/warehouse")
         .config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + folder + "/metastore;create=true")
         .config("spark.ui.enabled", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
spark.sql("create database if not exists " + table.split(".")[0])
spark.read.parquet(parquet).write.mode("overwrite").saveAsTable(table)
"""


# Prints the rows of a table of that warehouse, in the session the project's runs share, as JSON.
READ_SPARK_TABLE = """
import json, sys
from pyspark.sql import SparkSession
table, order = sys.argv[1:3]
spark = SparkSession.builder.getOrCreate()
print("nn_rows: " + json.dumps([row.asDict(recursive=True) for row in spark.table(table).orderBy(order).collect()], default=str), flush=True)
"""


def read_spark_table(project: EngineProject, table: str, order: str) -> list[dict]:
    """Every row of the table `schema.name` of the project's Spark warehouse, ordered by `order`: what a test reads
    when the driver ran with --train-only (no export)."""
    result = project.python(["-c", READ_SPARK_TABLE, table, order], timeout=600)
    lines = [line for line in result.stdout.splitlines() if line.startswith("nn_rows: ")]
    assert result.returncode == 0 and lines, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(lines[0][len("nn_rows: "):])


def write_spark_table(project: EngineProject, table: str, frame) -> None:
    """A pandas DataFrame as the table `schema.name` of the Spark warehouse the project's runs use (in the
    session they share): dbt-spark's seed writes every value into the SQL text, which takes minutes for a table
    of 1,000 columns."""
    folder = pathlib.Path(project.env["NN_SPARK_DIR"])
    parquet = folder.parent / f"{table}.parquet"
    frame.to_parquet(parquet)
    result = project.python(["-c", WRITE_SPARK_TABLE, str(folder), table, str(parquet)], timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
