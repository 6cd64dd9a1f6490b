"""Regenerate seeds/points.csv: the 2018 article's data set, bit for bit.

100,000 rows; x1, x2 ~ N(0, 1) from numpy's PCG64 generator seeded with 2018; y = 1 if x1 + x2 > 0 else 0.
Floats are written as the shortest decimal that round-trips exactly, without an exponent (some BigQuery
loaders, the local emulator among them, refuse `1e-06` in a FLOAT64 column).

    python scripts/make_dataset.py [--rows 100000] [--seed 2018] [--out seeds/points.csv]
"""
import argparse
import pathlib

import numpy as np

DEFAULT_OUT = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "points.csv"


def make_points(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 2))
    y = (x[:, 0] + x[:, 1] > 0).astype(np.int64)
    return x, y


def write_csv(path: pathlib.Path, x: np.ndarray, y: np.ndarray) -> None:
    with open(path, "w", newline="\n") as f:
        f.write("x1,x2,y\n")
        for (x1, x2), label in zip(x.tolist(), y.tolist()):
            f.write(f"{decimal(x1)},{decimal(x2)},{label}\n")


def decimal(value: float) -> str:
    """The shortest positional decimal that parses back to exactly `value` (repr, minus the exponent)."""
    return np.format_float_positional(value, unique=True, trim="-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    x, y = make_points(args.rows, args.seed)
    write_csv(args.out, x, y)
    print(f"wrote {args.rows} rows to {args.out}")


if __name__ == "__main__":
    main()
