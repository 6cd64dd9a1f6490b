"""dbt, run in this process (dbtRunner): the project parsed once per run, every later command reusing the
manifest; a failure raised as DbtFailure with dbt's own message, or the project's own refusal alone; the
progress records of the blocks collected as they are logged (neural_net_sql.progress). dbt's JSON artifacts
(target/manifest.json, run_results.json) are written only by the commands that ask for them (artifacts=True),
not by the parse and every check, block and read. The parse still saves partial_parse.msgpack."""
from __future__ import annotations

import contextlib
import io
import json
import os
import pathlib
import re
import sys

from neural_net_sql import PROJECT_DIR
from neural_net_sql.files import StagedSeed, data_folder, lock_data_folder
from neural_net_sql.progress import BlockProgress

# What the project's macros report (rows left out, constant features, ...), but the progress sentence: the bar shows it.
NOTICE = re.compile(r"^nn_(?!training: iteration )\w+: ")


# A refusal of the project's macros (nn_fail): "neural_net: <the problem>", then dbt's "> in macro" lines.
OWN_REFUSAL = re.compile(r"^\s*neural_net: (.*?)(?=\n\s*> (?:in macro|called by)|\Z)", re.S | re.M)


class DbtFailure(Exception):
    """A dbt command failed; the message is dbt's own, or, when `refusal` is true, the project's own refusal
    (nn_fail) alone."""

    def __init__(self, message: str, refusal: bool = False):
        super().__init__(message)
        self.refusal = refusal


# What to check when a target cannot connect: the environment variables profiles.yml reads.
CONNECTION_HINTS = {
    "duckdb": "NN_DUCKDB_PATH (the database file; another process may hold its lock)",
    "bigquery": "NN_BIGQUERY_PROJECT, NN_BIGQUERY_DATASET, NN_BIGQUERY_LOCATION, NN_BIGQUERY_METHOD "
                "(oauth = application-default credentials from `gcloud auth application-default login`; "
                "service-account with NN_BIGQUERY_KEYFILE; oauth-secrets with NN_BIGQUERY_TOKEN) and "
                "NN_BIGQUERY_API_ENDPOINT (empty for Google; the emulator's URL otherwise)",
    "spark": "NN_SPARK_MASTER (local[2], or spark://host:7077), NN_SPARK_SCHEMA, NN_SPARK_DIR, and Java 17 on "
             "PATH; for a Thrift or Databricks cluster, change the spark output's method as docs/engines.md shows",
    "postgres": "NN_POSTGRES_HOST (a host, or the folder of the server's Unix socket), NN_POSTGRES_PORT, NN_POSTGRES_USER, "
                "NN_POSTGRES_PASSWORD, NN_POSTGRES_DBNAME and NN_POSTGRES_SCHEMA",
}


def parse_vars(variables: dict) -> dict:
    """The vars dbt parses with. What it parses depends on nn_network alone (which models are on, and their
    schema: nn_network_config); every other setting reaches the SQL when a command compiles its nodes. Without
    a network dbt parses with no var, so that its saved parse (partial_parse.msgpack in the target path) serves
    the next run whatever its settings, and a run parses in about a second instead of re-reading every macro;
    the driver then checks the settings itself (nn_check_settings; test_driver checks that the manifest is the
    same either way). A named network's features are its model's columns, which exist only once it is built:
    there dbt parses with every var and refuses a bad setting while it parses, as before."""
    return variables if "nn_network" in variables else {}


class Dbt:
    """dbt, run in this process. The project is parsed once; later calls reuse the manifest."""

    def __init__(self, variables: dict, target: str | None, verbose: bool = False, project_dir: pathlib.Path = PROJECT_DIR):
        self.verbose = verbose
        project_dir = project_dir.resolve()
        if (project_dir / "profiles.yml").is_file():  # else dbt's own default (~/.dbt)
            os.environ.setdefault("DBT_PROFILES_DIR", str(project_dir))
        if project_dir == PROJECT_DIR:
            os.environ.setdefault("NN_DUCKDB_PATH", str(PROJECT_DIR / "neural_net.duckdb"))
        folder = data_folder(project_dir)
        os.environ["NN_DATA_PATH"] = str(folder)
        from dbt.cli.main import dbtRunner

        self.common = ["--project-dir", str(project_dir), "--vars", json.dumps(variables, ensure_ascii=False)]
        if target:
            self.common += ["--target", target]
        self.progress: list[BlockProgress] = []  # the record of each block trained, in order
        self._runner = dbtRunner(callbacks=[self._on_event])
        shared = None if str(folder) in StagedSeed.holding else lock_data_folder(folder, exclusive=False)
        try:
            manifest = self._invoke(["parse"], vars_=parse_vars(variables)).result
        finally:
            if shared is not None:
                shared.close()
        self._runner = dbtRunner(manifest=manifest, callbacks=[self._on_event])

    def _on_event(self, event) -> None:
        if event.info.name == "JinjaLogDebug":
            progress = BlockProgress.from_log(event.info.msg)
            if progress is not None:
                self.progress.append(progress)
        elif event.info.name == "JinjaLogInfo" and NOTICE.match(event.info.msg):
            print(event.info.msg, file=sys.stderr, flush=True)

    def _invoke(self, command: list[str], quiet_stdout: bool = False, vars_: dict | None = None, artifacts: bool = False):
        if self.verbose:
            print(f"dbt {' '.join(command)}", file=sys.stderr, flush=True)
        common = self.common if vars_ is None else [*self.common, "--vars", json.dumps(vars_, ensure_ascii=False)]
        writes = [] if artifacts else ["--no-write-json"]
        args = ["--quiet", "--no-use-colors", *command[:1], *writes, *common, *command[1:]]
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink) if quiet_stdout else contextlib.nullcontext():
            result = self._runner.invoke(args)
        if not result.success:
            message = self._failure_message(command, result, sink.getvalue())
            own = OWN_REFUSAL.search(message)  # the project's own refusal names the problem: that alone, not dbt's frames
            if own:
                raise DbtFailure("\n".join(line.strip() for line in own[1].strip().splitlines()), refusal=True)
            raise DbtFailure(without_stack_frames(message))
        return result

    @staticmethod
    def _failure_message(command, result, captured: str) -> str:
        lines = [f"dbt {' '.join(command)} failed"]
        if result.exception is not None:
            lines.append(str(result.exception))
        for node in getattr(result.result, "results", None) or []:
            if str(node.status) in ("error", "fail") and node.message:
                lines.append(f"{node.node.name}: {node.message}")
        if captured.strip() and len(lines) == 1:
            lines.append(captured.strip())
        return "\n".join(lines)

    def run(self, *command: str, quiet: bool = False, vars_: dict | None = None, artifacts: bool = False):
        """A dbt command; vars_ replaces the vars of this one command (the project is not parsed again);
        artifacts: write dbt's manifest.json and run_results.json, as a dbt command does by default."""
        return self._invoke(list(command), quiet_stdout=quiet, vars_=vars_, artifacts=artifacts)

    def show(self, node: str, limit: int = -1) -> list[dict]:
        """Rows of a model or analysis, via `dbt show` (its printed preview is swallowed).

        Note that `dbt show` runs the node's SQL: for nn_training that is the NEXT block, so the history is
        read through the analysis nn_loss_history. limit=-1 adds no LIMIT clause (DuckDB 2.0 plans
        nn_decision_grid badly under a LIMIT).
        """
        return self._rows(self._invoke(["show", "--select", node, "--limit", str(limit)], quiet_stdout=True))

    def show_inline(self, sql: str) -> list[dict]:
        """Every row of a query (dbt Jinja allowed: refs, the project's macros), via `dbt show --inline`."""
        return self.show_inline_table(sql)[1]

    def show_inline_table(self, sql: str) -> tuple[list[str], list[dict]]:
        """The column names and every row of a query, as show_inline: the names are there when no row is."""
        result = self._invoke(["show", "--inline", sql, "--limit", "-1"], quiet_stdout=True)
        return list(result.result.results[0].agate_table.column_names), self._rows(result)

    @staticmethod
    def _rows(result) -> list[dict]:
        table = result.result.results[0].agate_table
        return [{name: _plain(value) for name, value in zip(table.column_names, row)} for row in table.rows]


def _plain(value):
    """agate hands numbers back as Decimal (built from the float's repr, so float() is exact)."""
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


JAVA_FRAME = re.compile(r"^\s*(at )?([\w$]+[./])+[\w$<>]+\([\w$. ]*(:\d+)?\)\s*$")


def without_stack_frames(message: str) -> str:
    """Spark passes JVM stack traces up inside its error messages; keep the message, drop the frames."""
    kept = [line for line in message.splitlines() if not JAVA_FRAME.match(line)]
    return re.sub(r"\n(\s*\n)+", "\n", "\n".join(kept))


class JvmOutput:
    """Spark's JVM writes its log, and the stack trace of any exception, straight to file descriptor 2. For the
    spark target the driver points descriptor 2 at a log file (logs/spark-jvm.log) and keeps its own messages
    on the terminal; a failure quotes the JVM's exception lines from the log."""

    def __init__(self, path: pathlib.Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._log = open(path, "ab")
        self._start = self._log.tell()
        self._terminal = os.dup(2)
        self._python_stderr = sys.stderr
        sys.stderr.flush()
        os.dup2(self._log.fileno(), 2)
        sys.stderr = os.fdopen(os.dup(self._terminal), "w", buffering=1)

    def exceptions(self, limit: int = 3) -> list[str]:
        with open(self.path, "rb") as f:
            f.seek(self._start)
            lines = f.read().decode(errors="replace").splitlines()
        found = [line.strip() for line in lines
                 if re.search(r"\b\w*(Exception|Error)\b", line) and not JAVA_FRAME.match(line)]
        return list(dict.fromkeys(found))[-limit:]

    def close(self) -> None:
        sys.stderr.flush()
        os.dup2(self._terminal, 2)
        sys.stderr = self._python_stderr
        self._log.close()


def check_connection(dbt: Dbt, target: str | None, jvm: JvmOutput | None = None, settings: bool = False) -> None:
    """Fail at once, before anything is read or written, when the target cannot run a query; with settings, then
    refuse a setting the network cannot be trained with (nn_check_settings), in the same dbt command."""
    try:
        dbt.run("run-operation", "neural_net.nn_check_connection", *(["--args", "{settings: true}"] if settings else []), quiet=True)
    except DbtFailure as failure:
        if failure.refusal:  # connected: the project refused a setting
            raise
        detail = str(failure)
        if "'NoneType' object has no attribute 'close'" in detail:
            # dbt-bigquery 1.12 hides a failed sign-in behind this when it releases a connection that never
            # opened outside a node; inside a node (a one-row query) dbt reports the real cause.
            try:
                dbt.run("show", "--inline", "select 1 as connected", quiet=True)
            except DbtFailure as inner:
                detail = str(inner)
        jvm_said = jvm.exceptions() if jvm else []
        if jvm_said:
            detail += f"\nthe Spark JVM said (full log: {jvm.path}):\n  " + "\n  ".join(jvm_said)
        name = target or os.environ.get("NN_TARGET", "duckdb")
        hint = CONNECTION_HINTS.get(name, "the target's keys")
        raise DbtFailure(f"cannot connect to target {name}:\n{detail}\n\nhint: profiles.yml, profile neural_net, "
                         f"output {name}, takes its settings from: {hint}") from None


