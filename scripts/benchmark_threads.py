"""Can a DuckDB training block use every core and stay bit-reproducible? Measured before building one.

    python scripts/benchmark_threads.py                 # the default network, 2-16-2, on 1M rows
    python scripts/benchmark_threads.py --rows 100000

The default network (hidden [16], standardized inputs) on `rows` random points (scripts/make_dataset.py), from
the initial state, on 1 thread and on every core (DuckDB's `threads`):

  1. the block as dbt trains it (one recursive query): time per iteration, the difference of two block sizes
  2. one iteration as a query of its own: the block's recursive term over a table of the training rows and a
     table of the state, double sums as trained; best of 5 runs on each thread count (planning included, shown
     apart as EXPLAIN's time), and how many different parameter sets the runs gave
  3. the same iteration with each sum exact: every row's term cast to a 128-bit integer at 2^-64 (no error
     while the term's magnitude stays under 2^63 / rows), summed as integers, so in any order to the same bits
  4. the tight numpy step of the same math (scripts/benchmark.py's tight_step)

Only the gradients' sums are made exact in 3; the parameters are compared, not the loss.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import sys
import tempfile
import time

import duckdb
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchmark import blas_kernel, compiled_block, make_database, time_sql, time_tight_steps, without_openblas_settings  # noqa: E402
from make_dataset import make_points  # noqa: E402

DEFAULT_NETWORK = {}  # the project's defaults: hidden [16], standardize true
RUNS = 5

# A gradient's sum in the columns layout (nn_iteration): sum(h0_1 * dz1_3) for a weight, sum(dz1_3) for a bias.
GRADIENT_SUM = re.compile(r"\bsum\(((?:h\d+_\d+ \* )?dz\d+_\d+)\)")
SCALE = "18446744073709551616.0"  # 2^64


def exact_sums(sql: str) -> str:
    """`sql` with each gradient's sum taken over 128-bit integers: the row's term times 2^64, rounded; exact, so
    the order of the additions cannot change the result."""
    sums = GRADIENT_SUM.sub(lambda m: f"(cast(sum(cast(({m.group(1)}) * {SCALE} as hugeint)) as double) / {SCALE})", sql)
    assert sums != sql, "no gradient sum found: the columns layout's SQL changed"
    return sums


def iteration_parts(block: str) -> tuple[str, str, str]:
    """The compiled block's training rows, start state and recursive term (one iteration), as separate SELECTs."""
    rows = block.split("training_rows as materialized (", 1)[1].split("\n    ),", 1)[0]
    states = block.split("states as (", 1)[1]
    start, step = states.split("union all", 1)
    step = step.split("\n\n    )\n\n    select * from states", 1)[0].strip()
    assert step.startswith("-- one iteration"), "the block's recursive term moved: update iteration_parts"
    step = step[step.index("(") + 1:].rstrip().removesuffix(")")
    return rows, start, step


def time_iteration(con, sql: str, threads: int) -> tuple[float, set]:
    """Best of RUNS runs of `sql` (one iteration) on `threads`, and the distinct parameter sets they gave."""
    con.execute(f"set threads = {threads}")
    best, results = float("inf"), set()
    for _ in range(RUNS):
        start = time.perf_counter()
        row = con.execute(sql).fetchone()
        best = min(best, time.perf_counter() - start)
        results.add(tuple(tuple(value) for value in row[3:]))  # the state's arrays, after iteration, loss, accuracy
    return best, results


def main() -> None:
    without_openblas_settings()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    database = pathlib.Path(tempfile.mkdtemp(prefix="nn_threads_")) / "db.duckdb"
    make_database(database, args.rows)
    print(f"# every core, bit-reproducible?  DuckDB {duckdb.__version__}, {cores} cores, 2-16-2 on {args.rows:,} rows")
    print(f"numpy {np.__version__}: {blas_kernel()}")

    print("\n1. the block as trained (one recursive query), per iteration (K = 30 minus K = 10, over 20):")
    blocks = {k: compiled_block(database, k, network=DEFAULT_NETWORK) for k in (10, 30)}
    block_time = {}
    for threads in sorted({1, cores}):
        block_time[threads] = (time_sql(database, blocks[30], 1, threads) - time_sql(database, blocks[10], 1, threads)) / 20
        print(f"   {threads} thread(s): {block_time[threads] * 1e3:7.1f} ms")

    rows, start, step = iteration_parts(blocks[10])
    step = step.replace("from states as previous", "from start_state as previous")
    with duckdb.connect(str(database), read_only=True) as con:
        con.execute(f"create temp table training_rows as {rows}")
        con.execute(f"create temp table start_state as {start}")
        for name, sql in (("2. one iteration, double sums", step), ("3. one iteration, exact sums", exact_sums(step))):
            started = time.perf_counter()
            con.execute(f"explain {sql}").fetchall()
            planning = time.perf_counter() - started
            timed = {threads: time_iteration(con, sql, threads) for threads in sorted({1, cores})}
            distinct = set().union(*(results for _, results in timed.values()))
            print(f"{name}: " + ", ".join(f"{t} thread(s) {s * 1e3:.1f} ms ({len(r)} parameter set(s) in {RUNS} runs)"
                                         for t, (s, r) in timed.items())
                  + f"; {len(distinct)} distinct over all runs; of each run, planning took about {planning * 1e3:.0f} ms")

    x, y = make_points(args.rows, seed=2018)
    numpy_step = time_tight_steps(x, y, [2, 16, 2])
    print(f"\n4. tight numpy step: {numpy_step * 1e3:.1f} ms; the block on {cores} thread(s) is "
          f"{block_time[cores] / numpy_step:.1f}x it")


if __name__ == "__main__":
    main()
