"""Train a neural network in SQL with dbt, block by block, then test it and report its accuracy.

    python scripts/train.py                                   # the 2018 article's network and data, on DuckDB
    python scripts/train.py --iterations 1000 --hidden 8,8 --activation tanh --export model.json
    python scripts/train.py --data my.csv --features a,b,c --label class
    python scripts/train.py --input-relation analytics.customers --features age,spend --label churned
    python path/to/neural_net/scripts/train.py --project-dir . --network churn   # a network of your dbt project

This script holds no SQL. It turns flags into dbt vars, then runs dbt in this process, parsing the project
once (without the settings: parse_vars) and checking the settings (`dbt run-operation nn_check_settings`):
  1. `dbt seed` when the example data (or the --data CSV) is not loaded yet,
  2. `dbt run -s nn_examples` (with --network, `1+nn_examples`: the network's model too): reads and checks the input,
  3. `dbt run -s nn_training` again and again: each run appends up to --block-size iterations,
  4. `dbt run -s nn_model+,package:neural_net` and `dbt test -s package:neural_net`: predictions, metrics, and the project's data tests,
  5. `dbt show -s nn_accuracy`: the analysis it prints; --export and --plot read nn_model and analyses/.
With --train-only it stops after step 3: the history (nn_training) holds the trained parameters, and the next
run without it does steps 4-5 (so does `dbt build -s nn_model+` given the same vars, but for the report).
Any dbt failure stops it with dbt's own message and exit code 1.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time

import settings_schema

PROJECT_DIR = pathlib.Path(__file__).resolve().parent.parent
NOTICE = re.compile(r"^nn_\w+: ")  # what the project's macros report: rows left out, constant features, ...
PROGRESS = re.compile(r"^nn_training: iteration (\d+) of (\d+)(?: \| loss ([-+.\deE]+|nan|inf))?")
STOPPED = re.compile(r"\| stopped early: (.*)$")


# A refusal of the project's macros (nn_fail): "neural_net: <the problem>", then dbt's "> in macro" lines.
OWN_REFUSAL = re.compile(r"^\s*neural_net: (.*?)(?=\n\s*> (?:in macro|called by)|\Z)", re.S | re.M)


class DbtFailure(Exception):
    """A dbt command failed; the message is dbt's own."""


# What to check when a target cannot connect: the environment variables profiles.yml reads.
CONNECTION_HINTS = {
    "duckdb": "NN_DUCKDB_PATH (the database file; another process may hold its lock)",
    "bigquery": "NN_BIGQUERY_PROJECT, NN_BIGQUERY_DATASET, NN_BIGQUERY_LOCATION, NN_BIGQUERY_METHOD "
                "(oauth = application-default credentials from `gcloud auth application-default login`; "
                "service-account with NN_BIGQUERY_KEYFILE; oauth-secrets with NN_BIGQUERY_TOKEN) and "
                "NN_BIGQUERY_API_ENDPOINT (empty for Google; the emulator's URL otherwise)",
    "spark": "NN_SPARK_MASTER (local[2], or spark://host:7077), NN_SPARK_SCHEMA, NN_SPARK_DIR, and Java 17 on "
             "PATH; for a Thrift or Databricks cluster, change the spark output's method as docs/engines.md shows",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data = p.add_argument_group("data")
    data.add_argument("--data", type=pathlib.Path, help="a CSV file to train on (loaded with dbt seed)")
    groups = {"data": data}
    for name, setting in settings_schema.load().items():  # a flag per setting the driver passes on (settings.yml)
        if setting["flag"]:
            if setting["group"] not in groups:
                groups[setting["group"]] = p.add_argument_group(f"{setting['group']} (each flag sets the dbt var of its name)")
            groups[setting["group"]].add_argument(settings_schema.flag_name(name), **setting_flag(name, setting))
    run = p.add_argument_group("run")
    run.add_argument("--network", help="train this network of the project: a model whose config has meta.neural_net "
                                       "(var nn_network; the flags above then set nn_-prefixed vars, which win over "
                                       "the model's meta)")
    run.add_argument("--project-dir", type=pathlib.Path, default=PROJECT_DIR,
                     help="the dbt project to run: another project that installs this one as a package (default: this one)")
    run.add_argument("--target", help="dbt target in profiles.yml (default: its default, duckdb)")
    run.add_argument("--full-refresh", action="store_true", help="discard the trained history and start again")
    run.add_argument("--skip-tests", action="store_true", help="do not run dbt test after training")
    run.add_argument("--train-only", action="store_true", help="stop once the history (nn_training) is trained: no "
                     "nn_model, predictions, metrics, tests or report")
    run.add_argument("--verbose", action="store_true", help="print each dbt command to stderr as it starts")
    run.add_argument("--export", type=pathlib.Path, help="write the trained model to this file: JSON, or ONNX when it "
                                                         "ends in .onnx (scripts/onnx_export.py)")
    run.add_argument("--plot", type=pathlib.Path, help="draw the loss curve, the predictions and (a classification) the "
                                                       "confusion matrix to this PNG")
    run.add_argument("--vars", help="more dbt vars, as YAML/JSON, e.g. '{features: [a, b]}'")
    return p.parse_args(argv)


def setting_flag(name: str, setting: dict) -> dict:
    """argparse's arguments for a setting's flag: its type, and its meaning (markdown made plain) as help."""
    plain = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", setting["meaning"] + settings_schema.allowed_text(setting)).replace("`", "").replace("%", "%%")
    help_text = f"{plain}; default {settings_schema.default_text(setting).replace('`', '')} (var {name})"
    if setting["type"] == "boolean":
        return {"action": argparse.BooleanOptionalAction, "help": help_text}
    if setting["type"] in ("columns", "layers"):
        help_text = f"comma-separated: {'8,8' if setting['type'] == 'layers' else 'a,b'}. " + help_text
    return {"type": {"integer": int, "number": float}.get(setting["type"], str), "help": help_text}


def dbt_vars(args: argparse.Namespace) -> dict:
    """The dbt vars the flags set; an unset flag leaves the setting's default (nn_default_settings) or, with
    --network, the network model's own in force."""
    import yaml

    try:
        out = yaml.safe_load(args.vars) if args.vars else {}
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" at column {where.column + 1}" if where else ""
        raise SystemExit(f"--vars is not valid YAML: {getattr(error, 'problem', None) or error}{at} of {args.vars!r}") from None
    if not isinstance(out, dict):
        raise SystemExit(f"--vars must be a mapping such as '{{lr: 1.0}}'; got {args.vars!r}")
    split = lambda text: [item.strip() for item in text.split(",") if item.strip()]  # noqa: E731
    flags = {}
    for name, setting in settings_schema.load().items():
        value = getattr(args, name, None) if setting["flag"] else None
        if value is None:
            continue
        if setting["type"] == "columns":
            value = split(value)
        elif setting["type"] == "layers":
            try:
                value = [int(size) for size in split(value)]
            except ValueError:
                pass  # dbt refuses it with a message naming the setting
        flags[name] = value
    if args.network is not None:  # a named network's settings: namespaced vars, which win over its model's meta
        bare = sorted(set(out) & setting_names())
        if bare:
            raise SystemExit(f"--vars with --network: a named network reads its settings from nn_-prefixed vars; write "
                             f"{', '.join('nn_' + name for name in bare)} instead of {', '.join(bare)}")
        flags = {f"nn_{name}": value for name, value in flags.items()}
        flags["nn_network"] = args.network
    out.update(flags)
    return out


def setting_names() -> set[str]:
    """The settings' names (settings.yml)."""
    return set(settings_schema.load())


def parse_vars(variables: dict) -> dict:
    """The vars dbt parses with. What it parses depends on nn_network alone (which models are on, and their
    schema: nn_network_config); every other setting reaches the SQL when a command compiles its nodes. Without
    a network dbt parses with no var, so that its saved parse (partial_parse.msgpack in the target path) serves
    the next run whatever its settings, and a run parses in about a second instead of re-reading every macro;
    the driver then checks the settings itself (nn_check_settings; test_driver checks that the manifest is the
    same either way). A named network's features are its model's columns, which exist only once it is built:
    there dbt parses with every var and refuses a bad setting while it parses, as before."""
    return variables if "nn_network" in variables else {}


def data_folder(project_dir: pathlib.Path) -> pathlib.Path:
    """The seed folder for --data CSVs: <target path>/nn_data, dbt_project.yml's second seed path (NN_DATA_PATH).
    The same folder for every run (a folder of its own per run would change an env var dbt_project.yml reads,
    and with it throw away dbt's saved parse); each run adds its CSV and removes it when done."""
    target = pathlib.Path(os.environ.get("DBT_TARGET_PATH") or "target")
    return (target if target.is_absolute() else project_dir.resolve() / target) / "nn_data"


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
        self.progress: list[tuple[int, int, float | None]] = []
        self.stopped_early: str | None = None  # what the post-hook said when early stopping stopped training
        self._runner = dbtRunner(callbacks=[self._on_event])
        shared = None if str(folder) in StagedSeed.holding else lock_data_folder(folder, exclusive=False)
        try:
            manifest = self._invoke(["parse"], vars_=parse_vars(variables)).result
        finally:
            if shared is not None:
                shared.close()
        self._runner = dbtRunner(manifest=manifest, callbacks=[self._on_event])

    def _on_event(self, event) -> None:
        if event.info.name == "JinjaLogInfo":
            if NOTICE.match(event.info.msg) and not PROGRESS.match(event.info.msg):
                print(event.info.msg, file=sys.stderr, flush=True)
            match = PROGRESS.match(event.info.msg)
            if match:
                loss = float(match[3]) if match[3] else None
                self.progress.append((int(match[1]), int(match[2]), loss))
                stopped = STOPPED.search(event.info.msg)
                if stopped:
                    self.stopped_early = "early stopping: " + stopped[1]

    def _invoke(self, command: list[str], quiet_stdout: bool = False, vars_: dict | None = None):
        if self.verbose:
            print(f"dbt {' '.join(command)}", file=sys.stderr, flush=True)
        common = self.common if vars_ is None else [*self.common, "--vars", json.dumps(vars_, ensure_ascii=False)]
        args = ["--quiet", "--no-use-colors", *command[:1], *common, *command[1:]]
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink) if quiet_stdout else contextlib.nullcontext():
            result = self._runner.invoke(args)
        if not result.success:
            raise DbtFailure(self._failure_message(command, result, sink.getvalue()))
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
        message = "\n".join(lines)
        own = OWN_REFUSAL.search(message)  # the project's own refusal names the problem: that alone, not dbt's frames
        if own:
            return "\n".join(line.strip() for line in own[1].strip().splitlines())
        return without_stack_frames(message)

    def run(self, *command: str, quiet: bool = False):
        return self._invoke(list(command), quiet_stdout=quiet)

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


class ProgressBar:
    def __init__(self, stream=None, width: int = 30):
        stream = stream or sys.stderr
        self.stream, self.width = stream, width
        self.live = stream.isatty()
        self.started = time.perf_counter()

    def update(self, iteration: int, target: int, loss: float | None) -> None:
        done = self.width if target == 0 else int(self.width * min(iteration, target) / target)
        bar = "#" * done + "." * (self.width - done)
        rate = iteration / max(time.perf_counter() - self.started, 1e-9)
        text = f"training [{bar}] iteration {iteration}/{target}"
        if loss is not None:
            text += f"  loss {loss:.6f}"
        text += f"  ({rate:.0f} it/s)"
        self.stream.write(("\r" + text) if self.live else (text + "\n"))
        self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")


def check_header(path: pathlib.Path, flag: str = "--data", target: str | None = None) -> list[str]:
    """The CSV's header, once each column name is one dbt seed can load: dbt's seed DDL puts the names between
    quotes without escaping them, so a name holding a quote, a backtick or a backslash (or a control character,
    or none at all) would be SQL of its own. Refuses those, and a name given twice. On Spark also a value
    holding a quote or a backslash: dbt-spark's seed writes every value into its INSERT unescaped."""
    if not path.is_file():
        raise SystemExit(f"{flag}: no such file: {path}")
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f), None)
    except (UnicodeDecodeError, csv.Error) as error:
        raise SystemExit(f"{flag}: {path} is not a UTF-8 CSV file ({error})") from None
    if not header:
        raise SystemExit(f"{flag}: {path} is empty")
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name.strip():
            raise SystemExit(f"{flag}: column {number} of {path}'s header has no name")
        bad = re.search(r'[\x00-\x1f\x7f"`\\]', name)
        if bad:
            raise SystemExit(f"{flag}: column {number} of {path}'s header, {json.dumps(name)}, holds {json.dumps(bad[0])}: "
                             f"column names with quotes, backticks, backslashes or control characters are not loaded; rename it")
        if name.lower() in seen:
            raise SystemExit(f"{flag}: {path}'s header names {json.dumps(name)} twice (columns {seen[name.lower()]} and {number})")
        seen[name.lower()] = number
    if target == "spark":
        with open(path, newline="", encoding="utf-8-sig") as f:
            for line, row in enumerate(csv.reader(f), start=1):
                for name, value in zip(header, row):
                    if line > 1 and ("'" in value or "\\" in value):
                        raise SystemExit(f"{flag}: line {line} of {path}, column {name}, holds a quote or a backslash, which "
                                         f"dbt-spark's seed writes into SQL unescaped: load the file into a Spark table "
                                         f"yourself and use --input-relation")
    return header


def seed_name(path: pathlib.Path) -> str:
    """The table a --data CSV loads as: nn_data_<file name>, in the nn_ namespace that is the project's own, so
    that no table of the user's is replaced (a CSV named customers.csv never touches a table customers)."""
    return "nn_data_" + (re.sub(r"[^a-z0-9_]", "_", path.stem.lower()) or "csv")


def lock_data_folder(folder: pathlib.Path, exclusive: bool):
    """The --data seed folder's lock, taken (blocking): exclusive while a run stages a CSV there, shared while a
    run's dbt parses and so reads every CSV there. Returns the open lock file (closing it releases the lock; so
    does the process's end), or None where there is no fcntl (Windows): there drivers must not share a target
    path at once."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:
        return None
    handle = open(folder / ".lock", "w")
    fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    return handle


class StagedSeed:
    """A CSV staged as the dbt seed `name` in the --data seed folder (data_folder), from before dbt parses until
    release(), once `dbt seed` has loaded it. The folder's lock is held exclusively all that time, so that runs
    sharing a target path stage one at a time, none removes a file another has yet to load, and none parses
    while a file comes or goes; a CSV found there under the lock is a killed run's leftover, and is removed.
    write(file) writes the CSV: a text file (UTF-8), or with binary=True a binary one."""

    holding: set[str] = set()  # the folders this process holds the lock of (its own parse must not wait for it)

    def __init__(self, project_dir: pathlib.Path, name: str, write, binary: bool = False):
        folder = data_folder(project_dir)
        self._lock = lock_data_folder(folder, exclusive=True)
        self._folder = str(folder)
        StagedSeed.holding.add(self._folder)
        if self._lock is not None:  # without a lock a leftover cannot be told from another run's file
            for leftover in folder.glob("*.csv"):
                leftover.unlink(missing_ok=True)
        self.path = folder / f"{name}.csv"
        text = {} if binary else {"newline": "", "encoding": "utf-8"}
        with open(self.path, "wb" if binary else "w", **text) as f:
            write(f)

    def release(self) -> None:
        if self._folder in StagedSeed.holding:
            self.path.unlink(missing_ok=True)
            StagedSeed.holding.discard(self._folder)
            if self._lock is not None:
                self._lock.close()


def load_csv(dbt_vars_: dict, path: pathlib.Path, target: str | None = None,
             project_dir: pathlib.Path = PROJECT_DIR) -> tuple[str, StagedSeed]:
    """Stage a CSV as a dbt seed, once its header is checked; returns (seed name, the staged seed)."""
    check_header(path, target=target)
    name = seed_name(path)
    with open(path, "rb") as source:
        staged = StagedSeed(project_dir, name, lambda f: shutil.copyfileobj(source, f), binary=True)
    dbt_vars_["input_relation"] = name
    return name, staged


def check_writable(path: pathlib.Path | None, flag: str) -> None:
    """Fail before any work when the file a flag names cannot be written: its folder is created if missing,
    and a file of the probe's own is written there and removed (no file of the user's is touched)."""
    if path is None:
        return
    if path.is_dir():
        raise SystemExit(f"{flag}: {path} is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".nn_probe_"):
            pass
    except OSError as error:
        raise SystemExit(f"{flag}: cannot write {path}: {error.strerror or error}") from None


def train(args: argparse.Namespace) -> int:
    if args.network is not None and (args.data is not None or args.input_relation is not None):
        raise SystemExit("--data and --input-relation do not apply to --network: the network's model is its input")
    if args.train_only:
        needs_model = [flag for flag, value in (("--export", args.export), ("--plot", args.plot),
                                                ("--min-accuracy", args.min_accuracy), ("--min-r2", args.min_r2))
                       if value is not None]
        if needs_model:
            raise SystemExit(f"{', '.join(needs_model)} need the trained model and its tests, which --train-only "
                             f"does not build: drop one or the other")
    variables = dbt_vars(args)
    check_writable(args.export, "--export")
    check_writable(args.plot, "--plot")
    staged = None
    if args.data is not None:
        seed, staged = load_csv(variables, args.data, args.target, args.project_dir)
    jvm = JvmOutput(args.project_dir / "logs" / "spark-jvm.log") if args.target == "spark" else None
    try:
        dbt = Dbt(variables, args.target, args.verbose, args.project_dir)
        check_connection(dbt, args.target, jvm)
        if args.network is None:
            dbt.run("run-operation", "neural_net.nn_check_settings", quiet=True)
        refresh = ["--full-refresh"] if args.full_refresh else []

        if args.network is not None:  # a network (refused by name before anything is built), then its model
            dbt.run("run-operation", "neural_net.nn_require_network", "--args", json.dumps({"network": args.network}), quiet=True)
            dbt.run("run", "--select", "1+nn_examples")
        elif args.data is not None:
            dbt.run("seed", "--select", seed, "--full-refresh")
            staged.release()
        elif "input_relation" not in variables:
            try:
                dbt.run("run-operation", "nn_require_relation", "--args", "{name: points}", quiet=True)
            except DbtFailure:
                print("loading the example data set (dbt seed)...", file=sys.stderr)
                dbt.run("seed", "--select", "points")
        if args.network is None:
            dbt.run("run", "--select", "nn_examples")

        bar = ProgressBar()
        previous = None
        while True:
            dbt.run("run", "--select", "nn_training", *(refresh if previous is None else []))
            if not dbt.progress:
                raise DbtFailure("nn_training reported no progress line; is its post-hook in place?")
            iteration, target, loss = dbt.progress[-1]
            if previous is None and iteration > target:
                print(f"already trained past the target: iteration {iteration} >= {target}", file=sys.stderr)
                break
            bar.update(iteration, target, loss)
            if iteration >= target:
                break
            if dbt.stopped_early:
                bar.close()
                print(dbt.stopped_early, file=sys.stderr)
                break
            if iteration == previous:
                raise DbtFailure(f"training made no progress past iteration {iteration}")
            previous = iteration
        if not dbt.stopped_early:
            bar.close()
        if args.train_only:
            print(f"trained to iteration {iteration}; the history is nn_training (nn_model and its tests are "
                  f"built by a run without --train-only)", file=sys.stderr)
            return 0

        dbt.run("run", "--select", "nn_model+,package:neural_net")  # not the models of a project that scores with it
        if not args.skip_tests:
            run_tests(dbt)
        report(dbt.show("nn_accuracy"), args)
        if args.export or args.plot:
            history = dbt.show("nn_loss_history")
            if args.export:
                plan, inputs, outputs = (dbt.show_inline(f"select * from {{{{ ref('{name}') }}}}") for name in ("nn_plan", "nn_inputs", "nn_outputs"))
                export(dbt.show("nn_model_parameters")[0], history, plan[0], inputs, outputs, args.export)
            if args.plot:
                from plot_training import plot  # scripts/plot_training.py

                plot(history, dbt.show("nn_decision_grid"), dbt.show("nn_prediction_sample", limit=3000), args.plot,
                     dbt.show("nn_confusion_matrix"))
                print(f"Plot of the loss, the decision boundary and (a classification) the confusion matrix: {args.plot}")
        return 0
    except DbtFailure as failure:
        print(f"\nerror: {failure}{network_hint(args.network, failure)}", file=sys.stderr)
        return 1
    finally:
        if staged:
            staged.release()
        if jvm:
            jvm.close()


# What the metric tests require, as their own query says it (macros/tests/nn_metric_shortfall.sql).
SHORTFALL = "{{{{ neural_net.nn_metric_shortfall(ref('nn_metrics'), '{0}', '{1}', '{2}') }}}}"
METRIC_TESTS = [("accuracy", "min_accuracy", "classification"), ("r2", "min_r2", "regression")]


def run_tests(dbt: Dbt) -> None:
    """The project's data tests; when a metric test fails, the error says what was reached and what was
    required (dbt itself says only "Got 1 result")."""
    try:
        dbt.run("test", "--select", "package:neural_net")
    except DbtFailure as failure:
        if "metric_at_least" not in str(failure):
            raise
        problems = [str(row["problem"]) for metric in METRIC_TESTS
                    for row in dbt.show_inline(SHORTFALL.format(*metric))]
        raise DbtFailure("\n".join([str(failure), *problems])) from None


def network_hint(network: str | None, failure: DbtFailure) -> str:
    """dbt, parsing, names a --network that is no model of the project as a missing node: say what one is."""
    if network is not None and f"depends on a node named '{network}' which was not found" in str(failure):
        return (f"\nno network named {network}: the project has no model of that name (a network is a model whose "
                f"config has meta={{'neural_net': {{...}}}})")
    return ""


def check_connection(dbt: Dbt, target: str | None, jvm: JvmOutput | None = None) -> None:
    """Fail at once, before anything is read or written, when the target cannot run a query."""
    try:
        dbt.run("run-operation", "neural_net.nn_check_connection", quiet=True)
    except DbtFailure as failure:
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


def report(rows: list[dict], args: argparse.Namespace) -> None:
    print()
    w = max([8, *(len(row["split"]) + 1 for row in rows)])  # "validation" with early stopping
    if rows and "r2" in rows[0]:  # a regression
        # baseline: the R² of always answering the training rows' mean
        print(f"{'split':<{w}} {'iteration':>9} {'examples':>9} {'RMSE':>12} {'MAE':>12} {'R²':>8} {'baseline':>9}")
        for row in rows:
            r2, baseline = ("" if row[k] is None else f"{row[k]:.4f}" for k in ("r2", "baseline_r2"))
            print(f"{row['split']:<{w}} {row['iteration']:>9} {row['examples']:>9} {row['rmse']:>12.6g} {row['mae']:>12.6g} "
                  f"{r2:>8} {baseline:>9}")
    else:
        # baseline: the accuracy of always answering the training rows' most frequent class
        print(f"{'split':<{w}} {'iteration':>9} {'examples':>9} {'accuracy':>9} {'log loss':>9} {'errors':>7} {'baseline':>9}")
        for row in rows:
            print(f"{row['split']:<{w}} {row['iteration']:>9} {row['examples']:>9} {row['accuracy']:>9.2%} "
                  f"{row['log_loss']:>9.5f} {row['misclassified'] or 0:>7} {row['baseline_accuracy']:>9.2%}")
    where = os.environ.get("NN_DUCKDB_PATH") if not args.target or args.target == "duckdb" else f"target {args.target}"
    if args.network is not None:
        where = f"network {args.network}'s schema" + (f", {where}" if where else "")
    print(f"\nThe trained model is the table nn_model (history: nn_training), in {where}.")
    if args.export:
        print(f"Exported to {args.export}.")


def export(model: dict, history: list[dict], plan: dict, inputs: list[dict], outputs: list[dict], path: pathlib.Path) -> None:
    """The model as JSON: input i of the network is (feature_i - center_i) / scale_i, a NULL feature replaced by
    impute_i first (preprocessing); weights[i][j] connects input i to unit j of the layer (h = x @ W + b). A
    classification's outputs are the scores of `classes` (softmax); a regression's one output times
    target.std plus target.mean is the predicted value. The shape, preprocessing and classes are read from the
    model's nn_plan, nn_inputs and nn_outputs (one row of the first, every row of the others); `settings` is the
    history's record of the settings it was trained with (nn_model.run_settings)."""
    settings = json.loads(model["run_settings"])
    dims = [int(plan["inputs"]), *(int(size) for size in (plan["hidden"] or "").split(",") if size), int(plan["outputs"])]
    outputs = sorted(outputs, key=lambda row: row["output_index"])
    regression = plan["task"] == "regression"
    if "w1" in model:  # the arrays layout: each array as text, w{l} unit by unit
        arrays = {name: json.loads(model[name]) for name in model if name[0] in "wb" and name[1:].isdigit()}
        weight = lambda l, i, j: arrays[f"w{l}"][j * dims[l - 1] + i]  # noqa: E731
        bias = lambda l, j: arrays[f"b{l}"][j]  # noqa: E731
    else:
        weight = lambda l, i, j: model[f"w{l}_{i}_{j}"]  # noqa: E731
        bias = lambda l, j: model[f"b{l}_{j}"]  # noqa: E731
    layers = [
        {
            "weights": [[weight(l, i, j) for j in range(dims[l])] for i in range(dims[l - 1])],
            "bias": [bias(l, j) for j in range(dims[l])],
        }
        for l in range(1, len(dims))
    ]
    preprocessing = stored_preprocessing(inputs)
    document = {
        "features": [feature["name"] for feature in preprocessing],
        "label": plan["label"],
        "task": plan["task"],
        "classes": None if regression else [row["class_value"] for row in outputs] if outputs[0]["class_value"] is not None
        else list(range(dims[-1])),
        "target": {"mean": outputs[0]["target_mean"], "std": outputs[0]["target_std"]} if regression else None,
        "activation": plan["activation"],
        "preprocessing": preprocessing,
        "layers": layers,
        "iteration": int(model["iteration"]),
        "settings": settings,
        "history": [
            {"iteration": int(row["iteration"]), "loss": row["loss"], "train_accuracy": row["train_accuracy"],
             **({"validation_loss": row["validation_loss"]} if "validation_loss" in row else {})}
            for row in sorted(history, key=lambda row: row["iteration"])
        ],
    }
    if path.suffix.lower() == ".onnx":  # the network and its preprocessing as an ONNX graph
        from onnx_export import write  # scripts/onnx_export.py

        write(document, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")


def stored_preprocessing(inputs: list[dict]) -> list[dict]:
    """The preprocessing of each feature, as nn_preprocessing fitted it, from the rows of a model's nn_inputs (one
    per input of the network; macros/plan/nn_inputs_query.sql): a number's {name, kind: numeric, mean, std,
    impute, center, scale, minimum, maximum}; a category's {name, kind: categorical, levels, pooled_levels, null_level}."""
    features: list[dict] = []
    for row in sorted(inputs, key=lambda row: row["input_index"]):
        if int(row["feature_index"]) == len(features):  # the feature's first input
            features.append({"name": row["feature"], "kind": "numeric", **{k: row[k] for k in ("mean", "std", "impute", "center", "scale", "minimum", "maximum")}}
                            if row["kind"] == "number" else
                            {"name": row["feature"], "kind": "categorical", "levels": [], "pooled_levels": 0, "null_level": False})
        feature = features[-1]
        if row["kind"] == "level":
            feature["levels"].append(row["level"])
        elif row["kind"] == "other":
            feature["pooled_levels"] = int(row["levels_pooled"])
        elif row["kind"] == "missing":
            feature["null_level"] = True
    return features


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    return train(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
