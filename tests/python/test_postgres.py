"""The same project on PostgreSQL (dbt-postgres, a real server started in a temporary folder): the flow in blocks,
resumed; the article's 2-2-2 in the arrays layout; a table of text columns and a text label trained with Adam on mini-batches; early
stopping; the digits' 64-32-10; scoring new rows: the same numbers as DuckDB's (1e-9). A diverging run keeps the
iterations before the float PostgreSQL refused.

Run it alone with `pytest -m postgres`."""
from __future__ import annotations

import json
import re
import time

import pytest

from conftest import run_driver, write_csv
from engines import EngineProject, PostgresServer
from neural_net_sql import predict
from test_engines import (BLOCKS, ITERATIONS, RTOL, assert_digits_shape_as_on_duckdb, assert_network_model_as_on_duckdb,
                          diverging_run_on_duckdb, flow_args, flow_data, relative_difference, report_lines)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server():
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def engine(server, tmp_path_factory):
    """The flow trained on PostgreSQL: seed, three blocks, dbt test, predictions, export."""
    folder = tmp_path_factory.mktemp("postgres")
    project = EngineProject("postgres", server.environment("neural_net_test"), folder)
    project.data = flow_data(folder, 500)
    project.first_run = project.train(*flow_args(project.data, "--export", str(folder / "model.json")))
    project.model = json.loads((folder / "model.json").read_text())
    return project


def parameters(model: dict) -> list[float]:
    return [value for layer in model["layers"] for value in [*sum(layer["weights"], []), *layer["bias"]]]


def assert_same_parameters(mine: dict, theirs: dict) -> None:
    pairs = list(zip(parameters(mine), parameters(theirs), strict=True))
    worst = max(relative_difference(a, b) for a, b in pairs)
    assert worst <= RTOL, f"parameters differ from DuckDB's by {worst:.2e} relative"


def test_the_flow_trains_in_blocks_and_matches_duckdb_then_resumes_to_nothing(engine, reference, tmp_path):
    for block_end in BLOCKS:
        assert f"iteration {block_end}/{ITERATIONS}" in engine.first_run.stderr
    duckdb_out = reference.train(*flow_args(engine.data, "--export", str(tmp_path / "duckdb.json")))
    duckdb_model = json.loads((tmp_path / "duckdb.json").read_text())
    # dbt test ran and passed on PostgreSQL, and the report is DuckDB's to the digit
    assert report_lines(engine.first_run.stdout) == report_lines(duckdb_out.stdout) != []
    assert engine.model["settings"] == duckdb_model["settings"]
    assert len(parameters(engine.model)) == 82  # 2-16-2
    assert_same_parameters(engine.model, duckdb_model)
    assert [row["iteration"] for row in engine.model["history"]] == list(range(ITERATIONS + 1))
    for mine, theirs in zip(engine.model["history"][1:], duckdb_model["history"][1:], strict=True):
        assert relative_difference(mine["loss"], theirs["loss"]) <= RTOL
        assert mine["train_accuracy"] == theirs["train_accuracy"]

    again = engine.train(*flow_args(engine.data, "--export", str(tmp_path / "again.json")))
    assert f"iteration {ITERATIONS}/{ITERATIONS}" in again.stderr
    assert json.loads((tmp_path / "again.json").read_text())["history"] == engine.model["history"]


def test_text_columns_adam_mini_batches_and_early_stopping_match_duckdb(engine, reference, tmp_path):
    """A table as warehouses hold them (text columns with a quote and a backslash, NULLs imputed, a text label),
    trained with Adam on mini-batches across two blocks, with class weights and early stopping on validation
    rows: the same vocabulary, classes, batches, validation rows and parameters as on DuckDB."""
    from test_categorical import customers

    data = customers(200)
    data["cls"] = [["gold", "silver", "bronze"][c] for c in data["cls"]]
    csv = write_csv(tmp_path / "customers.csv", data)
    args = ["--data", str(csv), "--features", "f0,plan,region,flag", "--label", "cls", "--missing", "impute",
            "--hidden", "3", "--optimizer", "adam", "--iterations", "12", "--block-size", "4", "--batch-size", "64",
            "--class-weight", "balanced", "--early-stopping", "--patience", "3", "--skip-tests"]
    reference.train(*args, "--export", str(tmp_path / "duckdb.json"))
    isolated = {"NN_POSTGRES_SCHEMA": "neural_net_customers"}
    engine.train(*args, "--export", str(tmp_path / "engine.json"), **isolated)
    mine, theirs = (json.loads((tmp_path / name).read_text()) for name in ("engine.json", "duckdb.json"))
    assert mine["classes"] == theirs["classes"] == ["bronze", "gold", "silver"]
    assert {"pro's", "legacy\\v1"} <= set(mine["preprocessing"][1]["levels"]) and mine["preprocessing"][1]["null_level"]
    for a, b in zip(mine["preprocessing"], theirs["preprocessing"], strict=True):
        assert {k: v for k, v in a.items() if k not in ("mean", "std", "center", "scale", "impute")} == \
               {k: v for k, v in b.items() if k not in ("mean", "std", "center", "scale", "impute")}
    assert mine["iteration"] == theirs["iteration"]  # the kept (best) iteration
    assert [row["iteration"] for row in mine["history"]] == [row["iteration"] for row in theirs["history"]]
    for a, b in zip(mine["history"][1:], theirs["history"][1:], strict=True):
        assert relative_difference(a["validation_loss"], b["validation_loss"]) <= RTOL
    assert_same_parameters(mine, theirs)

    # its rows scored again through predict, text columns and NULLs among them: DuckDB's classes and probabilities
    unlabelled = write_csv(tmp_path / "to_score.csv", {name: values for name, values in data.items() if name != "cls"})
    engine.predict("--data", str(unlabelled), "--output", str(tmp_path / "engine_scored.csv"), **isolated)
    out = run_driver(["--data", str(unlabelled), "--output", str(tmp_path / "duckdb_scored.csv")], reference.environment(),
                     600, main=predict.main)
    assert out.returncode == 0, out.stderr[-3000:]
    assert_same_scores(tmp_path / "engine_scored.csv", tmp_path / "duckdb_scored.csv", features=len(data) - 1)


def assert_same_scores(mine_path, theirs_path, features: int) -> None:
    """Two scored CSVs: the same lines, each with the same features and predicted class, and probabilities
    within 1e-9."""
    mine, theirs = (path.read_text().splitlines() for path in (mine_path, theirs_path))
    assert len(mine) == len(theirs) > 1 and mine[0] == theirs[0]
    for a, b in zip(mine[1:], theirs[1:]):
        a, b = a.split(","), b.split(",")
        assert a[:features + 1] == b[:features + 1]  # the features and the predicted class
        assert max(relative_difference(float(x), float(y)) for x, y in zip(a[features + 1:], b[features + 1:])) <= RTOL


def test_new_rows_score_as_on_duckdb(engine, reference, tmp_path):
    new = write_csv(tmp_path / "new.csv", {"x1": [0.1, -2.5, 3.0, 0.0], "x2": [0.2, 1.5, -0.5, 0.0]})
    engine.predict("--data", str(new), "--output", str(tmp_path / "engine_scored.csv"))
    reference.train(*flow_args(engine.data))
    out = run_driver(["--data", str(new), "--output", str(tmp_path / "duckdb_scored.csv")], reference.environment(), 600,
                     main=predict.main)
    assert out.returncode == 0, out.stderr[-3000:]
    assert_same_scores(tmp_path / "engine_scored.csv", tmp_path / "duckdb_scored.csv", features=2)


def test_the_articles_2_2_2_in_the_arrays_layout_matches_duckdb(engine, reference, tmp_path):
    """The article's network (hidden [2]) on the flow's data in three blocks, in the arrays layout (lists through
    UNNEST WITH ORDINALITY and ARRAY_AGG): DuckDB's parameters and losses."""
    args = flow_args(engine.data, "--hidden", "2", "--layout", "arrays", "--skip-tests")
    out = engine.train(*args, "--export", str(tmp_path / "arrays.json"), NN_POSTGRES_SCHEMA="neural_net_arrays")
    for block_end in BLOCKS:
        assert f"iteration {block_end}/{ITERATIONS}" in out.stderr
    reference.train(*args, "--export", str(tmp_path / "duckdb.json"))
    mine, theirs = (json.loads((tmp_path / name).read_text()) for name in ("arrays.json", "duckdb.json"))
    assert len(parameters(mine)) == 12  # 2-2-2
    assert_same_parameters(mine, theirs)
    for a, b in zip(mine["history"][1:], theirs["history"][1:], strict=True):
        assert relative_difference(a["loss"], b["loss"]) <= RTOL


def test_digits_shape_64_32_10_trains_and_scores_as_on_duckdb(engine, reference, tmp_path):
    """scikit-learn's digits shape (2,410 parameters: the arrays layout) with Adam, mini-batches, class weights
    and early stopping, and its scores of new digits: DuckDB's."""
    assert_digits_shape_as_on_duckdb(engine, reference, tmp_path, {"NN_POSTGRES_SCHEMA": "neural_net_digits"})


def test_divergence_keeps_the_iterations_before_the_float_out_of_range(server, engine, reference, tmp_path):
    """PostgreSQL raises where a float overflows (or underflows), where DuckDB carries the infinity on: the run
    that diverges at DuckDB's iteration N stops at or before N, with the iterations before the one that raised
    kept, and those are DuckDB's."""
    args, stopped = diverging_run_on_duckdb(reference, tmp_path)
    isolated = {"NN_POSTGRES_SCHEMA": "neural_net_diverging"}
    out = engine.train(*args, check=False, **isolated)
    raised = re.search(r"training diverged: iteration (\d+) overflowed a float, which PostgreSQL refuses \(value out of "
                       r"range: overflow;.* Iterations 0\.\.(\d+) are kept in nn_training", out.stderr)
    assert out.returncode == 1 and raised, out.stderr[-3000:]
    failed, kept = int(raised[1]), int(raised[2])
    assert 1 < failed <= int(stopped[1])  # where DuckDB's parameters were no longer finite, or before

    # what is kept: DuckDB's losses of iterations 1..kept (read from the histories: a model of weights this large
    # overflows PostgreSQL's floats when it scores, so nn_model is not built from it)
    import duckdb
    import psycopg2

    settings = server.environment("neural_net_diverging")
    with psycopg2.connect(host=settings["NN_POSTGRES_HOST"], port=settings["NN_POSTGRES_PORT"], user=settings["NN_POSTGRES_USER"],
                          dbname=settings["NN_POSTGRES_DBNAME"]) as connection, connection.cursor() as cursor:
        cursor.execute("select iteration, loss from neural_net_diverging.nn_training order by iteration")
        mine = cursor.fetchall()
    with duckdb.connect(str(reference.database), read_only=True) as connection:
        theirs = connection.execute("select iteration, loss from main.nn_training order by iteration").fetchall()
    assert [iteration for iteration, _ in mine] == list(range(kept + 1))
    for (_, a), (_, b) in zip(mine[1:], theirs[1:kept + 1], strict=True):
        assert relative_difference(a, b) <= RTOL


def test_a_network_model_builds_and_scores_as_on_duckdb(engine, tmp_path):
    """materialized='neural_net' in a consumer project, one `dbt build` on PostgreSQL: its scores and every evaluation
    macro's output over them (metrics, curves, importance, attributions, drift, out-of-range flags) equal DuckDB's."""
    assert_network_model_as_on_duckdb(engine, tmp_path)


def test_a_yes_no_labels_metrics_equal_scikit_learns(server, engine, tmp_path):
    """classification_metrics over a boolean label, prediction and class probabilities (PostgreSQL compares no
    boolean with text and has no MAX of a boolean): scikit-learn's precision, recall, F1, accuracy, ROC AUC and
    log loss (1e-9)."""
    import numpy as np
    import psycopg2
    from sklearn import metrics

    i = np.arange(60)
    label, prediction, p_true = i % 3 == 0, i % 4 == 0, (i % 7 + 0.5) / 8
    settings = server.environment("neural_net_booleans")
    with psycopg2.connect(host=settings["NN_POSTGRES_HOST"], port=settings["NN_POSTGRES_PORT"], user=settings["NN_POSTGRES_USER"],
                          dbname=settings["NN_POSTGRES_DBNAME"]) as connection, connection.cursor() as cursor:
        cursor.execute("create schema neural_net_booleans; create table neural_net_booleans.scored "
                       "(label boolean, prediction boolean, p_true double precision, p_false double precision)")
        cursor.executemany("insert into neural_net_booleans.scored values (%s, %s, %s, %s)",
                           [(bool(a), bool(b), float(c), float(1 - c)) for a, b, c in zip(label, prediction, p_true)])
    query = ("{{ neural_net.classification_metrics(adapter.get_relation(database=target.database, schema='neural_net_booleans', "
             "identifier='scored'), label='label', prediction='prediction', probabilities={true: 'p_true', false: 'p_false'}) }}")
    code = ("import json, sys; from neural_net_sql.dbt_runner import Dbt; "
            "print('nn_rows: ' + json.dumps(Dbt({}, 'postgres').show_inline(sys.argv[1])))")
    out = engine.python(["-c", code, query], DBT_TARGET_PATH=str(tmp_path / "target"))
    lines = [line for line in out.stdout.splitlines() if line.startswith("nn_rows: ")]
    assert out.returncode == 0 and lines, out.stdout[-3000:] + out.stderr[-3000:]
    rows = {row["class"]: row for row in json.loads(lines[0][len("nn_rows: "):])}
    assert set(rows) == {True, False, None}
    for positive in (True, False):
        assert relative_difference(rows[positive]["precision"], metrics.precision_score(label, prediction, pos_label=positive)) <= RTOL
        assert relative_difference(rows[positive]["recall"], metrics.recall_score(label, prediction, pos_label=positive)) <= RTOL
    whole = rows[None]
    assert relative_difference(whole["accuracy"], metrics.accuracy_score(label, prediction)) <= RTOL
    assert relative_difference(whole["f1"], metrics.f1_score(label, prediction, average="macro")) <= RTOL
    assert relative_difference(whole["roc_auc"], metrics.roc_auc_score(label, p_true)) <= RTOL
    assert relative_difference(whole["log_loss"], metrics.log_loss(label, np.c_[1 - p_true, p_true])) <= RTOL


def test_a_network_wider_than_one_select_is_refused_naming_the_limit(engine, tmp_path):
    """826 numeric features: scoring would select each beside its input, past PostgreSQL's 1,664 columns per
    SELECT; refused naming the limit before anything is trained (784 train and score: docs/engines.md)."""
    columns = {f"x{i}": [float(i + row) for row in range(20)] for i in range(826)}
    columns["y"] = [row % 2 for row in range(20)]
    csv = write_csv(tmp_path / "wide.csv", columns)
    out = engine.train("--data", str(csv), "--features", ",".join(f"x{i}" for i in range(826)), "--label", "y", "--hidden", "2",
                       "--iterations", "1", check=False, NN_POSTGRES_SCHEMA="neural_net_wide")
    assert out.returncode == 1
    assert ("the network reads 826 features as 826 inputs; scoring selects each feature and each input in one SELECT, and "
            "postgres takes at most 1664 columns in one") in out.stderr, out.stderr[-2000:]
    assert "target lists can have at most" not in out.stderr


def test_an_unreachable_server_fails_fast_naming_the_variables(engine, tmp_path):
    started = time.perf_counter()
    out = engine.train(*flow_args(engine.data), check=False, NN_POSTGRES_PORT="1")  # nothing listens there
    assert out.returncode == 1 and time.perf_counter() - started < 60
    assert "cannot connect to target postgres" in out.stderr and "NN_POSTGRES_HOST" in out.stderr, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
