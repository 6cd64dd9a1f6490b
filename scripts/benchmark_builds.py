"""What `dbt build` costs in a project whose networks are dbt nodes (materialized='neural_net'), measured on a
copy of integration_tests/ (two networks on the penguins, the models that score with them, their tests):

  1. the first build from an empty warehouse (it trains both networks, then tests and scores);
  2. a second build with nothing new, against the reference: a build of the same project without its
     networks and what depends on them (`--exclude config.materialized:neural_net+`), in the same run;
  3. after appending 10% more rows: how many of the rows already there change split (held out or not),
     row by row, with on_new_data warn (the default), continue and retrain.

Usage: python scripts/benchmark_builds.py [--repeat 3]"""
from __future__ import annotations

import argparse
import collections
import csv
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import duckdb

PROJECT_DIR = pathlib.Path(__file__).resolve().parents[1]
DBT = [str(pathlib.Path(sys.executable).parent / "dbt"), "--no-use-colors"]


class Consumer:
    def __init__(self, folder: pathlib.Path):
        self.dir = folder / "consumer"
        shutil.copytree(PROJECT_DIR / "integration_tests", self.dir,
                        ignore=shutil.ignore_patterns("target", "dbt_packages", "logs", "*.duckdb*", "package-lock.yml"))
        (self.dir / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_DIR}\n")
        self.database = folder / "consumer.duckdb"
        self.env = dict(os.environ, DBT_PROFILES_DIR=str(self.dir), NN_IT_DUCKDB_PATH=str(self.database),
                        DBT_TARGET_PATH=str(folder / "target"), DBT_LOG_PATH=str(folder / "logs"))

    def dbt(self, *args: str) -> float:
        started = time.perf_counter()
        result = subprocess.run([*DBT, *args], cwd=self.dir, env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"dbt {' '.join(args)} failed:\n{result.stdout[-3000:]}")
        return time.perf_counter() - started

    def split(self, network: str) -> collections.Counter:
        """The network's rows (every column but example_id) with their split, as a multiset."""
        with duckdb.connect(str(self.database), read_only=True) as con:
            relation = con.sql(f"select * exclude (example_id) from main_{network}.nn_examples")
            return collections.Counter(relation.fetchall())


def append_rows(consumer: Consumer, share: float) -> int:
    path = consumer.dir / "seeds" / "penguins.csv"
    with open(path, newline="") as f:
        header, *body = list(csv.reader(f))
    column = header.index("penguin_id")
    first = max(int(row[column]) for row in body) + 1
    count = round(share * len(body))
    added = [[str(first + i) if j == column else value for j, value in enumerate(row)] for i, row in enumerate(body[:count])]
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *body, *added])
    return count


def moved(before: collections.Counter, after: collections.Counter) -> int:
    """Rows of `before` that `after` no longer holds with the same split (rows are matched by their values)."""
    return sum((before - after).values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="builds timed for 2. (the median is printed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        consumer = Consumer(pathlib.Path(folder))
        consumer.dbt("deps")
        consumer.dbt("seed")
        first = consumer.dbt("build")
        second = sorted(consumer.dbt("build") for _ in range(args.repeat))[args.repeat // 2]
        reference = sorted(consumer.dbt("build", "--exclude", "config.materialized:neural_net+")
                           for _ in range(args.repeat))[args.repeat // 2]
        print(f"first build, empty warehouse, 2 networks trained:   {first:6.1f} s")
        print(f"second build, nothing new (median of {args.repeat}):         {second:6.1f} s")
        print(f"reference: build without the networks (median):      {reference:6.1f} s")
        print(f"second build / reference:                             {second / reference:6.2f}x  (target <= 1.5x)")

        before = consumer.split("species")
        added = append_rows(consumer, 0.1)
        consumer.dbt("seed")
        consumer.dbt("build", "-s", "species")
        warn = moved(before, consumer.split("species"))
        consumer.dbt("build", "-s", "species", "--vars", "{nn_on_new_data: continue}")
        continued = moved(before, consumer.split("species"))
        consumer.dbt("build", "-s", "species", "--vars", "{nn_on_new_data: retrain}")
        retrain = moved(before, consumer.split("species"))
        total = sum(before.values())
        print(f"after appending {added} penguins (10%), rows of the {total} already trained on that changed split:")
        print(f"  on_new_data warn (default): {warn:4d}  (the model keeps the rows it was trained on)")
        print(f"  on_new_data continue:       {continued:4d}")
        print(f"  on_new_data retrain:        {retrain:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
