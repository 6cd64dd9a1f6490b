"""Runs Python programs (`python scripts/train.py ...`, `python -c code ...`) one after another in this one
process, as requests arrive on stdin, so that every Spark run after the first finds a Spark session (and its
JVM, warmed up) already there: starting a JVM costs about 9 s, Spark plans a block about twice as fast once its
JIT has warmed up, and the embedded Derby metastore admits one JVM at a time, so every program that opens the
warehouse must run in the one that holds it.

A request is one JSON line {"argv", "env", "stdout", "stderr"}: argv is what follows `python` (a script's path
and its arguments, or "-c", the code and its arguments); the program runs as `__main__` with exactly that
environment, sys.argv and file descriptors 1 and 2 pointed at the two files named. The reply is one JSON line
{"returncode"} on the server's own stdout, which nothing else writes to (between requests descriptor 1 is
/dev/null). The session's static settings
(master, warehouse folder) are those of the first program that started it: a program that needs others
belongs in a process of its own (engines.EngineProject does that)."""
from __future__ import annotations

import json
import os
import pathlib
import runpy
import sys
import traceback

PROJECT_DIR = pathlib.Path(__file__).resolve().parents[2]


def execute(argv: list[str]) -> None:
    """argv as `python` takes it, run as __main__ in this process."""
    sys.argv = list(argv) if argv[0] != "-c" else ["-c", *argv[2:]]
    if argv[0] == "-c":
        exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__"})
    else:
        sys.path.insert(0, str(pathlib.Path(argv[0]).resolve().parent))  # as python puts the script's folder first
        try:
            runpy.run_path(argv[0], run_name="__main__")
        finally:
            sys.path.pop(0)


def run(request: dict) -> int:
    """One program, its output in the request's files; returns its exit code."""
    saved = os.dup(1), os.dup(2)
    code = 0
    with open(request["stdout"], "wb") as out, open(request["stderr"], "wb") as err:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            os.environ.clear()
            os.environ.update(request["env"])
            os.chdir(PROJECT_DIR)
            execute(request["argv"])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if exit_.code is not None and not isinstance(exit_.code, int):
                print(exit_.code, file=sys.stderr)  # as the interpreter prints a SystemExit's message
        except BaseException:  # noqa: BLE001  (reported as the interpreter would, and the server goes on)
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    return code


def main() -> None:
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    with open(os.devnull, "wb") as nowhere:  # what a thread prints between requests never reaches the replies
        os.dup2(nowhere.fileno(), 1)
    for line in sys.stdin:
        replies.write(json.dumps({"returncode": run(json.loads(line))}) + "\n")


if __name__ == "__main__":
    main()
