"""Early stopping (early_stopping, validation_fraction, patience): the validation rows, the validation loss of
every iteration, where training stops and which iteration becomes the model equal the numpy reference's
(neural_net_sql/reference.py), whatever the block size; a stopped history takes no more steps."""
from __future__ import annotations

import json

import numpy as np
import pytest

from neural_net_sql import reference as ref
from conftest import blobs, write_csv
from test_parity import assert_parameters_close, sql_parameters

RTOL = 1e-9


def overlapping(n: int = 240) -> dict[str, list]:
    """Three overlapping blobs in 4 dimensions, a tenth of the labels shuffled: a 4-24-3 net at lr 1.0 fits the
    training rows past what generalises, so the validation loss turns up after a few dozen iterations."""
    data = blobs(n, 4, 3, seed=11)
    rng = np.random.default_rng(11)
    data["cls"] = [int(rng.integers(0, 3)) if rng.random() < 0.1 else c for c in data["cls"]]
    return data


def split_like_numpy(project):
    """The training rows and the validation rows as numpy inputs, preprocessed by numpy's own fit on both (the
    model's preprocessing is fitted on every row not held out), in example_id order."""
    rows = project.rows("select * from nn_examples where not is_holdout order by example_id")
    features = sorted((k for k in rows[0] if k.startswith("x_")), key=lambda k: int(k[2:]))
    x = np.array([[r[f] for f in features] for r in rows], dtype=float)
    y = np.array([r["label"] for r in rows])
    validation = np.array([r["is_validation"] for r in rows])
    x = ref.preprocess(x, ref.fit_preprocessing(x))
    return x[~validation], y[~validation], x[validation], y[validation]


CASES = {
    "sgd, full batch": dict(args=["--lr", "1.0"], optimizer="sgd", lr=1.0, batch_size=None),
    # 7 batches of 16 hold fewer rows than the training rows: each block computes its batches once
    # (nn_block_batch_rows); 7 of 40 hold more, and each step filters the training rows (nn_in_batch)
    "adam on mini-batches, a rare class weighed up": dict(
        args=["--optimizer", "adam", "--lr", "0.05", "--batch-size", "16", "--class-weight", "balanced"],
        optimizer="adam", lr=0.05, batch_size=16, class_weight=True),
    "adam on mini-batches, a rare class weighed up, arrays layout": dict(
        args=["--optimizer", "adam", "--lr", "0.05", "--batch-size", "40", "--class-weight", "balanced", "--layout", "arrays"],
        optimizer="adam", lr=0.05, batch_size=40, class_weight=True),
}


@pytest.mark.parametrize("case", list(CASES))
def test_early_stopping_stops_and_keeps_the_best_iteration_as_numpy_does(project, tmp_path, case):
    spec = CASES[case]
    csv = write_csv(tmp_path / "overlapping.csv", overlapping())
    args = ["--data", str(csv), "--features", "f0,f1,f2,f3", "--label", "cls", "--hidden", "24", "--iterations", "400",
            "--block-size", "7", "--skip-tests", *spec["args"],
            "--vars", "{early_stopping: true, validation_fraction: 0.25, patience: 6}"]
    result = project.train(*args)

    x, y, x_val, y_val = split_like_numpy(project)
    assert len(y_val) > 30 and len(y) > 100
    weights = ref.balanced_class_weights(np.concatenate([y, y_val]), 3) if spec.get("class_weight") else None
    history = project.history()
    dims = [4, 24, 3]
    stopping = {"x": x_val, "y": y_val, "patience": 6}
    expected, losses = ref.train(sql_parameters(history[0], dims), x, y, "relu", spec["lr"], 1e-3, 400, spec["optimizer"],
                                 class_weights=weights, batch_size=spec["batch_size"], early_stopping=stopping)
    last, best = stopping["last_iteration"], stopping["best_iteration"]
    assert last < 400, "the reference did not stop: the test data no longer overfits"
    assert last % 7 != 0, "the stop should fall inside a block"

    # the same stop, reported; the history ends there
    assert f"the validation loss has not improved for 6 iterations; the model is iteration {best} " in result.stderr
    assert [row["iteration"] for row in history] == list(range(last + 1))
    np.testing.assert_allclose([row["validation_loss"] for row in history[1:]], stopping["validation_losses"], rtol=RTOL)
    np.testing.assert_allclose([row["loss"] for row in history[1:]], losses, rtol=RTOL)
    assert history[-1]["best_iteration"] == best
    assert last - 1 - best == 6  # stopped as soon as patience ran out
    assert_parameters_close(sql_parameters(history[-1], dims), expected)

    # the model is the best iteration
    model = project.rows("select * from nn_model")
    assert len(model) == 1 and model[0]["iteration"] == best
    assert_parameters_close(sql_parameters(model[0], dims), stopping["best_params"])
    splits = {row["split"]: row["examples"] for row in project.rows("select split, examples from nn_metrics")}
    assert splits["validation"] == len(y_val) and splits["train"] == len(y)

    # a stopped history takes no more steps, and says why
    again = project.train(*args, "--train-only")
    assert [row["iteration"] for row in project.history()] == list(range(last + 1))
    assert "early stopping: the validation loss has not improved" in again.stderr


def test_block_size_does_not_move_the_stop(project, tmp_path):
    csv = write_csv(tmp_path / "overlapping.csv", overlapping())
    common = ["--data", str(csv), "--features", "f0,f1,f2,f3", "--label", "cls", "--hidden", "24", "--lr", "1.0",
              "--iterations", "400", "--train-only", "--vars", "{early_stopping: true, validation_fraction: 0.25, patience: 6}"]
    kept = {}
    for k in (9, 400):  # blocks that end on either side of the stop; one block that holds it
        project.start_over()
        project.train(*common, "--block-size", str(k))
        kept[k] = [(row["iteration"], row["validation_loss"], row["best_iteration"]) for row in project.history()]
    assert kept[9] == kept[400]
    assert len(kept[9]) - 1 < 400 and (len(kept[9]) - 1) % 9 != 0


def test_settings_are_recorded_and_the_split_is_stable(project, tmp_path):
    csv = write_csv(tmp_path / "overlapping.csv", overlapping(400))
    project.train("--data", str(csv), "--features", "f0,f1,f2,f3", "--label", "cls", "--iterations", "5", "--train-only",
                  "--vars", "{early_stopping: true, validation_fraction: 0.2, patience: 3}")
    settings = json.loads(project.history()[-1]["run_settings"])
    assert (settings["early_stopping"], settings["validation_fraction"], settings["patience"]) == (True, 0.2, 3)
    shares = project.rows("select avg(case when is_validation then 1.0 else 0.0 end) as share, count(*) as n "
                          "from nn_examples where not is_holdout")[0]
    assert abs(shares["share"] - 0.2) < 5 * (0.2 * 0.8 / shares["n"]) ** 0.5
    assert project.query("select count(*) from nn_examples where is_holdout and is_validation")[0][0] == 0
