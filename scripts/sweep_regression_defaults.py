"""How a regression's default settings were chosen: the project's math in numpy (neural_net_sql/reference.py, the
implementation the tests check the SQL against), with candidate settings, on the regression tables of
scripts/compare_sklearn.py, over several random 80/20 splits; each held-out RMSE is printed as its gap to
scikit-learn's MLPRegressor (the same pipeline as compare_sklearn.py) on the same split.

    python scripts/sweep_regression_defaults.py                      # the candidates below, 6 splits
    python scripts/sweep_regression_defaults.py --tables diamonds --splits 4

The preprocessing is the project's (numeric columns imputed with the training mean and standardized, text
columns one-hot with at most 20 levels, "other" and "missing"); the network is He-initialised relu with one
linear output, trained full batch on the standardized target. On a table of 50 held-out rows the RMSE moves
by tens of percent from split to split (scikit-learn's on mpg: 1.35 to 2.32), hence the means and medians.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from neural_net_sql import reference  # noqa: E402
from compare_sklearn import sklearn_score, tables  # noqa: E402

# name: (hidden, optimizer, lr, iterations, L2 strength as a function of the training rows N)
CANDIDATES = {
    "reg 0.001 (before)": ([16], "adam", 0.02, 500, lambda n: 0.001),
    "reg 0.01": ([16], "adam", 0.02, 500, lambda n: 0.01),
    "reg 2 / N": ([16], "adam", 0.02, 500, lambda n: 2 / n),
    "reg 3 / N (default)": ([16], "adam", 0.02, 500, lambda n: 3 / n),
    "reg 4 / N": ([16], "adam", 0.02, 500, lambda n: 4 / n),
    "reg 3 / N, hidden [32]": ([32], "adam", 0.02, 500, lambda n: 3 / n),
}


def inputs(frame, label: str, train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The network's inputs, fitted on the training rows, and the target."""
    columns = []
    for name in frame.columns.drop(label):
        values = frame[name]
        if values.dtype.kind in "biuf":
            x = values.to_numpy(float)[:, None]
            columns.append(reference.preprocess(x, reference.fit_preprocessing(x[train], impute=True)))
        else:
            text = [None if v is None or v != v else str(v) for v in values]
            fitted = reference.fit_one_hot([text[i] for i in np.flatnonzero(train)], 20, impute=True)
            columns.append(reference.one_hot(text, fitted))
    return np.hstack(columns), frame[label].to_numpy(float)


def rmse(x, y, train, hidden, optimizer, lr, iterations, reg) -> float:
    target = reference.fit_target(y[train])
    params = reference.initial_parameters([x.shape[1], *hidden, 1], "he", 0)
    params, _ = reference.train(params, x[train], (y[train] - target["mean"]) / target["std"], "relu", lr,
                                reg(int(train.sum())), iterations, optimizer, task="regression")
    _, scores = reference.forward(params, x[~train], "relu")
    return float(np.sqrt(np.mean((scores[:, 0] * target["std"] + target["mean"] - y[~train]) ** 2)))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", default="diabetes,boston,mpg,diamonds")
    p.add_argument("--splits", type=int, default=6)
    args = p.parse_args(argv)
    known = tables()
    print(f"{'table':<10} {'split':>5} {'sklearn':>8}  " + " | ".join(f"{c:>22}" for c in CANDIDATES))
    for name in args.tables.split(","):
        table = known[name]
        frame = table.load().reset_index(drop=True)
        gaps = {c: [] for c in CANDIDATES}
        for split in range(args.splits):
            train = np.random.default_rng(100 + split).random(len(frame)) >= 0.2
            x, y = inputs(frame, table.label, train)
            theirs, _ = sklearn_score(frame.drop(columns=[table.label]), y, ~train, "regression")
            for c, (hidden, optimizer, lr, iterations, reg) in CANDIDATES.items():
                gaps[c].append(100 * (rmse(x, y, train, hidden, optimizer, lr, iterations, reg) / theirs - 1))
            print(f"{name:<10} {split:>5} {theirs:>8.4g}  " + " | ".join(f"{gaps[c][-1]:>+21.1f}%" for c in CANDIDATES),
                  flush=True)
        print(f"{name:<10} {'mean':>5} {'':>8}  " + " | ".join(f"{np.mean(g):>+21.1f}%" for g in gaps.values()))
        print(f"{name:<10} {'med.':>5} {'':>8}  " + " | ".join(f"{np.median(g):>+21.1f}%" for g in gaps.values()), flush=True)
    print("\nRMSE on the held-out 20% as a gap to scikit-learn's on the same split (negative: ours is lower, better).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
