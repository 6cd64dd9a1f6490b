"""Regression (task: regression): one linear output, squared error, the target standardized for training and
mapped back for predictions. The SQL's training, predictions and metrics equal numpy's own
(neural_net_sql/reference.py), and the task is inferred from the label as documented."""
from __future__ import annotations

import json

import numpy as np
import pytest

from neural_net_sql import reference as ref
from conftest import write_csv
from test_data_tests import dbt_test, status_of
from test_parity import assert_parameters_close, sql_parameters

RTOL = 1e-9
LEVELS = ["city", "suburb", "rural"]


def houses(n: int, seed: int = 5, null_labels: int = 0) -> dict[str, list]:
    """A price in the thousands that depends on two numeric columns (one nonlinearly) and a text column, with
    noise; the first `null_labels` rows have no price."""
    rng = np.random.default_rng(seed)
    area = rng.normal(120, 40, n)
    age = rng.uniform(0, 80, n)
    kind = rng.integers(0, 3, n)
    price = 2000 + 15 * area - 0.02 * (age - 40) ** 2 * 10 + np.array([400.0, 150.0, -300.0])[kind] + rng.normal(0, 120, n)
    return {
        "area": area.tolist(),
        "age": age.tolist(),
        "kind": [LEVELS[k] for k in kind],
        "price": [None if i < null_labels else round(float(p), 3) for i, p in enumerate(price)],
    }


TRAIN = ["--features", "area,age,kind", "--label", "price", "--hidden", "6", "--skip-tests"]


def numpy_inputs(project, holdout: bool = False) -> np.ndarray:
    """The network's inputs as numpy builds them (area, age standardized; kind one-hot), fitted on the training
    rows, after checking that the model stored the same preprocessing."""
    train_columns, _ = project.training_columns()
    numeric = ref.fit_preprocessing(np.array(train_columns[:2], dtype=float).T)
    kind = ref.fit_one_hot(train_columns[2], 20)
    stored = project.preprocessing()
    np.testing.assert_allclose([f["mean"] for f in stored[:2]], numeric["mean"], rtol=1e-12)
    assert stored[2]["levels"] == kind["levels"]
    columns, _ = project.training_columns(holdout)
    x = ref.preprocess(np.array(columns[:2], dtype=float).T, numeric)
    return np.hstack([x, ref.one_hot(columns[2], kind)])


@pytest.mark.parametrize("optimizer,layout", [("sgd", "columns"), ("adam", "columns"), ("adam", "arrays")])
def test_regression_matches_numpy(project, tmp_path, optimizer, layout):
    csv = write_csv(tmp_path / "houses.csv", houses(400, null_labels=9))
    args = ["--data", str(csv), *TRAIN, "--iterations", "20", "--layout", layout]
    if optimizer == "sgd":
        args += ["--optimizer", "sgd"]
    else:
        args += ["--block-size", "7"]  # adam, a regression's default; its state continues across blocks
    result = project.train(*args)
    # a label of floats is a regression target; the NULL prices are left out and counted
    assert "label price has type DOUBLE: trained as a regression" in result.stderr
    assert "left out: 9 with a NULL label" in result.stderr

    history = project.history()
    model = json.loads(history[-1]["preprocessing"])
    settings = json.loads(history[-1]["run_settings"])
    assert (model["task"], settings["task"], settings["dims"]) == ("regression", "regression", [5, 6, 1])
    assert (settings["optimizer"], settings["lr"]) == (optimizer, {"sgd": 0.05, "adam": 0.02}[optimizer])  # the regression defaults
    assert all(row["train_accuracy"] is None for row in history)

    # the target is standardized by the training rows' mean and deviation
    _, y = project.training_columns()
    reg = 3 / len(y)  # the regression default: 3 / the training rows (400 - 9 NULL labels, less the held-out ones)
    assert settings["reg"] == pytest.approx(reg, rel=1e-15) and len(y) < 391
    target = ref.fit_target(y)
    assert model["target"]["mean"] == pytest.approx(target["mean"], rel=1e-12)
    assert model["target"]["std"] == pytest.approx(target["std"], rel=1e-12)

    x = numpy_inputs(project)
    dims = [5, 6, 1]
    initial = sql_parameters(history[0], dims)
    expected, losses = ref.train(initial, x, (y - target["mean"]) / target["std"], "relu", settings["lr"], reg, 20,
                                 optimizer, task="regression")
    trained = sql_parameters(history[-1], dims)
    assert_parameters_close(trained, expected)
    np.testing.assert_allclose([row["loss"] for row in history[1:]], losses, rtol=RTOL)

    # predictions are the output mapped back to the label's units; the metrics are those of the predictions
    for split, holdout in (("train", False), ("holdout", True)):
        rows = project.rows(f"select actual_value, predicted_value from nn_predictions where split = '{split}' order by example_id")
        actual = np.array([r["actual_value"] for r in rows])
        predicted = np.array([r["predicted_value"] for r in rows])
        _, scores = ref.forward(trained, numpy_inputs(project, holdout), "relu")
        np.testing.assert_allclose(predicted, scores[:, 0] * target["std"] + target["mean"], rtol=1e-12)
        metrics = project.rows(f"select * from nn_metrics where split = '{split}'")[0]
        error = predicted - actual
        assert metrics["task"] == "regression" and metrics["accuracy"] is None
        assert metrics["rmse"] == pytest.approx(np.sqrt(np.mean(error ** 2)), rel=1e-12)
        assert metrics["mae"] == pytest.approx(np.mean(np.abs(error)), rel=1e-12)
        assert metrics["r2"] == pytest.approx(1 - np.sum(error ** 2) / np.sum((actual - actual.mean()) ** 2), rel=1e-10)
    assert project.query("select count(*) from nn_confusion_matrix") == [(0,)]


def test_regression_learns_and_its_r2_test_can_fail(project, tmp_path):
    """With the defaults (adam, lr 0.02, 500 iterations) the network fits the price far better than its mean,
    and `dbt test` holds the held-out R² to min_r2: met at 0.9, failed at 0.9999."""
    csv = write_csv(tmp_path / "houses.csv", houses(800))
    result = project.train("--data", str(csv), "--features", "area,age,kind", "--label", "price", "--min-r2", "0.9")
    assert "R²" in result.stdout
    r2 = project.query("select r2 from nn_metrics where split = 'holdout'")[0][0]
    assert r2 > 0.9
    vars_ = "{input_relation: nn_data_houses, features: [area, age, kind], label: price, min_r2: %s}"
    assert status_of(dbt_test(project, vars_ % 0.9), "metric_at_least_nn_metrics_r2") == "PASS"
    assert status_of(dbt_test(project, vars_ % 0.9999), "metric_at_least_nn_metrics_r2").startswith("FAIL")


def test_task_is_inferred_from_the_label(project, tmp_path):
    """Whole numbers of an integer column are classes; more than 100 distinct ones are a regression target, as
    is any label given as task: regression; task: classification takes whole numbers held as floats."""
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, 300)
    counts = {"f0": x.tolist(), "visits": [int(v) for v in np.round(500 + 100 * x + rng.normal(0, 10, 300))]}
    csv = write_csv(tmp_path / "visits.csv", counts)
    common = ["--data", str(csv), "--features", "f0", "--label", "visits", "--hidden", "3", "--iterations", "3", "--train-only"]
    result = project.train(*common)
    assert "distinct numbers: trained as a regression" in result.stderr
    assert json.loads(project.history()[-1]["run_settings"])["dims"] == [1, 3, 1]

    classes = {"f0": x.tolist(), "cls": [int(v > 0) for v in x]}
    project.start_over()
    project.train("--data", str(write_csv(tmp_path / "classes.csv", classes)), "--features", "f0", "--label", "cls",
                  "--hidden", "3", "--iterations", "3", "--train-only", "--task", "regression")
    assert json.loads(project.history()[-1]["preprocessing"])["task"] == "regression"

    project.start_over()
    as_floats = {"f0": x.tolist(), "cls": [float(v > 0) + 0.0 for v in x]}
    # written as 0.0 / 1.0 they would load as integers: a DOUBLE column is made in DuckDB itself
    path = write_csv(tmp_path / "float_classes.csv", as_floats)
    import duckdb

    with duckdb.connect(str(project.database)) as con:
        con.execute(f"create table main.float_classes as select f0, cast(cls as double) as cls from read_csv_auto('{path}')")
    result = project.train("--input-relation", "main.float_classes", "--features", "f0", "--label", "cls", "--hidden", "3",
                           "--iterations", "3", "--train-only", "--task", "classification")
    assert json.loads(project.history()[-1]["run_settings"])["dims"] == [1, 3, 2]
