"""How many iterations does each optimizer need? On the tables of scripts/compare_sklearn.py, trains full-batch
sgd for 1,000 iterations and then Adam (and momentum) on the same rows from the same initial weights, and
prints the first iteration at which each reaches the training loss sgd ends with, with its held-out accuracy (a regression: RMSE).

    python scripts/compare_optimizers.py                       # every table, each optimizer at its default lr
    python scripts/compare_optimizers.py --tables iris,wine --optimizers adam --vars '{lr: 0.05}'
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile

import duckdb

from compare_sklearn import run_driver, tables


def train(table, csv: pathlib.Path, database: pathlib.Path, optimizer: str, iterations: int, extra_vars: str | None):
    features = [c for c in table.load().columns if c != table.label]
    args = ["--optimizer", optimizer, "--iterations", str(iterations)]
    seconds = run_driver(table, features, csv, database, *args, *(["--vars", extra_vars] if extra_vars and optimizer != "sgd" else []))
    with duckdb.connect(str(database), read_only=True) as con:
        # the loss on row k is that of the parameters of iteration k - 1 (nn_iteration)
        losses = [row[0] for row in con.execute("select loss from nn_training where iteration > 0 order by iteration").fetchall()]
        task, accuracy, rmse = con.execute("select task, accuracy, rmse from nn_metrics where split = 'holdout'").fetchone()
    held_out = f"{accuracy:.1%}" if task == "classification" else f"RMSE {rmse:.4g}"
    return losses, held_out, seconds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", help="comma-separated subset of: " + ", ".join(tables()))
    p.add_argument("--optimizers", default="adam,momentum", help="compared with sgd (default: adam,momentum)")
    p.add_argument("--iterations", type=int, default=200, help="iterations the compared optimizers get (default 200)")
    p.add_argument("--vars", help="dbt vars for the compared optimizers' runs, e.g. '{lr: 0.05}'")
    args = p.parse_args(argv)
    chosen = args.tables.split(",") if args.tables else list(tables())
    print(f"{'table':<14} {'optimizer':<9} {'iterations':>10} {'final loss':>10} {'reaches sgd@1000 at':>19} "
          f"{'held out':>12} {'seconds':>7}")
    with tempfile.TemporaryDirectory(prefix="nn_optimizers_") as workdir:
        for name in chosen:
            table = tables()[name]
            csv = pathlib.Path(workdir) / f"{name}.csv"
            table.load().to_csv(csv, index=False)
            losses, held_out, seconds = train(table, csv, pathlib.Path(workdir) / f"{name}_sgd.duckdb", "sgd", 1001, None)
            target = losses[-1]  # the loss after 1,000 sgd steps
            print(f"{name:<14} {'sgd':<9} {1000:>10} {target:>10.5f} {'':>19} {held_out:>12} {seconds:>7.1f}", flush=True)
            for optimizer in args.optimizers.split(","):
                losses, held_out, seconds = train(table, csv, pathlib.Path(workdir) / f"{name}_{optimizer}.duckdb",
                                                  optimizer, args.iterations + 1, args.vars)
                reached = next((k for k, loss in enumerate(losses) if loss <= target), None)
                print(f"{'':<14} {optimizer:<9} {args.iterations:>10} {losses[-1]:>10.5f} "
                      f"{(str(reached) if reached is not None else 'not within ' + str(args.iterations)):>19} "
                      f"{held_out:>12} {seconds:>7.1f}", flush=True)
    print("\nLosses are training losses (cross-entropy or squared error, + L2) on the same rows; 'reaches' is the first iteration whose "
          "parameters have a loss at most sgd's after 1,000 iterations.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
