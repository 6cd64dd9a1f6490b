"""The SQL training equals a plain numpy implementation of the same math (neural_net_sql/reference.py)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from neural_net_sql import reference as ref
from conftest import blobs, write_csv

RTOL = 1e-9  # relative, on every parameter after the last iteration


def sql_parameters(row: dict, dims: list[int]):
    return ref.from_state(row, dims)


def flat(params) -> np.ndarray:
    return np.concatenate([np.concatenate([w.ravel(), b]) for w, b in params])


def assert_parameters_close(actual, expected, rtol=RTOL):
    a, e = flat(actual), flat(expected)
    # relative to each parameter, with a floor at 1e-6 of the largest one so that a parameter that happens to
    # be ~0 is not held to an impossible relative standard
    scale = np.maximum(np.abs(e), 1e-6 * np.abs(e).max())
    worst = np.max(np.abs(a - e) / scale)
    assert worst <= rtol, f"largest relative difference {worst:.3e} > {rtol:.0e}"


SPECS = {
    "the defaults (2-16-2 relu, standardized) on the article data": dict(data=None, args=[], features=2, hidden=[16],
                                                                         classes=2, activation="relu", lr=2.0,
                                                                         iterations=15),
    "two hidden layers, tanh": dict(data=(600, 3, 2), args=["--hidden", "4,3", "--activation", "tanh", "--lr", "0.5"],
                                    features=3, hidden=[4, 3], classes=2, activation="tanh", lr=0.5, iterations=25),
    "3 classes, sigmoid": dict(data=(600, 2, 3), args=["--hidden", "5", "--activation", "sigmoid", "--lr", "1.0"],
                               features=2, hidden=[5], classes=3, activation="sigmoid", lr=1.0, iterations=25),
    "4 classes, two relu layers": dict(data=(500, 4, 4), args=["--hidden", "6,4", "--lr", "0.3", "--reg", "0.01"],
                                       features=4, hidden=[6, 4], classes=4, activation="relu", lr=0.3, iterations=20,
                                       reg=0.01),
    "features as they are (standardize: false)": dict(data=(400, 3, 3), args=["--hidden", "4", "--lr", "0.5", "--no-standardize"],
                                                     features=3, hidden=[4], classes=3, activation="relu", lr=0.5,
                                                     iterations=15, standardize=False),
    "momentum": dict(data=(500, 3, 3), args=["--hidden", "6", "--optimizer", "momentum", "--lr", "0.1"],
                     features=3, hidden=[6], classes=3, activation="relu", lr=0.1, iterations=20, optimizer="momentum"),
    "a rare class weighed up (class_weight: balanced)": dict(data="rare", args=["--hidden", "4", "--class-weight", "balanced", "--lr", "0.5"],
                                                            features=2, hidden=[4], classes=3, activation="relu", lr=0.5,
                                                            iterations=15, class_weight="balanced"),
    # three blocks of 7: Adam's moments and step count continue from the history
    "adam, two tanh layers": dict(data=(500, 4, 3), args=["--hidden", "6,4", "--activation", "tanh", "--optimizer", "adam",
                                                          "--block-size", "7", "--vars", "{beta1: 0.8, beta2: 0.99, epsilon: 1.0e-6}"],
                                  features=4, hidden=[6, 4], classes=3, activation="tanh", lr=0.05, iterations=20,
                                  optimizer="adam", adam=dict(beta1=0.8, beta2=0.99, epsilon=1e-6)),  # lr: adam's default
    # 480 training rows in batches of 50: 10 per epoch, the last of 30; 25 iterations cross two epochs (and a
    # block boundary), so the shuffle changes with the epoch
    "mini-batches, adam": dict(data=(600, 3, 3), args=["--hidden", "5", "--optimizer", "adam", "--batch-size", "50", "--block-size", "9"],
                               features=3, hidden=[5], classes=3, activation="relu", lr=0.05, iterations=25,
                               optimizer="adam", batch_size=50),  # lr, beta1, beta2, epsilon: adam's defaults
    "mini-batches, sgd, a rare class weighed up": dict(data="rare", args=["--hidden", "4", "--class-weight", "balanced", "--lr", "0.5",
                                                                         "--batch-size", "64"],
                                                      features=2, hidden=[4], classes=3, activation="relu", lr=0.5,
                                                      iterations=20, class_weight="balanced", batch_size=64),
    "scales 1e-3 to 1e3, a constant column, NULLs imputed": dict(data="messy", args=["--hidden", "5", "--lr", "0.5", "--missing", "impute"],
                                                               features=4, hidden=[5], classes=3, activation="tanh",
                                                               lr=0.5, iterations=20, missing="impute"),
}


def messy(n: int, seed: int = 3) -> dict[str, list]:
    """Blobs whose features live on very different scales, one constant, one with 10% NULLs."""
    data = blobs(n, 3, 3, seed=seed)
    rng = np.random.default_rng(seed)
    return {
        "big": [1000.0 + 300.0 * v for v in data["f0"]],
        "small": [0.001 + 0.0005 * v for v in data["f1"]],
        "constant": [7.25] * n,
        "gappy": [None if rng.random() < 0.1 else v for v in data["f2"]],
        "cls": data["cls"],
    }


# every spec in the columns layout; in the arrays layout, the specs that exercise each piece of its SQL once
# (two hidden layers, sigmoid, momentum, class weights, Adam across blocks, mini-batches, imputed NULLs)
ARRAYS_SPECS = ["two hidden layers, tanh", "3 classes, sigmoid", "momentum", "a rare class weighed up (class_weight: balanced)",
                "adam, two tanh layers", "mini-batches, adam", "scales 1e-3 to 1e3, a constant column, NULLs imputed"]


@pytest.mark.parametrize("name,layout", [(name, "columns") for name in SPECS] + [(name, "arrays") for name in ARRAYS_SPECS])
def test_sql_training_matches_numpy(project, tmp_path, name, layout):
    spec = SPECS[name]
    args = [*spec["args"], "--iterations", str(spec["iterations"]), "--skip-tests", "--layout", layout]
    if spec["data"] == "messy":
        columns = messy(500)
        csv = write_csv(tmp_path / "messy.csv", columns)
        args += ["--data", str(csv), "--features", "big,small,constant,gappy", "--label", "cls", "--activation", "tanh"]
    elif spec["data"] == "rare":
        data = blobs(600, 2, 3, seed=2)
        keep = [i for i, c in enumerate(data["cls"]) if c != 2 or i % 10 == 0]  # class 2: about 1 row in 25
        csv = write_csv(tmp_path / "rare.csv", {k: [v[i] for i in keep] for k, v in data.items()})
        args += ["--data", str(csv), "--features", "f0,f1", "--label", "cls"]
    elif spec["data"]:
        n, n_features, n_classes = spec["data"]
        csv = write_csv(tmp_path / "blobs.csv", blobs(n, n_features, n_classes))
        args += ["--data", str(csv), "--features", ",".join(f"f{i}" for i in range(n_features)), "--label", "cls"]
    project.train(*args)

    dims = [spec["features"], *spec["hidden"], spec["classes"]]
    history = project.history()
    assert [row["iteration"] for row in history] == list(range(spec["iterations"] + 1))
    x_raw, y = project.training_data()
    x = preprocessed_like_numpy(project, x_raw, spec.get("standardize", True), spec.get("missing") == "impute")

    # The initial weights are the documented He initialisation, to the last bit.
    initial = sql_parameters(history[0], dims)
    assert flat(initial).tolist() == flat(ref.initial_parameters(dims, "he", seed=0)).tolist()

    weights = None
    if spec.get("class_weight") == "balanced":
        weights = ref.balanced_class_weights(y, spec["classes"])
        assert weights[2] > 5 * weights[0]  # the rare class weighs much more
        np.testing.assert_allclose(json.loads(history[-1]["preprocessing"])["class_weights"], weights, rtol=1e-15)
    expected, losses = ref.train(initial, x, y, spec["activation"], spec["lr"], spec.get("reg", 1e-3), spec["iterations"],
                                 spec.get("optimizer", "sgd"), class_weights=weights, batch_size=spec.get("batch_size"),
                                 **spec.get("adam", {}))
    assert_parameters_close(sql_parameters(history[-1], dims), expected)
    np.testing.assert_allclose([row["loss"] for row in history[1:]], losses, rtol=RTOL)
    # the reported training accuracy is that of the parameters entering each iteration
    params = initial
    for row in history[1:4]:
        rows = np.arange(len(y)) if "batch_size" not in spec else ref.batch_rows(len(y), spec["batch_size"], row["iteration"] - 1)
        assert row["train_accuracy"] == pytest.approx(ref.accuracy(params, x[rows], y[rows], spec["activation"]), abs=1e-12)
        params = sql_parameters(row, dims)


def preprocessed_like_numpy(project, x_raw, standardize: bool, impute: bool) -> np.ndarray:
    """numpy's own preprocessing of the training rows, after checking that the model stored the same one."""
    fitted = ref.fit_preprocessing(x_raw, standardize, impute)
    stored = project.preprocessing()
    for key in ("mean", "std", "center", "scale"):
        # relative to the feature's magnitude: a constant column's deviation is 0 in SQL and ~1e-16 in numpy
        tolerance = 1e-12 * np.maximum(1.0, np.abs(fitted["mean"]))
        np.testing.assert_array_less(np.abs(np.array([f[key] for f in stored]) - fitted[key]), tolerance + 1e-300)
    assert [f["impute"] is None for f in stored] == [not impute] * len(stored)
    return ref.preprocess(x_raw, fitted)


@pytest.mark.parametrize("layout", ["columns", "arrays"])
def test_block_size_does_not_change_the_result(project, tmp_path, layout):
    """K = 1, K = 7 and K = N give the same parameters: a block boundary is only a materialization."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(400, 2, 3))
    common = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--hidden", "3",
              "--iterations", "15", "--train-only", "--lr", "0.5", "--layout", layout]
    finals = {}
    for k in (1, 7, 15):
        project.start_over()
        project.train(*common, "--block-size", str(k))
        history = project.history()
        assert [row["iteration"] for row in history] == list(range(16))
        finals[k] = history[-1]
        # one dbt invocation per block
        assert len({row["invocation_id"] for row in history}) == -(-15 // k)
    dims = [2, 3, 3]
    for k in (1, 7):
        assert_parameters_close(sql_parameters(finals[k], dims), sql_parameters(finals[15], dims), rtol=1e-12)


def test_settings_are_recorded_with_the_history(project, tmp_path):
    csv = write_csv(tmp_path / "blobs.csv", blobs(300, 2, 2))
    project.train("--data", str(csv), "--features", "f0,f1", "--label", "cls", "--iterations", "3", "--train-only")
    settings = {json.dumps(json.loads(row["run_settings"]), sort_keys=True) for row in project.history()}
    assert len(settings) == 1
    recorded = json.loads(settings.pop())
    assert recorded["dims"] == [2, 16, 2] and recorded["lr"] == 2.0 and recorded["standardize"] is True and recorded["features"] == ["f0", "f1"]
