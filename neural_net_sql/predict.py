"""Score new rows with the trained network, in the warehouse, through the SQL macro `predict`
(macros/scoring/predict.sql): the same preprocessing and forward pass as nn_predictions, no second
implementation here.

    neural-net-predict --data new.csv --output scored.csv
    neural-net-predict --input-relation analytics.new_customers --into analytics.scored
    neural-net-predict --project-dir . --network churn --data new.csv --output scored.csv

(`python scripts/predict.py ...` is the same program, for a checkout where the package is not installed.)

--data: the CSV is loaded with dbt seed (as a table nn_rows_to_score_<run> of this run's own, with its line
number, dropped again once scored), scored, and written to --output: its own lines, in its order, each followed by `prediction`
and, for a classification, one probability column per class. --input-relation: a table or view in the warehouse, scored into the table --into
(replaced when it holds earlier scores; never a relation of the project, the one scored or the one trained on;
a failure leaves it as it was). The network is the one in nn_model on the target: this project's
own, or with --network, the named network of the project --project-dir (one that installs this as a package).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import pathlib
import re
import secrets
import sys

from neural_net_sql import PROJECT_DIR, require_checkout
from neural_net_sql.dbt_runner import Dbt, DbtFailure, JvmOutput, check_connection
from neural_net_sql.files import StagedSeed, check_header, check_writable

STAGED = "nn_rows_to_score"  # the seed a --data CSV is loaded as: this name and a suffix of the run's own
ROW_NUMBER = "nn_row_number"  # its line number, the order of the output


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    # allow_abbrev=False: a prefix of a flag is refused, not taken for the one flag it happens to start today
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)
    p.add_argument("--data", type=pathlib.Path, help="a CSV file of rows to score (needs --output)")
    p.add_argument("--output", type=pathlib.Path, help="the scored CSV to write")
    p.add_argument("--input-relation", help="a table or view to score: schema.table (needs --into)")
    p.add_argument("--into", help="the table to write the scored rows to: schema.table")
    p.add_argument("--network", help="score with this network of the project (a model with meta.neural_net)")
    p.add_argument("--project-dir", type=pathlib.Path, default=PROJECT_DIR,
                   help="the dbt project whose network scores: one that installs this one as a package (default: this one)")
    p.add_argument("--target", help="dbt target in profiles.yml (default: its default, duckdb)")
    p.add_argument("--verbose", action="store_true", help="print each dbt command to stderr as it starts")
    args = p.parse_args(argv)
    if (args.data is None) == (args.input_relation is None):
        p.error("give the rows to score: --data file.csv or --input-relation schema.table")
    if args.data is not None and (args.output is None or args.into is not None):
        p.error("--data writes a CSV: give --output scored.csv")
    if args.input_relation is not None and (args.into is None or args.output is not None):
        p.error("--input-relation writes a table: give --into schema.table")
    if args.network is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", args.network):
        raise SystemExit(f"--network must be a plain identifier (letters, digits, underscores); got {json.dumps(args.network)}")
    return args


def stage_csv(path: pathlib.Path, seed: str, target: str | None, project_dir: pathlib.Path) -> tuple[list[str], list[list[str]], StagedSeed]:
    """The CSV's header and rows, and the staged seed `seed`: the rows with their line numbers."""
    header = check_header(path, target=target)
    if ROW_NUMBER in (name.lower() for name in header):
        raise SystemExit(f"--data: {path} has a column {ROW_NUMBER}, the name this script numbers the rows with")
    with open(path, newline="", encoding="utf-8-sig") as f:
        body = list(csv.reader(f))[1:]

    def write(f):
        writer = csv.writer(f)
        writer.writerow([ROW_NUMBER, *header])
        writer.writerows([number, *row] for number, row in enumerate(body, start=1))

    return header, body, StagedSeed(project_dir, seed, write)


def text(value) -> str:
    """A value as CSV text: numbers exact (repr), whole ones without a fraction (class numbers)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return str(value)


def score_csv(dbt: Dbt, seed: str, header: list[str], body: list[list[str]], output: pathlib.Path, network: str | None) -> None:
    columns, scored = dbt.show_inline_table(f"select * from {{{{ neural_net.predict(ref('{seed}'), network={network!r}) }}}} "
                                            f"order by {ROW_NUMBER}")
    if len(scored) != len(body):
        raise DbtFailure(f"predict returned {len(scored)} rows for the {len(body)} of the CSV")
    added = columns[len(header) + 1:]  # prediction, probability_...
    partial = output.with_name(output.name + ".partial")  # renamed once complete: never half a file at --output
    with open(partial, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([*header, *added])
        for line, row in zip(body, scored):
            writer.writerow([*line, *(text(row[name]) for name in added)])
    os.replace(partial, output)
    print(f"scored {len(body)} rows into {output}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    require_checkout()
    args = parse_args(argv)
    check_writable(args.output, "--output")
    staged = None
    variables = {}
    seed = f"{STAGED}_{secrets.token_hex(4)}"  # a table no other run and no user has: dropped when done
    if args.data is not None:
        header, body, staged = stage_csv(args.data, seed, args.target, args.project_dir)
        variables["input_relation"] = seed
    jvm = JvmOutput(args.project_dir / "logs" / "spark-jvm.log") if args.target == "spark" else None
    try:
        dbt = Dbt(variables, args.target, args.verbose, args.project_dir)
        check_connection(dbt, args.target, jvm)
        if args.data is not None:
            try:
                dbt.run("seed", "--select", seed, "--full-refresh", quiet=True)
                staged.release()
                score_csv(dbt, seed, header, body, args.output, args.network)
            finally:  # the CSV's rows do not stay in the warehouse
                dbt.run("run-operation", "neural_net.nn_drop_seed", "--args", json.dumps({"seed": seed}), quiet=True)
        else:
            dbt.run("run-operation", "neural_net.nn_score_into", "--args",
                    json.dumps({"relation": args.input_relation, "into": args.into, "network": args.network}), quiet=True)
        return 0
    except DbtFailure as failure:
        print(f"\nerror: {failure}", file=sys.stderr)
        return 1
    finally:
        if staged:
            staged.release()
        if jvm:
            jvm.close()


if __name__ == "__main__":
    sys.exit(main())
