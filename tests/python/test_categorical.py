"""Text and yes/no feature columns, one-hot encoded from a vocabulary of the training rows (nn_preprocessing):
the SQL's vocabulary and training equal numpy's own (neural_net_sql/reference.py), and values the training never
saw score as documented, never as an error."""
from __future__ import annotations

import json

import numpy as np

from neural_net_sql import reference as ref
from conftest import blobs, write_csv
from test_parity import assert_parameters_close, sql_parameters

# 8 levels, from common to rare; a quote and a backslash, which the engines escape differently in SQL text
PLANS = ["basic", "plus", "pro's", "team", "edu", "gov", "trial", "legacy\\v1"]
TRAIN = ["--features", "f0,plan,region,flag", "--label", "cls", "--missing", "impute", "--hidden", "5",
         "--lr", "0.5", "--activation", "tanh", "--vars", "{max_categories: 4}", "--skip-tests"]


def customers(n: int, seed: int = 11) -> dict[str, list]:
    """Blobs with a numeric column and three categorical ones that carry the class: a text `plan` with 8 levels
    of very different frequencies and 5% NULLs, a text `region` with 3 levels, a yes/no `flag`."""
    data = blobs(n, 1, 3, seed=seed)
    rng = np.random.default_rng(seed)
    weights = np.array([0.3, 0.2, 0.15, 0.12, 0.1, 0.07, 0.04, 0.02])
    plans = []
    for c in data["cls"]:
        shifted = np.roll(weights, c)  # each class favours other plans
        plans.append(None if rng.random() < 0.05 else PLANS[rng.choice(8, p=shifted / shifted.sum())])
    return {
        "f0": data["f0"],
        "plan": plans,
        "region": [["north", "south", "west"][(c + int(rng.random() < 0.3)) % 3] for c in data["cls"]],
        "flag": ["true" if (c == 2) != (rng.random() < 0.1) else "false" for c in data["cls"]],
        "cls": data["cls"],
    }


def numpy_inputs(columns: list[list], fitted: list) -> np.ndarray:
    """The network's inputs as numpy builds them: f0 standardized, then one-hot plan, region, flag."""
    f0 = ref.preprocess(np.array(columns[0], dtype=float)[:, None], fitted[0])
    return np.hstack([f0] + [ref.one_hot(values, vocabulary) for values, vocabulary in zip(columns[1:], fitted[1:])])


def fit_like_numpy(project) -> list:
    """numpy's own fit on the training rows, after checking that the model stored the same one."""
    columns, _ = project.training_columns()
    fitted = [ref.fit_preprocessing(np.array(columns[0], dtype=float)[:, None], impute=True)]
    fitted += [ref.fit_one_hot(values, 4, impute=True) for values in columns[1:]]
    stored = project.preprocessing()
    assert [f["kind"] for f in stored] == ["numeric", "categorical", "categorical", "categorical"]
    for vocabulary, entry in zip(fitted[1:], stored[1:]):
        assert {key: entry[key] for key in vocabulary} == vocabulary
    assert abs(stored[0]["mean"] - fitted[0]["mean"][0]) < 1e-12 and abs(stored[0]["std"] - fitted[0]["std"][0]) < 1e-12
    return fitted


def test_one_hot_vocabulary_and_training_match_numpy(project, tmp_path):
    csv = write_csv(tmp_path / "customers.csv", customers(600))
    project.train("--data", str(csv), *TRAIN, "--iterations", "15")
    fitted = fit_like_numpy(project)
    # plan: 4 of its 8 levels, "other" for the 4 rarest, NULL as a level of its own; region: its 3 levels (no
    # NULLs in training, so no NULL input); flag: false, true
    plan, region, flag = fitted[1:]
    assert (len(plan["levels"]), plan["pooled_levels"], plan["null_level"]) == (4, 4, True)
    assert (region["pooled_levels"], region["null_level"]) == (0, False)
    assert sorted(flag["levels"]) == ["false", "true"]

    columns, y = project.training_columns()
    x = numpy_inputs(columns, fitted)
    dims = [x.shape[1], 5, 3]
    assert dims[0] == 1 + 6 + 3 + 2
    history = project.history()
    initial = sql_parameters(history[0], dims)
    expected, losses = ref.train(initial, x, y, "tanh", 0.5, 1e-3, 15)
    assert_parameters_close(sql_parameters(history[-1], dims), expected)
    np.testing.assert_allclose([row["loss"] for row in history[1:]], losses, rtol=1e-9)


def test_values_never_seen_in_training_score_as_documented(project, tmp_path):
    """New rows, scored by the model trained before they existed: an unseen plan counts as "other" (plan has
    that input), an unseen region as all zeros (region has none), a NULL plan as its own level, a NULL region
    or flag as all zeros. None of them is an error, and the probabilities are numpy's."""
    data = customers(400)
    csv = write_csv(tmp_path / "customers.csv", data)
    project.train("--data", str(csv), *TRAIN, "--iterations", "10")
    fitted = fit_like_numpy(project)
    trained = project.history()[-1]

    new = {"f0": [0.5, -1.0, 2.0], "plan": ["enterprise", None, "basic"], "region": ["mars", None, "north"],
           "flag": ["true", None, "false"], "cls": [0, 1, 2]}
    write_csv(csv, {k: data[k] + new[k] for k in data})
    project.train("--data", str(csv), *TRAIN, "--iterations", "10")  # nothing left to train: it scores
    assert project.history()[-1] == trained

    rows = project.rows("select * from nn_predictions")
    rows = [r for r in rows if (r["f0"], r["actual_class"]) in {(0.5, 0), (-1.0, 1), (2.0, 2)}]
    assert len(rows) == 3
    rows.sort(key=lambda r: [0.5, -1.0, 2.0].index(r["f0"]))
    x = numpy_inputs([new[k] for k in ("f0", "plan", "region", "flag")], fitted)
    # spelled out for the first two rows: plan "other" resp. NULL, region all zeros, flag true resp. all zeros
    levels = fitted[1]["levels"]
    assert x[0, 1:7].tolist() == [0, 0, 0, 0, 1, 0] and x[1, 1:7].tolist() == [0, 0, 0, 0, 0, 1]
    assert x[0, 7:10].tolist() == x[1, 7:10].tolist() == [0, 0, 0]
    assert x[1, 10:].tolist() == [0, 0] and "enterprise" not in levels

    dims = [x.shape[1], 5, 3]
    _, scores = ref.forward(sql_parameters(trained, dims), x, "tanh")
    _, probabilities = ref.softmax(scores)
    actual = np.array([[r[f"probability_{c}"] for c in range(3)] for r in rows])
    np.testing.assert_allclose(actual, probabilities, rtol=1e-12, atol=1e-15)
    assert [r["plan"] for r in rows] == ["enterprise", None, "basic"]


def test_whole_numbers_can_be_declared_categorical(project, tmp_path):
    """A store number is a code, not a quantity: listed in `categorical`, it gets one input per store."""
    data = blobs(300, 1, 2, seed=4)
    data = {"f0": data["f0"], "store": [(7 * i) % 5 + 100 for i in range(300)], "cls": data["cls"]}
    csv = write_csv(tmp_path / "stores.csv", data)
    common = ["--data", str(csv), "--features", "f0,store", "--label", "cls", "--iterations", "2", "--skip-tests"]
    project.train(*common)
    assert [f["kind"] for f in project.preprocessing()] == ["numeric", "numeric"]
    project.train(*common, "--vars", "{categorical: [store]}", "--full-refresh")
    stored = project.preprocessing()
    assert stored[1]["kind"] == "categorical" and sorted(stored[1]["levels"]) == ["100", "101", "102", "103", "104"]
    hidden = json.loads(project.history()[0]["run_settings"])["dims"][1]
    assert len(project.history()[0]["w1"]) == 6 * hidden  # inputs: f0 and 5 stores
