"""Scoring speed: the SQL of macros/scoring/predict.sql over new rows against numpy's forward pass of the same
trained network, which first reads the rows out of DuckDB; both measured in the same run, best of three.

    python scripts/benchmark_scoring.py            # 2-2-2 on 1M rows, 64-32-10 on 100k rows
    python scripts/benchmark_scoring.py --quick    # 100k and 10k rows

1. The article's 2-2-2 network (hidden [2], trained 100 iterations on 100k rows of its data), scoring 1M new
   rows: `create table ... as select * from predict(...)` on DuckDB vs numpy (fetch x1, x2 as arrays from the
   same database file, standardize, forward pass, softmax, argmax).
2. 64-32-10 (trained 20 iterations on scikit-learn's digits), scoring 100k rows of 64 pixel columns: the same.
The SQL is what dbt compiles for `select * from {{ predict('main.<table>') }}`; it runs with the duckdb client.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import duckdb
import numpy as np

PROJECT_DIR = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from make_dataset import make_points  # noqa: E402


def load(database: pathlib.Path, table: str, columns: dict[str, np.ndarray]) -> None:
    import pandas

    with duckdb.connect(str(database)) as con:
        con.register("frame", pandas.DataFrame(columns))
        con.execute(f"create or replace table {table} as select * from frame")


def train(database: pathlib.Path, workdir: pathlib.Path, *args: str) -> dict:
    env = dict(os.environ, NN_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR),
               DBT_TARGET_PATH=str(workdir / "target"), DBT_LOG_PATH=str(workdir / "logs"))
    model = workdir / "model.json"
    subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), *args, "--skip-tests", "--full-refresh",
                    "--export", str(model)], cwd=PROJECT_DIR, env=env, check=True, capture_output=True, text=True)
    return json.loads(model.read_text())


def compiled_predict(database: pathlib.Path, workdir: pathlib.Path, table: str) -> str:
    """The SQL dbt compiles for select * from predict('main.<table>') (in a process of its own: dbt keeps its
    DuckDB connection open)."""
    code = ("import json, sys\nfrom dbt.cli.main import dbtRunner\n"
            "result = dbtRunner().invoke(sys.argv[1:])\n"
            "assert result.success, result.exception\n"
            "print(json.dumps(result.result.results[0].node.compiled_code))")  # one line, after dbt's own output
    env = dict(os.environ, NN_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR),
               DBT_TARGET_PATH=str(workdir / "target"), DBT_LOG_PATH=str(workdir / "logs"))
    out = subprocess.run([sys.executable, "-c", code, "--quiet", "compile", "--project-dir", str(PROJECT_DIR), "--vars",
                          json.dumps({"input_relation": "main.train_rows"}),
                          "--inline", f"select * from {{{{ predict('main.{table}') }}}}"],
                         cwd=PROJECT_DIR, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def best_of(run, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def numpy_classes(columns: dict[str, np.ndarray], model: dict) -> np.ndarray:
    """The forward pass as a numpy user would write it, from the feature arrays to the predicted class."""
    x = np.column_stack([columns[name] for name in model["features"]]).astype(float)
    center = np.array([f["center"] for f in model["preprocessing"]])
    scale = np.array([f["scale"] for f in model["preprocessing"]])
    h = (x - center) / scale
    for i, layer in enumerate(model["layers"]):
        h = h @ np.array(layer["weights"]) + np.array(layer["bias"])
        if i < len(model["layers"]) - 1:
            h = np.maximum(h, 0.0)  # relu, the default activation both networks are trained with
    e = np.exp(h - h.max(axis=1, keepdims=True))
    probabilities = e / e.sum(axis=1, keepdims=True)
    return probabilities.argmax(axis=1)


def numpy_scores(database: pathlib.Path, table: str, model: dict) -> np.ndarray:
    """numpy_classes, reading the rows out of DuckDB first."""
    with duckdb.connect(str(database), read_only=True) as con:
        columns = con.execute(f"select {', '.join(model['features'])} from {table}").fetchnumpy()
    return numpy_classes(columns, model)


def figure(name: str, database: pathlib.Path, workdir: pathlib.Path, table: str, model: dict) -> None:
    sql = compiled_predict(database, workdir, table)
    with duckdb.connect(str(database)) as con:
        rows = con.execute(f"select count(*) from {table}").fetchone()[0]
        seconds = best_of(lambda: con.execute(f"create or replace table scored as {sql}"))
        scored = con.execute(f"select {', '.join(model['features'])}, prediction from scored").fetchnumpy()
    numpy_seconds = best_of(lambda: numpy_scores(database, table, model))
    agree = np.mean(numpy_classes(scored, model) == scored["prediction"])  # the same predicted class
    print(f"{name:<10} {rows:>9,} rows  SQL {seconds:7.3f} s  numpy (reading included) {numpy_seconds:7.3f} s  "
          f"ratio {seconds / numpy_seconds:5.2f}x  {len(sql):,} characters of SQL  same class on {agree:.4%} of rows",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100k and 10k rows")
    args = parser.parse_args()
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="nn_bench_scoring_"))
    database = workdir / "bench.duckdb"

    x, y = make_points(100_000, seed=2018)
    load(database, "train_rows", {"x1": x[:, 0], "x2": x[:, 1], "y": y})
    model = train(database, workdir, "--input-relation", "main.train_rows", "--features", "x1,x2", "--label", "y",
                  "--hidden", "2", "--iterations", "100")
    x, _ = make_points(100_000 if args.quick else 1_000_000, seed=7)
    load(database, "new_points", {"x1": x[:, 0], "x2": x[:, 1]})
    figure("2-2-2", database, workdir, "new_points", model)

    from sklearn.datasets import load_digits

    digits = load_digits()
    pixels = {f"p{i}": digits.data[:, i] for i in range(64)}
    load(database, "train_rows", {**pixels, "y": digits.target})
    model = train(database, workdir, "--input-relation", "main.train_rows", "--features", ",".join(pixels), "--label", "y",
                  "--hidden", "32", "--iterations", "20", "--lr", "0.5")
    rows = 10_000 if args.quick else 100_000
    rng = np.random.default_rng(3)
    picked = rng.integers(0, len(digits.data), rows)
    load(database, "new_digits", {name: values[picked] + rng.random(rows) for name, values in pixels.items()})
    figure("64-32-10", database, workdir, "new_digits", model)


if __name__ == "__main__":
    main()
