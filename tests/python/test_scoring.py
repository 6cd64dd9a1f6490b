"""Scoring rows the network never saw, through the macro `predict` (macros/scoring/predict.sql), as
scripts/predict.py runs it: a CSV to a CSV, a table to a table. The scores are numpy's forward pass of the
stored parameters over numpy's own preprocessing, and onnxruntime's of the ONNX export; bad input is refused
naming the problem, writing nothing."""
from __future__ import annotations

import csv
import math
import subprocess

import duckdb
import numpy as np
import pytest

from neural_net_sql import reference as ref
from neural_net_sql import predict as scorer
from conftest import Project, blobs, run_driver, write_csv
from test_categorical import TRAIN, customers, fit_like_numpy, numpy_inputs
from test_parity import sql_parameters

MEDALS = ["gold", "silver", "bronze"]  # the label's values: class c is MEDALS sorted, c-th


def predict(project, *args: str) -> subprocess.CompletedProcess:
    """scripts/predict.py args, on the project's database."""
    return run_driver(list(args), project.environment(), timeout=600, main=scorer.main)


def read_csv(path) -> list[list[str]]:
    with open(path, newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A classifier on text, yes/no and numeric columns with NULLs (missing: impute), labels that are names."""
    folder = tmp_path_factory.mktemp("scoring")
    project = Project(folder / "test.duckdb")
    data = customers(400)
    data["medal"] = [MEDALS[c] for c in data.pop("cls")]
    train = [*TRAIN[:TRAIN.index("--label") + 1], "medal", *TRAIN[TRAIN.index("--label") + 2:]]
    project.train_args = ["--data", str(write_csv(folder / "customers.csv", data)), *train, "--iterations", "10"]
    project.train(*project.train_args)
    return project


def onnx_scores(path, columns: dict[str, list]) -> list:
    """onnxruntime's outputs for these feature columns: numbers as float64 (None as NaN), text as strings (None as
    the empty string), one [N, 1] input each."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path))
    feeds = {}
    for spec in session.get_inputs():
        values = columns[spec.name]
        if spec.type == "tensor(string)":
            feeds[spec.name] = np.array(["" if v is None else str(v) for v in values], dtype=object).reshape(-1, 1)
        else:
            feeds[spec.name] = np.array([np.nan if v is None else v for v in values], dtype=np.float64).reshape(-1, 1)
    return session.run(None, feeds)


def test_a_csv_is_scored_in_its_order_as_numpy_scores_it(trained, tmp_path):
    """New rows, without a label, columns in another order and one more (an id): levels never seen in training
    ("enterprise", "mars"), NULLs everywhere. Each output line is the input line, then the predicted medal and
    one probability per medal, numpy's to 1e-12."""
    new = customers(40, seed=99)
    new["plan"][:3] = ["enterprise", None, "basic"]
    new["region"][:3] = ["mars", None, "north"]
    new["f0"][5] = None  # imputed with the training mean
    columns = {"customer_id": list(range(1000, 1040)), "flag": new["flag"], "region": new["region"],
               "plan": new["plan"], "f0": new["f0"]}
    source = write_csv(tmp_path / "new.csv", columns)
    out = predict(trained, "--data", str(source), "--output", str(tmp_path / "scored.csv"))
    assert out.returncode == 0, out.stderr[-3000:]

    lines, scored = read_csv(source), read_csv(tmp_path / "scored.csv")
    classes = sorted(MEDALS)
    assert scored[0] == lines[0] + ["prediction"] + [f"probability_{c}" for c in classes]
    assert [row[:len(lines[0])] for row in scored] == lines  # the input's lines, as they were, in their order

    fitted = fit_like_numpy(trained)
    x = numpy_inputs([new[k] for k in ("f0", "plan", "region", "flag")], fitted)
    dims = [x.shape[1], 5, 3]
    _, scores = ref.forward(sql_parameters(trained.history()[-1], dims), x, "tanh")
    _, probabilities = ref.softmax(scores)
    actual = np.array([[float(v) for v in row[-3:]] for row in scored[1:]])
    np.testing.assert_allclose(actual, probabilities, rtol=1e-12, atol=1e-15)
    assert [row[len(lines[0])] for row in scored[1:]] == [classes[c] for c in probabilities.argmax(axis=1)]
    # the table the CSV was loaded as is gone: the rows do not stay in the warehouse
    assert trained.query("select count(*) from information_schema.tables where table_name like 'nn_rows_to_score%'") == [(0,)]


def test_a_table_is_scored_into_a_table_as_nn_predictions_scores_it(project, tmp_path):
    """A regression, scored warehouse to warehouse: the training table itself, each row's prediction equal to
    nn_predictions'; a second scoring replaces the table. Its ONNX export predicts the same."""
    data = blobs(300, 3, 2, seed=5)
    data["price"] = [10.5 * a - 3 * b + c * 7 for a, b, c in zip(data["f0"], data["f1"], data.pop("cls"))]
    data["f2"][7] = None
    train = ["--data", str(write_csv(tmp_path / "houses.csv", data)), "--features", "f0,f1,f2", "--label", "price",
             "--missing", "impute", "--hidden", "4", "--iterations", "5", "--skip-tests"]
    project.train(*train)
    for _ in range(2):
        out = predict(project, "--input-relation", "main.nn_data_houses", "--into", "main.houses_scored")
        assert out.returncode == 0, out.stderr[-3000:]
        assert "nn_score_into: 300 rows of" in out.stderr
    scored = project.rows("select * from houses_scored")
    assert list(scored[0]) == ["f0", "f1", "f2", "price", "prediction"]
    expected = {(r["f0"], r["f1"]): r["predicted_value"] for r in project.rows("select * from nn_predictions")}
    assert len(scored) == len(expected) == 300
    for row in scored:
        assert row["prediction"] == pytest.approx(expected[(row["f0"], row["f1"])], rel=1e-12)

    # a NaN or infinite number cannot be scored (training refuses them): that row's prediction is NULL, the
    # other rows' are as before
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table odd_houses as select * from nn_data_houses order by f0 limit 4")
        con.execute("update odd_houses set f1 = '-inf'::double where f0 = (select max(f0) from odd_houses)")
        con.execute("update odd_houses set f0 = 'nan'::double where f0 = (select min(f0) from odd_houses)")
    out = predict(project, "--input-relation", "main.odd_houses", "--into", "main.odd_scored")
    assert out.returncode == 0, out.stderr[-3000:]
    odd = project.rows("select f0, f1, prediction from odd_scored")
    unscorable = [math.isnan(r["f0"]) or math.isinf(r["f1"]) for r in odd]
    assert len(odd) == 4 and sum(unscorable) == 2
    for row, cannot in zip(odd, unscorable):
        if cannot:
            assert row["prediction"] is None
        else:
            assert row["prediction"] == pytest.approx(expected[(row["f0"], row["f1"])], rel=1e-12)

    # the ONNX export of the regression predicts the same values (the NULL f2 imputed)
    project.train(*train, "--export", str(tmp_path / "model.onnx"))
    (prediction,) = onnx_scores(tmp_path / "model.onnx", {k: [row[k] for row in scored] for k in ("f0", "f1", "f2")})
    np.testing.assert_allclose(prediction, [row["prediction"] for row in scored], rtol=1e-9)


def test_what_cannot_be_scored_is_refused_naming_it_and_nothing_is_written(trained, tmp_path):
    good = write_csv(tmp_path / "good.csv", {k: v[:5] for k, v in customers(5).items() if k != "cls"})
    cases = {
        "a missing feature": ({"f0": [1.0], "plan": ["basic"], "flag": ["true"]}, "feature region is missing"),
        "a text column for a number": ({"f0": ["high"], "plan": ["basic"], "region": ["north"], "flag": ["true"]},
                                       "feature f0 has type"),
        "a column the scores would take": ({"f0": [1.0], "plan": ["basic"], "region": ["north"], "flag": ["true"],
                                            "prediction": [1]}, "already has a column named prediction"),
    }
    for name, (columns, message) in cases.items():
        output = tmp_path / f"{name}.csv"
        out = predict(trained, "--data", str(write_csv(tmp_path / "bad.csv", columns)), "--output", str(output))
        assert out.returncode == 1 and message in out.stderr, (name, out.stderr[-2000:])
        assert "Traceback" not in out.stderr and not output.exists(), name

    # into a table: a failure leaves the table that was there
    assert predict(trained, "--input-relation", "main.nn_data_customers", "--into", "main.scored").returncode == 0
    before = trained.rows("select * from scored order by f0")
    out = predict(trained, "--input-relation", "main.nn_metrics", "--into", "main.scored")
    assert out.returncode == 1 and "feature f0 is missing" in out.stderr
    assert trained.rows("select * from scored order by f0") == before

    # before any network is trained
    out = predict(Project(tmp_path / "empty.duckdb"), "--data", str(good), "--output", str(tmp_path / "never.csv"))
    assert out.returncode == 1 and "no trained network" in out.stderr, out.stderr[-2000:]
    assert not (tmp_path / "never.csv").exists()


def test_the_onnx_export_scores_as_the_sql_does(trained, tmp_path):
    """3,000 new rows, unseen levels and NULLs among them, scored by the SQL macro (scripts/predict.py) and by
    onnxruntime from `--export model.onnx`: the same medal on every row, probabilities within 1e-9."""
    new = customers(3000, seed=5)
    new["plan"][:4] = ["enterprise", None, "basic", None]
    new["region"][:3] = ["mars", None, "north"]
    new["f0"][2:6] = [None] * 4
    columns = {k: new[k] for k in ("f0", "plan", "region", "flag")}
    out = predict(trained, "--data", str(write_csv(tmp_path / "new.csv", columns)), "--output", str(tmp_path / "scored.csv"))
    assert out.returncode == 0, out.stderr[-3000:]
    scored = read_csv(tmp_path / "scored.csv")

    trained.train(*trained.train_args, "--export", str(tmp_path / "model.onnx"))
    prediction, probabilities = onnx_scores(tmp_path / "model.onnx", columns)
    assert prediction.tolist() == [row[4] for row in scored[1:]]
    np.testing.assert_allclose(probabilities, [[float(v) for v in row[5:]] for row in scored[1:]], rtol=1e-9, atol=1e-15)
    assert scored[0][5:] == [f"probability_{c}" for c in sorted(MEDALS)]  # the ONNX columns' order
