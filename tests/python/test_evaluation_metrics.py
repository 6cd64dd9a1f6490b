"""The evaluation macros (macros/evaluation/) on any relation of labels and predictions: each value equals
scikit-learn's metric on the same rows (1e-9), with ties among the scores, a class that is predicted but never
the label, groups, and NULL (unscored) rows left out."""
from __future__ import annotations

import json
import math
import subprocess

import duckdb
import numpy as np
import pytest
from sklearn import metrics
from sklearn.calibration import calibration_curve

from conftest import PROJECT_DIR, run_python

TOLERANCE = 1e-9

# the macros' SELECTs, shown through the driver's dbt (one parse for all), printed as JSON
SHOW = """
import json, sys
sys.path.insert(0, sys.argv[1])
from neural_net_sql.dbt_runner import Dbt
dbt = Dbt({}, None)
print("nn_shown: " + json.dumps([dbt.show_inline(sql) for sql in json.loads(sys.argv[2])]))
"""


def show(project, *queries: str) -> list[list[dict]]:
    result = run_show(project, queries)
    lines = [line for line in result.stdout.splitlines() if line.startswith("nn_shown: ")]
    assert result.returncode == 0 and lines, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(lines[0][len("nn_shown: "):])


def show_error(project, query: str) -> str:
    """What the driver's dbt says when showing `query` fails (the test fails if it does not)."""
    result = run_show(project, [query])
    assert result.returncode != 0, result.stdout[-3000:]
    return result.stdout + result.stderr


def run_show(project, queries) -> subprocess.CompletedProcess:
    return run_python(["-c", SHOW, str(PROJECT_DIR), json.dumps(list(queries))], project.environment())


def close(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= TOLERANCE * max(1.0, abs(b)))


@pytest.fixture
def scored(project):
    """A table of 3-class predictions in two groups: probabilities drawn from 12 fixed triples (so scores tie),
    labels drawn from them, predictions mostly the argmax; in group 'test' some rows predict 'd', a class no
    label has (no probability either); two rows are unscored (NULL prediction and probabilities)."""
    rng = np.random.default_rng(7)
    triples = rng.dirichlet([1, 1, 1], size=12)
    rows = []
    for i in range(600):
        group = "train" if i < 400 else "test"
        p = triples[rng.integers(12)]
        label = "abc"[rng.choice(3, p=p)]
        prediction = "abc"[int(np.argmax(p))] if rng.random() < 0.85 else "abc"[rng.integers(3)]
        if group == "test" and rng.random() < 0.1:
            prediction = "d"
        value = rng.normal(10, 3)
        rows.append((i, group, label, prediction, *p, value, value + rng.normal(0, 1)))
    # probabilities of b on a calibration bin's upper edge (7 bins: k * (1 / 7)), which numpy puts in the lower bin
    for i, k in enumerate((2, 3, 5)):
        edge = k * (1 / 7)
        rows.append((602 + i, "train", "abc"[i], "b", (1 - edge) / 2, edge, (1 - edge) / 2, 1.0, 1.5))
    rows += [(600, "train", "a", None, None, None, None, 1.0, None), (601, "test", "b", None, None, None, None, 2.0, None)]
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table main.scored (id integer, split varchar, label varchar, prediction varchar, "
                    "probability_a double, probability_b double, probability_c double, value double, predicted_value double)")
        con.executemany("insert into main.scored values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return [row for row in rows if row[3] is not None]


def test_classification_metrics_equal_scikit_learns(project, scored):
    (shown,) = show(project, "{{ neural_net.classification_metrics('main.scored', label='label', prediction='prediction', "
                             "probabilities={'a': 'probability_a', 'b': 'probability_b', 'c': 'probability_c'}, group_by='split') }}")
    for group in ("train", "test"):
        rows = [row for row in scored if row[1] == group]
        y, predicted = [row[2] for row in rows], [row[3] for row in rows]
        probabilities = np.array([row[4:7] for row in rows])
        classes = sorted(set(y) | set(predicted))
        assert ("d" in classes) == (group == "test")
        mine = {row["class"]: row for row in shown if row["split"] == group}
        assert set(mine) == {*classes, None}
        precision, recall, f1, support = metrics.precision_recall_fscore_support(y, predicted, labels=classes, zero_division=0)
        for k, c in enumerate(classes):
            row = mine[c]
            assert row["examples"] == support[k]
            assert close(row["precision"], precision[k]) and close(row["recall"], recall[k]) and close(row["f1"], f1[k]), (c, row)
            expected_auc = metrics.roc_auc_score([label == c for label in y], probabilities[:, "abc".index(c)]) if c != "d" else None
            assert close(row["roc_auc"], expected_auc), (c, row["roc_auc"], expected_auc)
        whole = mine[None]
        assert whole["examples"] == len(rows)
        assert close(whole["accuracy"], metrics.accuracy_score(y, predicted))
        for name, average in (("precision", metrics.precision_score), ("recall", metrics.recall_score), ("f1", metrics.f1_score)):
            assert close(whole[name], average(y, predicted, average="macro", zero_division=0)), name
        assert close(whole["log_loss"], metrics.log_loss(y, probabilities, labels=["a", "b", "c"]))
        # 'd' has no probability: the whole has no AUC in 'test'; in 'train', scikit-learn's one-vs-rest macro AUC
        expected = None if group == "test" else metrics.roc_auc_score(y, probabilities, multi_class="ovr", labels=["a", "b", "c"])
        assert close(whole["roc_auc"], expected), (whole["roc_auc"], expected)


def test_binary_auc_roc_curve_and_calibration_equal_scikit_learns(project, scored):
    """Two classes (b or not): the whole's AUC is the greater class's, as scikit-learn's binary AUC."""
    binary = "(select id, split, case when label = 'b' then 'b' else 'not b' end as label, " \
             "case when prediction = 'b' then 'b' else 'not b' end as prediction, probability_b, 1 - probability_b as probability_not_b " \
             "from main.scored where prediction is not null) as binary_scored"
    with duckdb.connect(str(project.database)) as con:
        con.execute(f"create view main.binary_scored as select * from {binary}")
    metrics_rows, curve, calibration = show(
        project,
        "{{ neural_net.classification_metrics('main.binary_scored', label='label', prediction='prediction', "
        "probabilities={'b': 'probability_b', 'not b': 'probability_not_b'}) }}",
        "{{ neural_net.roc_curve('main.binary_scored', label='label', score='probability_b', positive='b') }}",
        "{{ neural_net.calibration_curve('main.binary_scored', label='label', probability='probability_b', positive='b', bins=7) }}")
    y = np.array([row[2] == "b" for row in scored])
    p = np.array([row[5] for row in scored])
    whole = next(row for row in metrics_rows if row["class"] is None)
    # the greater class is 'not b': its probability is 1 - probability_b
    assert close(whole["roc_auc"], metrics.roc_auc_score(~y, 1 - p))

    fpr, tpr, thresholds = metrics.roc_curve(y, p, drop_intermediate=False)
    curve = sorted(curve, key=lambda row: -math.inf if row["threshold"] is None else -row["threshold"])
    assert len(curve) == len(thresholds) and thresholds[0] == np.inf and curve[0]["threshold"] is None
    assert all(close(row["threshold"], t) for row, t in zip(curve[1:], thresholds[1:]))
    assert all(close(row["fpr"], f) and close(row["tpr"], t) for row, f, t in zip(curve, fpr, tpr))

    fraction, mean = calibration_curve(y, p, n_bins=7)
    calibration = sorted(calibration, key=lambda row: row["bin"])
    assert len(calibration) == len(fraction)
    assert all(close(row["fraction_positive"], f) and close(row["mean_probability"], m) for row, f, m in zip(calibration, fraction, mean))
    assert sum(row["examples"] for row in calibration) == len(y)


def test_regression_metrics_equal_scikit_learns(project, scored):
    (shown,) = show(project, "{{ neural_net.regression_metrics('main.scored', label='value', prediction='predicted_value', group_by='split') }}")
    assert {row["split"] for row in shown} == {"train", "test"}
    for row in shown:
        rows = [r for r in scored if r[1] == row["split"]]
        y, predicted = np.array([r[7] for r in rows]), np.array([r[8] for r in rows])
        assert row["examples"] == len(rows)
        assert close(row["rmse"], metrics.root_mean_squared_error(y, predicted))
        assert close(row["mae"], metrics.mean_absolute_error(y, predicted))
        assert close(row["r2"], metrics.r2_score(y, predicted))
        assert close(row["explained_variance"], metrics.explained_variance_score(y, predicted))
