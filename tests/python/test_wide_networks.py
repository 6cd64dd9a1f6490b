"""Networks too wide for a column per parameter train in the arrays layout (nn_layout) with the same math:
parity with the numpy reference (neural_net_sql/reference.py) to 1e-9, predictions and --export included."""
from __future__ import annotations

import json

import numpy as np
import pytest

from neural_net_sql import reference as ref
from conftest import blobs, write_csv
from test_parity import assert_parameters_close, flat, preprocessed_like_numpy


def training_sql(project) -> str:
    """The SQL of the last block dbt ran on the project's database, as compiled (target/compiled)."""
    return (project.target_path / "compiled" / "neural_net" / "models" / "training" / "nn_training.sql").read_text()


def digits_csv(path):
    from sklearn.datasets import load_digits

    digits = load_digits()
    columns = {f"p{i}": digits.data[:, i].tolist() for i in range(64)}
    columns["digit"] = digits.target.tolist()
    return write_csv(path, columns), [f"p{i}" for i in range(64)]


def assert_matches_numpy(project, dims, activation, lr, iterations, optimizer="sgd", reg=1e-3):
    history = project.history()
    assert [row["iteration"] for row in history] == list(range(iterations + 1))
    initial = ref.from_state(history[0], dims)
    assert flat(initial).tolist() == flat(ref.initial_parameters(dims, "he", seed=0)).tolist()
    x_raw, y = project.training_data()
    x = preprocessed_like_numpy(project, x_raw, standardize=True, impute=False)
    expected, losses = ref.train(initial, x, y, activation, lr, reg, iterations, optimizer)
    assert_parameters_close(ref.from_state(history[-1], dims), expected)
    np.testing.assert_allclose([row["loss"] for row in history[1:]], losses, rtol=1e-9)
    return expected, x


def test_digits_64_32_10_in_blocks_matches_numpy(project, tmp_path):
    """scikit-learn's digits (64 pixels, 10 classes) with 32 hidden units: 2,410 parameters, over the columns
    layout's planning budget, so `auto` trains it in arrays; three blocks of 7."""
    csv, features = digits_csv(tmp_path / "digits.csv")
    project.train("--data", str(csv), "--features", ",".join(features), "--label", "digit", "--hidden", "32",
                  "--lr", "0.5", "--iterations", "20", "--block-size", "7", "--skip-tests")
    sql = training_sql(project)
    assert "list_inner_product" in sql and "w1_0_0" not in sql  # the arrays layout, chosen by auto
    assert_matches_numpy(project, [64, 32, 10], "relu", 0.5, 20)


def test_three_tanh_layers_with_adam_on_120_inputs(project, tmp_path):
    data = blobs(500, 120, 3, seed=5)
    csv = write_csv(tmp_path / "wide.csv", data)
    project.train("--data", str(csv), "--features", ",".join(f"f{i}" for i in range(120)), "--label", "cls",
                  "--hidden", "16,8,4", "--activation", "tanh", "--optimizer", "adam", "--lr", "0.01",
                  "--iterations", "12", "--layout", "arrays", "--skip-tests")
    assert_matches_numpy(project, [120, 16, 8, 4, 3], "tanh", 0.01, 12, optimizer="adam")


def test_784_128_10_matches_numpy_and_exports_and_predicts_it(project, tmp_path):
    """An MNIST-shaped network (101,770 parameters): three iterations equal numpy's; --export writes the
    stored parameters bit for bit, and nn_predictions gives numpy's probabilities."""
    rng = np.random.default_rng(4)
    n = 300
    labels = rng.integers(0, 10, n)
    pixels = rng.random((n, 784)) + 0.3 * labels[:, None] * (np.arange(784) % 10 == labels[:, None])
    columns = {f"p{i}": pixels[:, i].tolist() for i in range(784)}
    columns["digit"] = labels.tolist()
    csv = write_csv(tmp_path / "mnist_shaped.csv", columns)
    model_json = tmp_path / "model.json"
    project.train("--data", str(csv), "--features", ",".join(f"p{i}" for i in range(784)), "--label", "digit",
                  "--hidden", "128", "--lr", "0.1", "--iterations", "3", "--skip-tests", "--export", str(model_json))
    dims = [784, 128, 10]
    expected, _ = assert_matches_numpy(project, dims, "relu", 0.1, 3)

    exported = json.loads(model_json.read_text())
    stored = ref.from_state(project.history()[-1], dims)
    for layer, (w, b) in zip(exported["layers"], stored):
        assert np.array(layer["weights"]).tolist() == w.tolist() and layer["bias"] == b.tolist()

    rows = project.rows("select * from nn_predictions where split = 'train' order by example_id")
    x_raw, _ = project.training_data()
    x = ref.preprocess(x_raw, ref.fit_preprocessing(x_raw))
    _, scores = ref.forward(stored, x, "relu")
    _, probabilities = ref.softmax(scores)
    sql = np.array([[row[f"probability_{c}"] for c in range(10)] for row in rows])
    np.testing.assert_allclose(sql, probabilities, rtol=1e-9, atol=1e-15)
    assert [row["predicted_class"] for row in rows] == scores.argmax(axis=1).tolist()


def wide_table(rows: int = 60, inputs: int = 1000, seed: int = 11):
    """`inputs` numeric columns f0 .. and a 0/1 label y whose class shifts every seventh column."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, rows)
    values = rng.random((rows, inputs)) + 0.5 * labels[:, None] * (np.arange(inputs) % 7 == 0)
    return pd.DataFrame({**{f"f{i}": values[:, i] for i in range(inputs)}, "y": labels})


WIDE_ARGS = ["--features", ",".join(f"f{i}" for i in range(1000)), "--label", "y", "--hidden", "512", "--lr", "0.01",
             "--iterations", "2", "--block-size", "2", "--skip-tests"]


def test_1000_inputs_and_512_units_match_numpy(project, tmp_path):
    """The widest layer `hidden` accepts on the widest input this project tests: 1000-512-2 (513,538 parameters)."""
    csv = tmp_path / "wide.csv"
    wide_table().to_csv(csv, index=False)
    project.train("--data", str(csv), *WIDE_ARGS)
    assert_matches_numpy(project, [1000, 512, 2], "relu", 0.01, 2)


def test_a_history_continues_in_the_other_layout(project, tmp_path):
    """The layout is how the SQL computes, not what is stored: 6 iterations in columns then 6 in arrays equal
    12 in columns."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(300, 3, 3))
    common = ["--data", str(csv), "--features", "f0,f1,f2", "--label", "cls", "--hidden", "5", "--optimizer", "momentum",
              "--lr", "0.1", "--train-only"]
    project.train(*common, "--iterations", "6", "--layout", "columns")
    project.train(*common, "--iterations", "12", "--layout", "arrays")
    continued = project.history()
    project.start_over()
    project.train(*common, "--iterations", "12", "--layout", "columns")
    straight = project.history()
    assert len({row["invocation_id"] for row in continued}) == 2
    dims = [3, 5, 3]
    assert_parameters_close(ref.from_state(continued[-1], dims), ref.from_state(straight[-1], dims), rtol=1e-12)
    np.testing.assert_allclose([row["m_w1"] for row in continued[1:]], [row["m_w1"] for row in straight[1:]], rtol=1e-12)
