"""Permutation importance (macros/evaluation/feature_importance.sql): each feature's values shuffled among the
held-out rows by one fixed permutation, the network's accuracy and log loss measured again; equal to numpy's on
the same rows, permutation, preprocessing (a categorical feature's one-hot inputs moving together) and
parameters."""
from __future__ import annotations

import hashlib

import numpy as np

from neural_net_sql import reference as ref
from conftest import blobs, write_csv
from test_evaluation_metrics import close, show


def test_permutation_importance_equals_numpys(project, tmp_path):
    data = blobs(400, 3, 3)
    # plan follows the class for most rows: the network leans on it; f2 is noise
    rng = np.random.default_rng(5)
    data["plan"] = [["basic", "pro", "team"][c] if rng.random() < 0.8 else "basic" for c in data["cls"]]
    data["f2"] = rng.normal(0, 1, 400).tolist()
    project.train("--data", str(write_csv(tmp_path / "data.csv", data)), "--features", "f0,f1,f2,plan", "--label", "cls",
                  "--hidden", "5", "--iterations", "60", "--layout", "arrays", "--skip-tests")
    (importance,) = show(project, "{{ neural_net.feature_importance() }}")

    rows = project.rows("select * from nn_examples where is_holdout order by example_id")
    rows.sort(key=lambda row: (hashlib.md5(str(row["example_id"]).encode()).hexdigest(), row["example_id"]))
    n = len(rows)
    partner = [(i + n // 2) % n for i in range(n)]
    fitted = project.preprocessing()
    plan = project.rows("select * from nn_plan")[0]
    dims = [plan["inputs"], *map(int, plan["hidden"].split(",")), plan["outputs"]]
    params = ref.from_state(project.rows("select * from nn_model")[0], dims)
    y = np.array([row["label"] for row in rows])

    def measure(shuffled: int | None) -> tuple[float, float]:
        inputs = []
        for i, feature in enumerate(fitted):
            values = [rows[partner[k]][f"x_{i}"] if i == shuffled else rows[k][f"x_{i}"] for k in range(n)]
            if feature["kind"] == "numeric":
                inputs.append(ref.preprocess(np.array(values, dtype=float)[:, None], {**feature, "impute": None}))
            else:
                inputs.append(ref.one_hot(values, feature))
        _, scores = ref.forward(params, np.hstack(inputs), plan["activation"])
        log_sum_exp, _ = ref.softmax(scores)
        return float((scores.argmax(axis=1) == y).mean()), float((log_sum_exp - scores[np.arange(n), y]).mean())

    assert [row["feature"] for row in importance] == [None, "f0", "f1", "f2", "plan"]
    baseline = measure(None)
    for shuffled, row in zip([None, 0, 1, 2, 3], importance):
        accuracy, log_loss = measure(shuffled)
        assert row["examples"] == n and row["split"] == "holdout"
        assert close(row["accuracy"], accuracy) and close(row["log_loss"], log_loss), (row, accuracy, log_loss)
        assert close(row["importance"], baseline[0] - accuracy)
    by_feature = {row["feature"]: row for row in importance}
    # the shuffle changes something: the class-bearing features matter more than the noise
    assert by_feature["f2"]["log_loss"] < max(by_feature["f0"]["log_loss"], by_feature["plan"]["log_loss"])


def test_explain_equals_numpys_gradient_times_input(project, tmp_path):
    """explain: per row and feature, the gradient of the predicted class's score times the input, summed over a
    category's one-hot inputs; equal to numpy's backpropagation of the same score (1e-9), a tanh net of two
    hidden layers with a pooled level and NULLs imputed."""
    data = blobs(300, 2, 3)
    rng = np.random.default_rng(9)
    data["plan"] = [["basic", "pro", "team", "solo", "max"][i % 5] if rng.random() < 0.9 else None for i in range(300)]
    project.train("--data", str(write_csv(tmp_path / "data.csv", data)), "--features", "f0,f1,plan", "--label", "cls",
                  "--hidden", "4,3", "--activation", "tanh", "--missing", "impute", "--vars", "{max_categories: 3}",
                  "--iterations", "20", "--skip-tests")
    new = [(i, float(rng.normal(0, 3)), float(rng.normal(0, 3)), ["basic", "pro", "team", "solo", "gold", None][i % 6]) for i in range(40)]
    import duckdb
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table main.new_rows (customer_id integer, f0 double, f1 double, plan varchar)")
        con.executemany("insert into main.new_rows values (?, ?, ?, ?)", new)
    (attributions,) = show(project, "{{ neural_net.explain('main.new_rows', key='customer_id') }}")

    fitted = project.preprocessing()
    assert fitted[2]["pooled_levels"] > 0 and fitted[2]["null_level"]
    plan = project.rows("select * from nn_plan")[0]
    dims = [plan["inputs"], *map(int, plan["hidden"].split(",")), plan["outputs"]]
    params = ref.from_state(project.rows("select * from nn_model")[0], dims)
    columns = [ref.preprocess(np.array([row[1 + j] for row in new], dtype=float)[:, None], fitted[j]) for j in range(2)]
    columns.append(ref.one_hot([row[3] for row in new], fitted[2]))
    x = np.hstack(columns)
    hs, scores = ref.forward(params, x, "tanh")
    _, derivative = ref.ACTIVATIONS["tanh"]
    predicted = scores.argmax(axis=1)
    gradient = params[-1][0][:, predicted].T  # d score_c / d h_{L-1}, row by row
    for layer in range(len(params) - 1, 0, -1):
        gradient = (gradient * derivative(hs[layer])) @ params[layer - 1][0].T
    contribution = x * gradient
    expected = {(row[0], "f0"): contribution[k, 0] for k, row in enumerate(new)}
    expected.update({(row[0], "f1"): contribution[k, 1] for k, row in enumerate(new)})
    expected.update({(row[0], "plan"): contribution[k, 2:].sum() for k, row in enumerate(new)})
    mine = {(row["customer_id"], row["feature"]): row["attribution"] for row in attributions}
    assert mine.keys() == expected.keys()
    worst = max(abs(mine[k] - v) / max(1.0, abs(v)) for k, v in expected.items())
    assert worst <= 1e-9, worst
    assert any(abs(v) > 1e-3 for v in expected.values())
