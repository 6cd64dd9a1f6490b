"""Hostile tables: names and values nobody checked reach every entry point (CSV headers of both scripts, the
columns of a scored relation, label values, network names, --into, vars), and none of them runs SQL, replaces
a table that is not the output, or loses what was trained. After each case the history and the model are
byte-identical and no table but the intended output exists. A refusal is exit 1 and one line naming the
problem, never a traceback."""
from __future__ import annotations

import csv
import json
import math
import os
import re

import duckdb
import numpy as np
import pytest

from neural_net_sql import reference as ref

from neural_net_sql import predict as scorer
from neural_net_sql.files import check_header
from conftest import PROJECT_DIR, Project, blobs, run_driver
from hostile import REFUSED, hostile_names, show_quoted
from test_parity import sql_parameters

# The label's two values: SQL, comments and unicode, which must come back as they are.
LABELS = ["drop table main.nn_training; --", "日本 /* no */ select"]
EXTRA = hostile_names(12, seed=3, csv_header=True)  # columns the CSV carries beside the features
TRAIN = ["--features", "f0,f1", "--label", "cls", "--hidden", "3", "--iterations", "4", "--skip-tests"]


def write_rows(path, header: list[str], rows: list[list]) -> os.PathLike:
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def table_rows(n: int, seed: int) -> list[list]:
    data = blobs(n, 2, 2, seed=seed)
    return [[f0, f1, LABELS[c], *range(len(EXTRA))] for f0, f1, c in zip(data["f0"], data["f1"], data["cls"])]


def predict(project: Project, *args: str):
    return run_driver(list(args), project.environment(), timeout=600, main=scorer.main)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A classifier whose CSV carries hostile column names beside its features, and hostile label values."""
    folder = tmp_path_factory.mktemp("hostile")
    project = Project(folder / "test.duckdb")
    project.folder = folder
    project.csv = write_rows(folder / "customers.csv", ["f0", "f1", "cls", *EXTRA], table_rows(120, seed=4))
    project.train("--data", str(project.csv), *TRAIN)
    return project


def state(project: Project) -> dict:
    """What must never change by accident: every table's name, and the history and the model, byte for byte."""
    with duckdb.connect(str(project.database), read_only=True) as con:
        tables = sorted(row[0] for row in con.execute("select table_name from information_schema.tables").fetchall())
        return {"tables": tables,
                "history": con.execute("select * from nn_training order by iteration").fetchall(),
                "model": con.execute("select * from nn_model").fetchall()}


def assert_refused(out, message: str):
    assert out.returncode == 1, (out.returncode, out.stderr[-3000:])
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    # the last line names the problem; before it only the project's own notices ("nn_examples: 80 rows in ...")
    assert lines and message in lines[-1], out.stderr[-3000:]
    assert all(re.match(r"nn_\w+: |training \[", line) for line in lines[:-1]), out.stderr[-3000:]
    assert "Traceback" not in out.stderr


def test_a_name_reaches_duckdb_exactly_as_it_is(tmp_path):
    """200 generated names through nn_quote: DuckDB returns each column under exactly that name; a name without
    text or with a control character is refused naming it."""
    env = Project(tmp_path / "test.duckdb").environment()
    names = hostile_names(200)
    shown, *refusals = show_quoted([names, *(["fine", name] for name in REFUSED)], "duckdb", env, tmp_path)
    assert shown.get("columns") == names and shown["values"] == list(range(1, 201)), shown
    for name, refused in zip(REFUSED, refusals):
        assert json.dumps(name) in refused["refused"] and "control characters" in refused["refused"], refused


def test_the_training_csv_loads_hostile_columns_and_labels_come_back_as_they_are(trained):
    """The seed holds every column under its own name; the predictions name the classes by the label's values."""
    columns = [row[0] for row in trained.query("select column_name from information_schema.columns "
                                               "where table_name = 'nn_data_customers' order by ordinal_position")]
    assert columns == ["f0", "f1", "cls", *EXTRA]
    labels = {row[0] for row in trained.query("select distinct predicted_label from nn_predictions")} | \
             {row[0] for row in trained.query("select distinct actual_label from nn_predictions")}
    assert labels == set(LABELS)


def test_csv_headers_that_would_be_sql_are_refused_before_anything_is_loaded(trained, tmp_path):
    """A header cell with a quote, a backtick, a backslash or a control character, a blank one or a name given
    twice: both scripts refuse the CSV before dbt seed sees it."""
    before = state(trained)
    bad_headers = {
        'zz"" integer); drop table main.nn_training; create table main.pwned (""a': '"\\""',
        "x`y": '"`"', "a\\b": '"\\\\"', "line\nbreak": '"\\n"', " ": "has no name",
    }
    for cell, message in bad_headers.items():
        path = write_rows(tmp_path / "bad.csv", ["f0", "f1", "cls", cell], [[1.0, 2.0, LABELS[0], 3]])
        assert_refused(predict(trained, "--data", str(path), "--output", str(tmp_path / "out.csv")), message)
        assert_refused(trained.train("--data", str(path), *TRAIN, check=False), message)
        assert not (tmp_path / "out.csv").exists()
    twice = write_rows(tmp_path / "twice.csv", ["f0", "f1", "cls", "F0"], [[1.0, 2.0, LABELS[0], 3]])
    assert_refused(predict(trained, "--data", str(twice), "--output", str(tmp_path / "out.csv")), "twice")
    assert_refused(trained.train("--data", str(twice), *TRAIN, check=False), "twice")
    assert state(trained) == before
    # dbt-spark's seed writes values into SQL unescaped: on Spark a value with a quote or backslash is refused
    for value in ["o'brien", "back\\slash"]:
        path = write_rows(tmp_path / "values.csv", ["f0", "f1", "cls"], [[1.0, 2.0, value]])
        assert check_header(path) == ["f0", "f1", "cls"]
        with pytest.raises(SystemExit, match="line 2 of .*, column cls, holds a quote or a backslash"):
            check_header(path, target="spark")


def test_a_csv_of_hostile_columns_is_scored_line_by_line(trained, tmp_path):
    """predict.py --data on a CSV whose other columns have hostile names: each line comes back as it was, with
    its prediction; the staging table is gone; nothing else changed. A header-only CSV gives the header and
    the prediction columns."""
    before = state(trained)
    header = ["f0", "f1", *EXTRA]
    rows = [row[:2] + row[3:] for row in table_rows(7, seed=8)]
    path = write_rows(tmp_path / "new.csv", header, rows)
    out = predict(trained, "--data", str(path), "--output", str(tmp_path / "scored.csv"))
    assert out.returncode == 0, out.stderr[-3000:]
    with open(tmp_path / "scored.csv", newline="") as f:
        scored = list(csv.reader(f))
    probabilities = [f"probability_{c}" for c in range(2)]  # the labels are no identifiers: numbered
    assert scored[0] == header + ["prediction", *probabilities]
    assert [line[:len(header)] for line in scored[1:]] == [[str(v) for v in row] for row in rows]
    assert {line[len(header)] for line in scored[1:]} <= set(LABELS)
    assert state(trained) == before

    empty = write_rows(tmp_path / "empty.csv", header, [])
    out = predict(trained, "--data", str(empty), "--output", str(tmp_path / "none.csv"))
    assert out.returncode == 0, out.stderr[-3000:]
    with open(tmp_path / "none.csv", newline="") as f:
        assert list(csv.reader(f)) == [header + ["prediction", *probabilities]]
    assert state(trained) == before


def test_a_relation_with_hostile_column_names_is_scored_and_nothing_else_changes(trained):
    """Scoring a table whose columns have 60 generated names (the two that dropped the history among them):
    every column comes through under its name with its values, then the prediction; only the output is new."""
    names = hostile_names(60, seed=11)
    with duckdb.connect(str(trained.database)) as con:
        columns = ", ".join(f"{i} as {driver_quote(name)}" for i, name in enumerate(names))
        con.execute(f"create table main.hostile as select f0, f1, {columns} from nn_data_customers limit 9")
    before = state(trained)
    out = predict(trained, "--input-relation", "main.hostile", "--into", "main.hostile_scored")
    assert out.returncode == 0, out.stderr[-3000:]
    after = state(trained)
    assert after["tables"] == sorted(before["tables"] + ["hostile_scored"])
    assert after["history"] == before["history"] and after["model"] == before["model"]
    scored = trained.rows("select * from hostile_scored")
    assert list(scored[0]) == ["f0", "f1", *names, "prediction", "probability_0", "probability_1"]
    assert all(row[name] == i for row in scored for i, name in enumerate(names))
    assert all(row["prediction"] in LABELS for row in scored)

    # a name no engine can hold safely is refused naming it, before anything is written
    with duckdb.connect(str(trained.database)) as con:
        con.execute('create table main.broken as select f0, f1, 1 as "line\nbreak" from nn_data_customers limit 2')
    before = state(trained)
    assert_refused(predict(trained, "--input-relation", "main.broken", "--into", "main.broken_scored"), "line\\nbreak")
    assert state(trained) == before


def driver_quote(name: str) -> str:
    """DuckDB's quoting, written independently of nn_quote, to build the test's own table."""
    return '"' + name.replace('"', '""') + '"'


def test_scores_never_replace_what_they_must_not(trained):
    """--into a network's own table, the relation scored, the relation trained on, a table or view of the
    user's: refused naming it. A table of earlier scores is replaced; a user's table that happens to carry the
    old scratch name is left alone."""
    with duckdb.connect(str(trained.database)) as con:
        con.execute("create table main.new_rows as select f0, f1 from nn_data_customers limit 5")
        con.execute("create table main.mine as select 1 as precious")
        con.execute("create view main.my_view as select 1 as precious")
        con.execute("create table main.scores__nn_scoring as select 1 as precious")
        con.execute("create table main.mine_too as select 1 as prediction, 'kept' as note")
    before = state(trained)
    refusals = {
        "main.nn_training": "is named nn_", "main.nn_model": "is named nn_", "main.nn_examples": "is named nn_",
        "main.nn_data_customers": "is named nn_", "main.new_rows": "is the relation being scored",
        "main.mine": "is not a table of scores", "main.my_view": "is not a table of scores",
        "main.mine_too": "is not a table of scores",
        "main.points": "is the seed points of the project",
    }
    for into, message in refusals.items():
        assert_refused(predict(trained, "--input-relation", "main.new_rows", "--into", into), message)
        assert state(trained) == before, into
    for _ in range(2):  # the second run replaces the first's scores
        out = predict(trained, "--input-relation", "main.new_rows", "--into", "main.scores")
        assert out.returncode == 0, out.stderr[-3000:]
    after = state(trained)
    assert after["tables"] == sorted(before["tables"] + ["scores"])
    assert after["history"] == before["history"] and after["model"] == before["model"]
    assert trained.query("select * from scores__nn_scoring") == [(1,)]


def test_training_on_a_csv_never_touches_a_table_of_the_same_name(tmp_path):
    """--data customers.csv loads into nn_data_customers, so the user's own table customers stays as it was;
    a file name that is not ASCII loads too."""
    project = Project(tmp_path / "test.duckdb")
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table main.customers as select 'mine' as owner")
    header = ["f0", "f1", "cls"]
    rows = [row[:3] for row in table_rows(60, seed=5)]
    out = project.train("--data", str(write_rows(tmp_path / "customers.csv", header, rows)), *TRAIN, "--train-only")
    assert "nn_data_customers" in out.stderr
    assert project.query("select * from main.customers") == [("mine",)]
    out = project.train("--data", str(write_rows(tmp_path / "données.csv", header, rows)), *TRAIN, "--full-refresh", "--train-only")
    assert project.query("select count(*) from main.nn_data_donn_es") == [(60,)]


def test_settings_and_network_names_that_would_be_sql_are_refused(trained, tmp_path):
    before = state(trained)
    cases = [
        (["--vars", "{lr: [1"], "--vars is not valid YAML"),
        (["--vars", "{features: ['f0\" from x; --', f1]}"], "features must be a plain identifier"),
        (["--vars", "{input_relation: 'main.x; drop table main.nn_training'}"], "input_relation must be a plain identifier"),
        (["--vars", "{label: 'cls\"; drop table main.nn_training; --'}"], "label must be a plain identifier"),
        (["--network", "x'); drop table main.nn_training; --"], "network must be a plain identifier"),
    ]
    for args, message in cases:
        assert_refused(trained.train(*args, check=False), message)
    assert_refused(predict(trained, "--data", str(trained.csv), "--output", str(tmp_path / "o.csv"),
                           "--network", "x'); drop table main.nn_training; --"), "--network must be a plain identifier")
    for flag in ("--export", "--plot"):
        assert_refused(trained.train("--data", str(trained.csv), *TRAIN, flag, "/proc/no/such/file.json", check=False),
                       f"{flag}: cannot write")
    assert_refused(predict(trained, "--data", str(trained.csv), "--output", "/proc/no/such/file.csv"),
                   "--output: cannot write")
    assert state(trained) == before


def test_values_the_engine_cannot_take_are_named_and_the_history_is_kept(tmp_path):
    """Finite numbers near 1e308, whose mean overflows; a feature's type changed since training started; a row
    written into the history that training would never write; scoring a row far out of range: each is a named
    refusal (or a NULL score), and the history stays as it was."""
    project = Project(tmp_path / "test.duckdb")
    good = [row[:3] for row in table_rows(80, seed=6)]
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table main.t (f0 double, f1 double, cls varchar)")
        con.executemany("insert into main.t values (?, ?, ?)", good)
        con.execute("create table main.huge as select 1.5e308 * (case when f0 > 0 then 1 else -1 end) as f0, f1, cls from main.t")
    args = ["--input-relation", "main.t", "--features", "f0,f1", "--label", "cls", "--hidden", "3", "--skip-tests"]
    project.train(*args, "--iterations", "3")
    before = state(project)

    huge = ["--input-relation", "main.huge", *args[2:], "--iterations", "3", "--full-refresh"]
    assert_refused(project.train(*huge, check=False), "feature f0: its mean")
    assert state(project)["history"] == before["history"]

    with duckdb.connect(str(project.database)) as con:
        con.execute("alter table main.t alter f0 type varchar")
    assert_refused(project.train(*args, "--iterations", "6", check=False), "feature f0 was trained on as a number")
    assert state(project)["history"] == before["history"]
    with duckdb.connect(str(project.database)) as con:
        con.execute("alter table main.t alter f0 type double")
        con.execute("update nn_training set loss = 'nan'::double where iteration = 3")
    corrupted = state(project)
    assert_refused(project.train(*args, "--iterations", "6", check=False), "holds a loss or parameter that is not finite")
    assert state(project)["tables"] == corrupted["tables"]
    with duckdb.connect(str(project.database)) as con:
        assert con.execute("select count(*) from nn_training").fetchall() == [(4,)]
        con.execute("delete from nn_training where iteration = 3")
    project.train(*args, "--iterations", "6")  # continues from the row before

    # scoring rows far outside the training range: where numpy's forward pass of the same parameters overflows,
    # the row's outputs are NULL, never NaN; elsewhere they are numpy's
    extreme = [1.79e308, -1.79e308, 1e300, 0.5]
    far_rows = [(a, b) for a in extreme for b in extreme]
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table main.far (f0 double, f1 double)")
        con.executemany("insert into main.far values (?, ?)", far_rows)
    before = state(project)
    assert_refused(predict(project, "--input-relation", "main.far", "--into", "main.t"), "is the relation the network was trained on")
    assert state(project) == before
    out = predict(project, "--input-relation", "main.far", "--into", "main.far_scored")
    assert out.returncode == 0, out.stderr[-3000:]
    scored = {(r["f0"], r["f1"]): r for r in project.rows("select * from far_scored")}
    features = project.preprocessing()
    x = np.array([[(v - f["center"]) / f["scale"] for v, f in zip(row, features)] for row in far_rows])
    with np.errstate(all="ignore"):
        _, scores = ref.forward(sql_parameters(project.history()[-1], [2, 3, 2]), x, "relu")
        _, probabilities = ref.softmax(scores)
    overflowed = ~np.isfinite(scores).all(axis=1)
    assert overflowed.any() and not overflowed.all()  # both kinds of row are there
    for row, lost, p in zip(far_rows, overflowed, probabilities):
        got = scored[row]
        if lost:
            assert got["prediction"] is None and got["probability_0"] is None and got["probability_1"] is None, row
        else:
            np.testing.assert_allclose([got["probability_0"], got["probability_1"]], p, rtol=1e-9, atol=1e-300)


def test_no_name_reaches_sql_but_through_nn_quote():
    """Grep-level: outside macros/engine/nn_quote.sql (names) and nn_string_literal.sql (text values) no SQL of
    the project quotes a name or a value by hand, with adapter.quote (which does not double an embedded quote)
    or by gluing quote characters around it."""
    by_hand = re.compile(r"""adapter\.quote\(|(['"])(\\?"|`|')\1\s*~|~\s*(['"])(\\?"|`|')\3""")
    found = []
    for folder in ("macros", "models", "analyses", "tests/dbt", "integration_tests"):
        for path in sorted((PROJECT_DIR / folder).rglob("*.sql")):
            # the one way a name reaches SQL, and the one way a text value does
            if path.relative_to(PROJECT_DIR).as_posix() in ("macros/engine/nn_quote.sql", "macros/engine/nn_string_literal.sql") \
                    or "dbt_packages" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if by_hand.search(line):
                    found.append(f"{path.relative_to(PROJECT_DIR)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
    # the pattern finds what it is for
    assert by_hand.search("{{ adapter.quote(name) }}") and by_hand.search("""'"' ~ name ~ '"'""")
    assert by_hand.search("'`' ~ name") and by_hand.search('''"'" ~ value ~ "'"''')
