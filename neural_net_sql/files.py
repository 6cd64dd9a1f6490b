"""The files a run reads and writes: a --data CSV, checked before dbt sees it and staged as a dbt seed in a
folder of the target path (one run at a time, under a lock), and the output files a flag names, checked
writable before any work."""
from __future__ import annotations

import csv
import json
import os
import pathlib
import re
import shutil
import tempfile

from neural_net_sql import PROJECT_DIR


def data_folder(project_dir: pathlib.Path) -> pathlib.Path:
    """The seed folder for --data CSVs: <target path>/nn_data, dbt_project.yml's second seed path (NN_DATA_PATH).
    The same folder for every run (a folder of its own per run would change an env var dbt_project.yml reads,
    and with it throw away dbt's saved parse); each run adds its CSV and removes it when done."""
    target = pathlib.Path(os.environ.get("DBT_TARGET_PATH") or "target")
    return (target if target.is_absolute() else project_dir.resolve() / target) / "nn_data"


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


