"""How good is a model trained with the DEFAULT settings? Public tables that ship inside scikit-learn, trained by
this project (only data, features and label given) and by scikit-learn on the same split, measured in one run.

    python scripts/compare_sklearn.py                 # every table
    python scripts/compare_sklearn.py --tables iris   # some of them
    python scripts/compare_sklearn.py --vars '{hidden: [16], iterations: 500}'   # settings other than the defaults

For each table: the project's driver (scripts/train.py) trains on DuckDB in a fresh database; the rows it held
out (nn_examples.is_holdout) are the test rows of both. scikit-learn's model is MLPClassifier (its defaults,
random_state 0) behind a StandardScaler, fitted on the rows the project trained on. Accuracy is measured on the
held-out rows only; time is the wall time of the whole driver (dbt included) and of scikit-learn's fit.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import warnings

import duckdb
import numpy as np

PROJECT_DIR = pathlib.Path(__file__).resolve().parent.parent


def tables() -> dict:
    from sklearn import datasets

    return {
        "iris": datasets.load_iris,
        "wine": datasets.load_wine,
        "breast_cancer": datasets.load_breast_cancer,
        "digits": datasets.load_digits,
    }


def write_csv(path: pathlib.Path, x: np.ndarray, y: np.ndarray) -> list[str]:
    features = [f"f{i}" for i in range(x.shape[1])]
    with open(path, "w") as f:
        f.write(",".join(features + ["label"]) + "\n")
        for row, label in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")
    return features


def ours(name: str, loader, workdir: pathlib.Path, extra_vars: str | None) -> dict:
    data = loader()
    csv = workdir / f"{name}.csv"
    features = write_csv(csv, data.data, data.target)
    database = workdir / f"{name}.duckdb"
    env = dict(os.environ, NN_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR))
    env.pop("NN_SEED_PATH", None)
    command = [sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), "--data", str(csv),
               "--features", ",".join(features), "--label", "label", "--skip-tests"]
    if extra_vars:
        command += ["--vars", extra_vars]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{name}: train.py failed:\n{result.stderr[-3000:]}")
    with duckdb.connect(str(database), read_only=True) as con:
        n = len(features)
        columns = ", ".join(f"x_{i}" for i in range(n))
        examples = con.execute(f"select {columns}, label, is_holdout from nn_examples order by example_id").fetchall()
        accuracy = con.execute("select accuracy from nn_metrics where split = 'holdout'").fetchone()[0]
    x = np.array([row[:n] for row in examples], dtype=float)
    y = np.array([row[n] for row in examples])
    holdout = np.array([row[n + 1] for row in examples])
    return {"rows": len(examples), "features": n, "accuracy": accuracy, "seconds": seconds,
            "x": x, "y": y, "holdout": holdout}


def sklearn_accuracy(x, y, holdout) -> tuple[float, float]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), MLPClassifier(random_state=0))
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x[~holdout], y[~holdout])
    seconds = time.perf_counter() - started
    return float((model.predict(x[holdout]) == y[holdout]).mean()), seconds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", help="comma-separated subset of: " + ", ".join(tables()))
    p.add_argument("--vars", help="dbt vars for the project's runs (default: none, the defaults)")
    args = p.parse_args(argv)
    chosen = args.tables.split(",") if args.tables else list(tables())
    print(f"{'table':<14} {'rows':>5} {'features':>8} {'classes':>7} {'ours':>7} {'sklearn':>8} {'gap':>6} "
          f"{'ours s':>7} {'sklearn s':>9}")
    with tempfile.TemporaryDirectory(prefix="nn_compare_") as workdir:
        for name in chosen:
            result = ours(name, tables()[name], pathlib.Path(workdir), args.vars)
            theirs, their_seconds = sklearn_accuracy(result["x"], result["y"], result["holdout"])
            gap = 100 * (result["accuracy"] - theirs)
            print(f"{name:<14} {result['rows']:>5} {result['features']:>8} {len(set(result['y'])):>7} "
                  f"{result['accuracy']:>7.1%} {theirs:>8.1%} {gap:>+6.1f} {result['seconds']:>7.1f} {their_seconds:>9.2f}",
                  flush=True)
    print("\nAccuracy on the held-out rows (the same rows for both); gap in percentage points, ours minus sklearn.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
