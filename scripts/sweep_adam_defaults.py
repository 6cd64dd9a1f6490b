"""How Adam's defaults (lr, beta2) were chosen: the project's math in numpy (neural_net_sql/reference.py, the
implementation the tests check the SQL against) on the classification tables of scripts/compare_sklearn.py,
over several random 80/20 splits. For each table and split, full-batch sgd at its default lr (2.0) trains
1,000 iterations; Adam then trains 200 from the same initial weights with each candidate (beta2, lr), and the
script prints the first iteration whose training loss is at most sgd's final one ("-" when Adam does not get
there within 200, with how far above it ends).

    python scripts/sweep_adam_defaults.py                          # the candidates below, 4 splits
    python scripts/sweep_adam_defaults.py --tables wine --splits 2

The preprocessing is the project's (numeric columns imputed with the training mean and standardized, text
columns one-hot with at most 20 levels, "other" and "missing"); the network is the default one (He-initialised,
hidden [16], relu), L2 strength 0.001, labels as class numbers in sorted order.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from neural_net_sql import reference  # noqa: E402
from compare_sklearn import tables  # noqa: E402
from sweep_regression_defaults import inputs  # noqa: E402

CLASSIFICATIONS = "iris,wine,breast_cancer,digits,penguins,titanic,credit_card"
CANDIDATES = [(0.999, 0.1), (0.999, 0.2), (0.99, 0.1), (0.99, 0.2), (0.95, 0.05), (0.95, 0.1), (0.95, 0.2)]  # (beta2, lr)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", default=CLASSIFICATIONS)
    p.add_argument("--splits", type=int, default=4)
    args = p.parse_args(argv)
    known = tables()
    print(f"{'table':<14} {'split':>5} {'sgd@1000':>9}  " + " | ".join(f"{f'b2 {b2} lr {lr}':>15}" for b2, lr in CANDIDATES))
    reached = {candidate: 0 for candidate in CANDIDATES}
    cases = 0
    for name in args.tables.split(","):
        table = known[name]
        frame = table.load().reset_index(drop=True)
        frame = frame[frame[table.label].notna()].reset_index(drop=True)
        classes = sorted(set(frame[table.label].astype(str)))
        y = np.array([classes.index(str(v)) for v in frame[table.label]])
        features = frame.assign(**{table.label: 0.0})  # inputs() reads the label as a number; it is not used here
        for split in range(args.splits):
            train = np.random.default_rng(100 + split).random(len(frame)) >= 0.2
            x, _ = inputs(features, table.label, train)
            initial = reference.initial_parameters([x.shape[1], 16, len(classes)], "he", 0)
            _, sgd_losses = reference.train(initial, x[train], y[train], "relu", 2.0, 0.001, 1001)
            target = sgd_losses[-1]  # the loss of the parameters after 1,000 sgd steps
            cells = []
            for beta2, lr in CANDIDATES:
                _, losses = reference.train(initial, x[train], y[train], "relu", lr, 0.001, 201, "adam", beta2=beta2)
                first = next((k for k, loss in enumerate(losses) if loss <= target), None)
                reached[(beta2, lr)] += first is not None
                cells.append(f"{first:>15}" if first is not None else f"{f'- ({losses[-1] / target - 1:+.1%})':>15}")
            cases += 1
            print(f"{name:<14} {split:>5} {target:>9.5f}  " + " | ".join(cells), flush=True)
    print(f"{'reached':<14} {'':>5} {'':>9}  " + " | ".join(f"{f'{reached[c]} of {cases}':>15}" for c in CANDIDATES))
    print("\nThe first iteration at which Adam's training loss (cross-entropy + L2) is at most sgd's after 1,000 "
          "iterations, on the same rows from the same initial weights.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
