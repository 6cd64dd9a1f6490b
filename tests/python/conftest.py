"""Shared helpers: run the real driver (scripts/train.py) against a real DuckDB file, read what it wrote."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import duckdb
import numpy as np
import pytest

PROJECT_DIR = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

from make_dataset import decimal  # noqa: E402  (the seed's exact, exponent-free float format)


class Project:
    """One DuckDB database file and the driver pointed at it."""

    def __init__(self, database: pathlib.Path):
        self.database = database

    def train(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = dict(os.environ, NN_DUCKDB_PATH=str(self.database), DBT_PROFILES_DIR=str(PROJECT_DIR))
        env.pop("NN_SEED_PATH", None)
        result = subprocess.run(
            [sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), *args],
            cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=900,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"train.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            return con.execute(sql).fetchall()

    def rows(self, sql: str) -> list[dict]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def history(self) -> list[dict]:
        return self.rows("select * from nn_training order by iteration")

    def training_data(self, holdout: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The rows training reads (or the held-out rows), in example_id order."""
        rows = self.rows(f"select * from nn_examples where is_holdout = {str(holdout).lower()} order by example_id")
        features = sorted((k for k in rows[0] if k.startswith("x_")), key=lambda k: int(k[2:]))
        # a NULL feature (missing: impute) becomes NaN
        return np.array([[r[f] for f in features] for r in rows], dtype=float), np.array([r["label"] for r in rows])

    def training_columns(self, holdout: bool = False) -> tuple[list[list], np.ndarray]:
        """The features as they are in nn_examples (text for a categorical one, None for NULL), one list per
        feature, and the labels: the rows training reads (or the held-out rows), in example_id order."""
        rows = self.rows(f"select * from nn_examples where is_holdout = {str(holdout).lower()} order by example_id")
        features = sorted((k for k in rows[0] if k.startswith("x_")), key=lambda k: int(k[2:]))
        return [[r[f] for r in rows] for f in features], np.array([r["label"] for r in rows])

    def preprocessing(self) -> list[dict]:
        """The preprocessing stored with the trained model, one entry per feature."""
        import json

        return json.loads(self.query("select preprocessing from nn_model")[0][0])["features"]


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "test.duckdb")


def write_csv(path: pathlib.Path, columns: dict[str, list]) -> pathlib.Path:
    names = list(columns)
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        for values in zip(*columns.values()):
            f.write(",".join("" if v is None else (decimal(v) if isinstance(v, float) else str(v)) for v in values) + "\n")
    return path


def blobs(n: int, n_features: int, n_classes: int, seed: int = 7) -> dict[str, list]:
    """A small classification data set: Gaussian blobs, one per class."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 2, (n_classes, n_features))
    labels = rng.integers(0, n_classes, n)
    x = centers[labels] + rng.normal(0, 1, (n, n_features))
    columns = {f"f{i}": x[:, i].tolist() for i in range(n_features)}
    columns["cls"] = labels.tolist()
    return columns
