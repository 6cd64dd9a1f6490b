"""Bad input fails with a message that names the problem, before any training row is written, and leaves the
model trained earlier exactly as it was."""
from __future__ import annotations

import math

import duckdb
import pytest

from conftest import Project, blobs, run_dbt, write_csv

GOOD = ["--input-relation", "main.good", "--features", "f0,f1", "--label", "cls", "--iterations", "5", "--skip-tests"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Project:
    """A database with a trained model and tables of bad data beside the good one."""
    project = Project(tmp_path_factory.mktemp("bad_input") / "test.duckdb")
    data = blobs(200, 2, 2)
    rows = list(zip(data["f0"], data["f1"], data["cls"]))
    with duckdb.connect(str(project.database)) as con:
        def table(name, values, types="f0 double, f1 double, cls integer"):
            con.execute(f"create table {name} ({types})")
            if values:
                con.executemany(f"insert into {name} values ({', '.join('?' * len(values[0]))})", values)
        table("good", rows)
        table("few", rows[:6])
        table("null_feature", rows[:50] + [(None, 1.0, 0)])
        table("nan_feature", rows[:50] + [(math.nan, 1.0, 0)])
        table("inf_feature", rows[:50] + [(math.inf, 1.0, 0)])
        table("all_null_labels", [(1.0, 1.0, None)] * 3)
        table("f0_always_null", [(None, 1.0, 0), (None, 2.0, 1)] * 3)
        table("quoted_label", [(a, b, "o'brien" if c else "smith") for a, b, c in rows[:50]], "f0 double, f1 double, cls varchar")
        table("two_names", [(a, b, "jones" if c else "smith") for a, b, c in rows[:50]], "f0 double, f1 double, cls varchar")
        table("one_name", [(a, b, "smith") for a, b, _ in rows[:50]], "f0 double, f1 double, cls varchar")
        table("date_label", [(a, b, "2024-01-0" + str(c + 1)) for a, b, c in rows[:50]], "f0 double, f1 double, cls date")
        table("label_too_big", rows[:50] + [(1.0, 1.0, 2)])
        table("negative_label", rows[:50] + [(1.0, 1.0, -1)])
        table("fractional_label", [(a, b, float(c)) for a, b, c in rows[:50]] + [(1.0, 1.0, 0.5)],
              "f0 double, f1 double, cls double")
        table("text_feature", [(str(a), b, c) for a, b, c in rows[:50]], "f0 varchar, f1 double, cls integer")
        table("date_feature", [("2024-01-0" + str(c + 1), b, c) for a, b, c in rows[:50]], "f0 date, f1 double, cls integer")
        table("text_always_null", [(None, b, c) for a, b, c in rows[:50]], "f0 varchar, f1 double, cls integer")
        table("empty", [])
        table("one_class", [(a, b, 1) for a, b, _ in rows[:50]])
        table("target", [(a, b, 10.5 * a + b) for a, b, _ in rows[:50]], "f0 double, f1 double, cls double")
        table("inf_target", [(a, b, 10.5 * a + b) for a, b, _ in rows[:50]] + [(1.0, 1.0, math.inf)], "f0 double, f1 double, cls double")
        table("nan_target", [(a, b, 10.5 * a + b) for a, b, _ in rows[:50]] + [(1.0, 1.0, math.nan)], "f0 double, f1 double, cls double")
        keyed = [(i, a, b, c) for i, (a, b, c) in enumerate(rows[:50])]
        table("repeated_key", keyed + [(3, 1.0, 1.0, 0), (3, 2.0, 2.0, 1)], "id integer, f0 double, f1 double, cls integer")
        table("null_key", keyed + [(None, 1.0, 1.0, 0)], "id integer, f0 double, f1 double, cls integer")
        table("date_key", [("2024-01-0" + str(i % 9 + 1), a, b, c) for i, a, b, c in keyed], "id date, f0 double, f1 double, cls integer")
        table("constant_target", [(a, b, 3.5) for a, b, _ in rows[:50]], "f0 double, f1 double, cls double")
    project.train(*GOOD, "--train-only")
    return project


def snapshot(project: Project):
    return project.query("select * exclude (trained_at) from nn_training order by iteration")


CASES = {
    # data
    "NULL feature": (["--input-relation", "main.null_feature"], "feature f0 is NULL in 1 rows (set missing: impute or drop"),
    "only NULL labels": (["--input-relation", "main.all_null_labels"], "no row is left to train on: 3 with a NULL label"),
    "every row dropped": (["--input-relation", "main.f0_always_null", "--missing", "drop"], "no row is left to train on: 6 with a NULL feature (missing: drop)"),
    "nothing to impute with": (["--input-relation", "main.f0_always_null", "--missing", "impute", "--full-refresh"], "feature f0 is NULL in every training row"),
    "NaN feature": (["--input-relation", "main.nan_feature"], "feature f0 is NaN or infinite in 1 rows"),
    "infinite feature": (["--input-relation", "main.inf_feature"], "feature f0 is NaN or infinite in 1 rows"),
    "label outside classes": (["--input-relation", "main.label_too_big", "--n-classes", "2"], "must lie in 0..1; found values from 0 to 2"),
    "negative label": (["--input-relation", "main.negative_label"], "found values from -1 to 1"),
    "fractional label of classes": (["--input-relation", "main.fractional_label", "--task", "classification"], "must hold whole class numbers"),
    "infinite regression target": (["--input-relation", "main.inf_target"], "label cls is NaN or infinite in 1 rows; a regression target must be finite"),
    "NaN regression target": (["--input-relation", "main.nan_target"], "label cls is NaN or infinite in 1 rows"),
    "constant regression target": (["--input-relation", "main.constant_target"], "label cls has a single value (3.5); there is nothing to regress"),
    "text regression target": (["--input-relation", "main.two_names", "--task", "regression"], "but task is regression: a regression target must be numeric"),
    "class weights for a regression": (["--input-relation", "main.target", "--task", "regression", "--class-weight", "balanced"], "class_weight: balanced weighs classes, and a regression has none"),
    "classes for a regression": (["--input-relation", "main.target", "--task", "regression", "--n-classes", "3"], "n_classes is 3, and a regression has no classes"),
    # n_classes and class_weight say classes: the float label is then taken for class numbers, and is not
    "classes given for a float label": (["--input-relation", "main.target", "--n-classes", "3"], "must hold whole class numbers"),
    "unknown task": (["--task", "clustering"], "task must be one of classification, regression; got \"clustering\""),
    "min_r2 above 1": (["--min-r2", "1.5"], "min_r2 must be at most 1"),
    "holdout fold past the last": (["--holdout-fold", "5"], "holdout_fold 5 is past the last fold: with holdout_fraction 0.2 the folds are 0 .. 4"),
    "holdout fold with nothing held out": (["--holdout-fold", "1", "--holdout-fraction", "0"], "holdout_fold 1 needs rows held out"),
    "feature of dates": (["--input-relation", "main.date_feature"], "column f0 has type DATE; it must be numeric, text or boolean"),
    "text feature declared numeric": (["--input-relation", "main.text_feature", "--vars", "{categorical: [f1]}"],
                                      "feature f0 has type character varying(256), which can only be one-hot encoded: add it to categorical"),
    "float feature declared categorical": (["--vars", "{categorical: [f0]}"], "feature f0 is listed in categorical but has type DOUBLE"),
    "categorical not a feature": (["--vars", "{categorical: [cls]}"], "categorical lists cls, which is not among the features"),
    "text feature always NULL": (["--input-relation", "main.text_always_null", "--missing", "impute", "--full-refresh"],
                                 "feature f0 is NULL in every training row"),
    "empty table": (["--input-relation", "main.empty"], '"main"."empty" is empty'),
    "single class": (["--input-relation", "main.one_class"], "has a single class (1)"),
    "label value with a quote": (["--input-relation", "main.quoted_label"], "label cls has the value \"o'brien\": values with a quote"),
    "names but another n_classes": (["--input-relation", "main.two_names", "--n-classes", "3"], 'label cls has 2 distinct values ["jones", "smith"], but n_classes is 3'),
    "single label name": (["--input-relation", "main.one_name"], "label cls has a single value"),
    "label of dates": (["--input-relation", "main.date_label"], "column cls has type DATE; it must be numeric (whole class numbers), text or boolean"),
    "repeated split key": (["--input-relation", "main.repeated_key", "--split-key", "id"],
                           "split_key id repeats: 2 rows have a key an earlier row has; a key must name one row"),
    "NULL split key": (["--input-relation", "main.null_key", "--split-key", "id"], "split_key id is NULL in 1 rows; every row needs a key"),
    "split key of dates": (["--input-relation", "main.date_key", "--split-key", "id"], "split_key id has type DATE; a key must be"),
    "missing split key": (["--split-key", "id"], "split_key id is missing (the relation has: f0, f1, cls)"),
    "split key is the label": (["--split-key", "cls"], "split_key cls is the label"),
    "split key injection": (["--split-key", "f0; drop table nn_training"], "split_key must be a plain identifier"),
    "missing column": (["--features", "f0,nope"], "column nope is missing"),
    "missing label column": (["--label", "nope"], "column nope is missing"),
    "missing table": (["--input-relation", "main.nowhere"], "does not exist"),
    # settings
    "lr zero": (["--lr", "0"], "lr must be greater than 0"),
    "lr negative": (["--lr", "-1"], "lr must be greater than 0"),
    "lr not a number": (["--vars", "{lr: abc}"], "lr must be a number; got \"abc\""),
    "lr NaN": (["--vars", "{lr: .nan}"], "lr must be a number; got \"NaN\""),
    "negative iterations": (["--iterations", "-1"], "iterations must be at least 0"),
    "unknown optimizer": (["--optimizer", "rmsprop"], "optimizer must be one of sgd, momentum, adam; got \"rmsprop\""),
    "beta1 of 1": (["--optimizer", "adam", "--vars", "{beta1: 1}"], "beta1 must be at most 0.999999"),
    "epsilon zero": (["--optimizer", "adam", "--vars", "{epsilon: 0}"], "epsilon must be greater than 0"),
    "unknown class_weight": (["--class-weight", "weighted"], "class_weight must be one of balanced; got \"weighted\""),
    "max_categories zero": (["--vars", "{max_categories: 0}"], "max_categories must be at least 1"),
    "fractional block size": (["--vars", "{block_size: 2.5}"], "block_size must be a whole number"),
    "lr too large": (["--lr", "1e9"], "lr must be at most 1000000"),
    "zero block size": (["--block-size", "0"], "block_size must be at least 1"),
    "zero batch size": (["--batch-size", "0"], "batch_size must be at least 1"),
    "fractional batch size": (["--vars", "{batch_size: 12.5}"], "batch_size must be a whole number"),
    "early_stopping not yes/no": (["--vars", "{early_stopping: sometimes}"], "early_stopping must be true or false; got \"sometimes\""),
    "no validation rows": (["--vars", "{early_stopping: true, validation_fraction: 0}"], "validation_fraction must be greater than 0"),
    "most rows for validation": (["--vars", "{early_stopping: true, validation_fraction: 0.6}"], "validation_fraction must be at most 0.5"),
    "zero patience": (["--vars", "{early_stopping: true, patience: 0}"], "patience must be at least 1"),
    "no validation row drawn": (["--input-relation", "main.few", "--vars", "{early_stopping: true, validation_fraction: 0.01}",
                                 "--full-refresh"], "early_stopping found no validation rows among the "),
    "negative reg": (["--reg", "-0.1"], "reg must be at least 0"),
    "holdout fraction too big": (["--holdout-fraction", "1.5"], "holdout_fraction must be at most 0.9"),
    "negative seed": (["--seed", "-3"], "seed must be at least 0"),
    "zero hidden units": (["--hidden", "2,0"], "hidden layer size must be at least 1"),
    "hidden not numbers": (["--hidden", "a,b"], "hidden layer size must be a number"),
    "unknown activation": (["--activation", "swish"], "activation must be one of relu, tanh, sigmoid; got \"swish\""),
    "unknown init": (["--init", "xavier"], "init must be one of he, article"),
    "unknown missing policy": (["--missing", "zero"], "missing must be one of error, impute, drop; got \"zero\""),
    "standardize not yes/no": (["--vars", "{standardize: maybe}"], "standardize must be true or false; got \"maybe\""),
    "one class declared": (["--n-classes", "1"], "n_classes must be at least 2"),
    "network too large": (["--hidden", "512,512,512,512"],
                          "the network 2-512-512-512-512-2 has 790530 parameters; on duckdb this project trains at most 600000 in the arrays layout"),
    "network too large for columns": (["--hidden", "256,256", "--layout", "columns"],
                                      "the network 2-256-256-2 has 67074 parameters; on duckdb this project trains at most 4096 in the columns layout"),
    "hidden layer too wide": (["--hidden", "513"], "hidden layer size must be at most 512"),
    "unknown layout": (["--layout", "rows"], "layout must be one of auto, columns, arrays; got \"rows\""),
    # identifiers that try to inject SQL
    "feature injection": (["--features", "f0,f1; drop table nn_training"], "features must be a plain identifier"),
    "label with a quote": (["--label", "cls' or '1'='1"], "label must be a plain identifier"),
    "label with a comment": (["--label", "cls -- x"], "label must be a plain identifier"),
    "relation injection": (["--input-relation", "main.good; drop table main.nn_training"], "input_relation must be a plain identifier"),
    "relation with quotes": (["--input-relation", 'main."good"'], "input_relation must be a plain identifier"),
    # the history belongs to one run
    "changed settings": (["--lr", "1.0"], "trained with other settings"),
    "changed network": (["--hidden", "3"], "trained with other settings"),
    "changed preprocessing": (["--no-standardize"], "trained with other settings"),
    "changed optimizer": (["--optimizer", "adam"], "trained with other settings"),
    "changed vocabulary cap": (["--vars", "{max_categories: 5}"], "trained with other settings"),
    "changed task": (["--task", "regression"], "trained with other settings"),
    "mini-batches added to a full-batch history": (["--batch-size", "16"], "trained with other settings"),
    "early stopping added to a history": (["--vars", "{early_stopping: true}"], "trained with other settings"),
    "split by a key instead of the row values": (["--split-key", "f0"], "trained with other settings"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_fails_clearly_and_keeps_the_model(trained, case):
    args, message = CASES[case]
    before = snapshot(trained)
    result = trained.train(*GOOD, *args, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(trained) == before


def test_rows_without_a_label_are_left_out_and_counted(project, tmp_path):
    data = blobs(200, 2, 2)
    data["cls"][:7] = [None] * 7
    data["f1"][10:13] = [None] * 3
    csv = write_csv(tmp_path / "gaps.csv", data)
    args = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--iterations", "2", "--skip-tests"]
    result = project.train(*args, "--missing", "drop", "--train-only")
    assert "200 rows in" in result.stderr and "left out: 7 with a NULL label, 3 with a NULL feature (missing: drop)" in result.stderr
    assert project.query("select count(*) from nn_examples")[0][0] == 190
    result = project.train(*args, "--missing", "impute", "--full-refresh")
    assert "left out: 7 with a NULL label" in result.stderr and "NULL feature" not in result.stderr
    assert project.query("select count(*), count(x_1) from nn_examples") == [(193, 190)]
    # every kept row is scored, the three with a NULL feature too
    assert project.query("select count(*), count(predicted_class) from nn_predictions") == [(193, 193)]


@pytest.mark.parametrize("layout", ["columns", "arrays"])
def test_divergence_stops_and_keeps_the_finite_iterations(project, tmp_path, layout):
    csv = write_csv(tmp_path / "blobs.csv", blobs(200, 2, 2))
    args = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--skip-tests", "--layout", layout]
    result = project.train(*args, "--lr", "1e6", "--iterations", "50", "--block-size", "20", check=False)
    assert result.returncode == 1
    assert "training diverged" in result.stderr and "Lower lr" in result.stderr
    history = project.history()
    assert 1 <= len(history) < 51
    for row in history:  # every parameter (each element of each array), and every measured loss, is finite
        values = [v for value in row.values() for v in (value if isinstance(value, list) else [value])]
        assert all(math.isfinite(v) for v in values if isinstance(v, float))
        assert sum(len(row[f"w{l}"]) + len(row[f"b{l}"]) for l in (1, 2)) == 2 * 16 + 16 + 16 * 2 + 2
    # a sane restart replaces it
    project.train(*args, "--lr", "0.5", "--iterations", "10", "--full-refresh", "--train-only")
    assert [row["iteration"] for row in project.history()] == list(range(11))


def test_a_wide_csv_loads_and_its_null_is_named(project, tmp_path):
    """1,000 feature columns: loaded with dbt seed, checked, and the one NULL cell named by its column."""
    columns = blobs(300, 1000, 2)
    columns["f777"][42] = None
    csv = write_csv(tmp_path / "wide.csv", columns)
    features = ",".join(f"f{i}" for i in range(1000))
    result = project.train("--data", str(csv), "--features", features, "--label", "cls", "--hidden", "2",
                           "--iterations", "0", "--skip-tests", check=False)
    assert result.returncode == 1
    assert "feature f777 is NULL in 1 rows" in result.stderr, result.stderr[-3000:]


def test_a_block_over_the_memory_limit_is_refused_before_it_runs(project):
    """784-128-10 on 3,000 rows: with DuckDB's memory_limit at 180MB the next block is refused before it runs,
    naming the estimate and the limit, and the history is kept; the same block then runs under the default
    limit, and its SQL, run under 180MB, does run out of memory: the refusal spared a failure, not a run. (Loading
    the 784 columns, nn_examples, needs about 140 MB itself.)"""
    import numpy as np


    rng = np.random.default_rng(3)
    pixels, digits = rng.random((3000, 784)), rng.integers(0, 10, 3000)
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table pixels as select unnest(?::double[][]) as p, unnest(?::int[]) as digit", [pixels.tolist(), digits.tolist()])
        con.execute("create table digits as select " + ", ".join(f"p[{i + 1}] as p{i}" for i in range(784)) + ", digit from pixels")
    args = ["--input-relation", "main.digits", "--features", ",".join(f"p{i}" for i in range(784)), "--label", "digit",
            "--hidden", "128", "--skip-tests"]
    project.train(*args, "--iterations", "1", "--train-only")
    before = snapshot(project)
    refused = project.train(*args, "--iterations", "3", check=False, NN_DUCKDB_MEMORY_LIMIT="180MB")
    assert refused.returncode == 1
    assert ("a training block of the network 784-128-10 on 2401 rows per step and 2 iterations needs at least about "
            in refused.stderr and "over DuckDB's memory_limit of 171.6 MiB" in refused.stderr), refused.stderr[-3000:]
    assert "Traceback" not in refused.stderr
    assert snapshot(project) == before
    project.train(*args, "--iterations", "3", "--train-only")
    block = (project.target_path / "compiled" / "neural_net" / "models" / "training" / "nn_training.sql").read_text()
    with duckdb.connect(str(project.database), read_only=True) as con:
        con.execute("set memory_limit = '180MB'")
        with pytest.raises(duckdb.OutOfMemoryException):
            con.execute(block).fetchall()


@pytest.mark.parametrize("vars_yaml,message", [
    ('{features: ["f0", "f1; drop table nn_training"], label: cls, input_relation: main.good}', "features must be a plain identifier"),
    ("{lr: '1 or 1=1'}", "lr must be a number"),
    ("{hidden: [2, -4]}", "hidden layer size must be at least 1"),
])
def test_the_same_checks_hold_for_plain_dbt_vars(trained, vars_yaml, message):
    """Settings are checked by the macros, not by the driver: plain `dbt run --vars` is refused the same way."""
    env = trained.environment()
    before = snapshot(trained)
    result = run_dbt(["run", "--vars", vars_yaml], env, timeout=300)
    assert result.returncode != 0
    assert message in result.stdout, result.stdout
    assert snapshot(trained) == before
