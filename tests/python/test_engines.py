"""The same project on BigQuery (through dbt-bigquery, against a local BigQuery API emulator) and on Spark
(dbt-spark, a local session): the same flow, the same numbers as DuckDB, SQL valid in each engine's dialect.

Run one engine alone with `pytest -m bigquery` or `pytest -m spark`."""
from __future__ import annotations

import json
import os
import pathlib
import re
import time

import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel
from sqlglot.tokens import TokenType

from neural_net_sql import predict
from conftest import PROJECT_DIR, Project, run_driver, run_python
from engines import BigQueryEmulator, EngineProject, bigquery_env, spark_env
from hostile import hostile_names, show_quoted
from neural_net_sql.files import seed_name

ITERATIONS, BLOCKS = 8, (3, 6, 8)  # three blocks, the last one shorter: K = 3
RTOL = 1e-9
BIGQUERY_QUERY_LIMIT = 1_024_000  # characters (cloud.google.com/bigquery/quotas)

ENGINES = [pytest.param("bigquery", marks=pytest.mark.bigquery), pytest.param("spark", marks=pytest.mark.spark)]


# The first rows of the article's data each engine's flow trains on. BigQuery's row-size refusal
# (test_bigquery_block_reads_each_iteration_once_and_fits_one_query) needs about 1,600 training rows; dbt-spark's
# seed writes every value into its SQL text (20 s for 2,000 rows), and 500 rows prove the flow as well.
FLOW_ROWS = {"bigquery": 2000, "spark": 500}


def flow_data(folder: pathlib.Path, rows: int) -> pathlib.Path:
    path = folder / f"points_{rows}.csv"
    path.write_text("".join((PROJECT_DIR / "seeds" / "points.csv").read_text().splitlines(keepends=True)[:rows + 1]))
    return path


def flow_args(data, *extra: str) -> list[str]:
    return ["--data", str(data), "--iterations", str(ITERATIONS), "--block-size", str(BLOCKS[0]), *extra]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory):
    """A project trained on one engine: seed, three blocks, dbt test, predictions, export."""
    folder = tmp_path_factory.mktemp(request.param)
    emulator = None
    if request.param == "bigquery":
        emulator = BigQueryEmulator(folder / "emulator.log")
        project = EngineProject("bigquery", bigquery_env(emulator.endpoint, "neural_net_test"), folder)
    else:
        project = EngineProject("spark", spark_env(folder / "spark"), folder)
    project.data = flow_data(folder, FLOW_ROWS[request.param])
    project.data_relation = seed_name(project.data)  # where the flow's --data CSV is loaded
    try:
        project.first_run = project.train(*flow_args(project.data, "--export", str(folder / "model.json")))
        project.model = json.loads((folder / "model.json").read_text())
        yield project
    finally:
        project.stop()
        if emulator:
            emulator.stop()


@pytest.fixture(scope="module")
def duckdb_run(tmp_path_factory, engine):
    """The reference: the same flow on DuckDB."""
    folder = tmp_path_factory.mktemp("duckdb")
    out = Project(folder / "test.duckdb").train(*flow_args(engine.data, "--export", str(folder / "model.json")))
    return out, json.loads((folder / "model.json").read_text())


def report_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(("train ", "holdout "))]


def relative_difference(a: float, b: float) -> float:
    return abs(a - b) / max(abs(b), 1e-300)


def test_full_flow_trains_in_blocks_and_matches_duckdb(engine, duckdb_run):
    duckdb_out, duckdb_model = duckdb_run
    stderr = engine.first_run.stderr
    for block_end in BLOCKS:
        assert f"iteration {block_end}/{ITERATIONS}" in stderr, stderr[-3000:]
    # dbt test ran and passed (it is part of the flow), predictions and metrics were built and read back
    assert report_lines(engine.first_run.stdout) == report_lines(duckdb_out.stdout) != []

    model = engine.model
    assert model["iteration"] == ITERATIONS and model["settings"] == duckdb_model["settings"]
    pairs = [(a, b) for layer, ref_layer in zip(model["layers"], duckdb_model["layers"])
             for a, b in zip([*sum(layer["weights"], []), *layer["bias"]],
                             [*sum(ref_layer["weights"], []), *ref_layer["bias"]])]
    assert len(pairs) == 82  # the default network on 2 features: 2-16-2
    # the preprocessing each engine fitted (means and deviations of the training rows) is DuckDB's
    for mine, theirs in zip(model["preprocessing"], duckdb_model["preprocessing"], strict=True):
        assert mine["name"] == theirs["name"]
        for key in ("mean", "std", "center", "scale"):
            assert relative_difference(mine[key], theirs[key]) <= 1e-12, (mine, theirs)
    worst = max(relative_difference(a, b) for a, b in pairs)
    assert worst <= RTOL, f"parameters differ from DuckDB's by {worst:.2e} relative"
    assert [h["iteration"] for h in model["history"]] == list(range(ITERATIONS + 1))
    for mine, theirs in zip(model["history"][1:], duckdb_model["history"][1:]):
        assert relative_difference(mine["loss"], theirs["loss"]) <= RTOL
        assert mine["train_accuracy"] == theirs["train_accuracy"]


def test_unreachable_target_fails_fast_then_a_rerun_changes_nothing(engine, tmp_path):
    broken = {"bigquery": {"NN_BIGQUERY_API_ENDPOINT": "http://127.0.0.1:9"},  # nothing listens on port 9
              "spark": {"NN_SPARK_MASTER": "nowhere://cluster"}}[engine.target]
    started = time.perf_counter()
    out = engine.train(*flow_args(engine.data), check=False, **broken)
    assert out.returncode == 1
    assert time.perf_counter() - started < 60
    assert f"cannot connect to target {engine.target}" in out.stderr
    assert "hint: profiles.yml" in out.stderr and next(iter(broken)) in out.stderr
    assert "Traceback" not in out.stderr and not re.search(r"^\s+at [\w.$]+\(", out.stderr, re.MULTILINE)

    # the history is untouched, and running the finished flow again is a no-op (merge / append are idempotent)
    again = engine.train(*flow_args(engine.data, "--export", str(tmp_path / "again.json")))
    assert f"iteration {ITERATIONS}/{ITERATIONS}" in again.stderr
    assert json.loads((tmp_path / "again.json").read_text())["history"] == engine.model["history"]


# --- the SQL, compiled for the engine and read by a strict parser of its dialect ------------------------------

# Every function the project's SQL may call, as each engine's documentation names it.
FUNCTIONS = {
    "bigquery": {"ABS", "AND", "ANY_VALUE", "ARRAY", "ARRAY_CONCAT", "AVG", "CASE", "CAST", "COALESCE", "COS",
                 # the split's row hash (macros/network/nn_row_text.sql, macros/engine/nn_md5_hex.sql, nn_hex_number.sql)
                 "CONCAT", "MD5", "TO_HEX", "SUBSTRING",
                 "COUNT", "CURRENT_TIMESTAMP", "EXP", "FLOOR", "GREATEST", "IF", "LN", "MAX", "MIN", "MOD", "OR",
                 "ROUND", "ROW_NUMBER", "SQRT", "STRUCT", "SUM", "UNNEST", "LEAST", "NULLIF", "SAFE_DIVIDE",
                 # the arrays layout's (macros/engine/nn_list.sql, macros/math/nn_dense_lists.sql); sqlglot
                 # names generate_array GENERATE_SERIES and array_length ARRAY_SIZE
                 "ARRAY_CONCAT_AGG", "GENERATE_SERIES", "ARRAY_SIZE", "LOGICAL_AND", "POWER",
                 # the export's arrays as text (analyses/nn_model_parameters.sql): sqlglot names to_json_string JSON_FORMAT
                 "JSON_FORMAT"},
    "spark": {"ABS", "AND", "ANY_VALUE", "ARRAY", "AVG", "CASE", "CAST", "COALESCE", "CONCAT", "COS", "COUNT",
              "CURRENT_TIMESTAMP", "EXP", "EXPLODE", "FLOOR", "GREATEST", "IF", "LN", "MAX", "MIN", "MOD",
              "STRUCT", "OR", "ROUND", "ROW_NUMBER", "SQRT", "SUM", "LEAST", "NULLIF",
              # the arrays layout's (macros/engine/nn_list.sql); sqlglot names Spark's aggregate REDUCE,
              # collect_list ARRAY_AGG, sequence GENERATE_SERIES and slice ARRAY_SLICE
              "TRANSFORM", "REDUCE", "ZIP_WITH", "FLATTEN", "ARRAY_AGG", "ARRAY_REPEAT", "GENERATE_SERIES",
              "ARRAY_SLICE", "ARRAY_MAX", "ARRAY_POSITION", "FORALL", "POWER", "ARRAYS_ZIP",
              # He initialisation's numbers (macros/init/nn_uniforms.sql)
              "INLINE", "PMOD", "ARRAY_SORT",
              # the split's row hash (macros/network/nn_row_text.sql, macros/engine/nn_md5_hex.sql, nn_hex_number.sql)
              "MD5", "CONV", "SUBSTRING"},
}
TYPES = {"bigquery": {"FLOAT64", "INT64", "INTEGER", "STRING", "BOOL", "TIMESTAMP", "ARRAY<FLOAT64>"},
         "spark": {"DOUBLE", "INT", "INTEGER", "BIGINT", "STRING", "BOOLEAN", "TIMESTAMP", "ARRAY<DOUBLE>", "DECIMAL"}}


def compiled_sql(folder) -> dict[str, str]:
    return {str(path.relative_to(folder)): path.read_text() for path in sorted(folder.rglob("*.sql"))}


def dialect_problems(name: str, sql: str, engine: str) -> list[str]:
    dialect = engine  # the dbt target names are sqlglot's dialect names
    problems = []
    for token in sqlglot.tokenize(sql, read=dialect):
        if token.token_type == TokenType.DCOLON:
            problems.append(f"{name}: '::' cast (not {engine} SQL)")
        if token.token_type == TokenType.STRING and sql[token.start] == '"' and engine == "bigquery":
            problems.append(f'{name}: "{token.text}" is a string in BigQuery, not a name')
    tree = sqlglot.parse(sql, read=dialect, error_level=ErrorLevel.RAISE)
    for statement in tree:
        for node in statement.find_all(exp.Func):
            if isinstance(node, exp.Cast):  # (sqlglot reads Spark's CAST, null on failure, as TRY_CAST)
                continue
            function = node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name()
            if function not in FUNCTIONS[engine]:
                problems.append(f"{name}: function {function} is not on the {engine} list")
        for cast in statement.find_all(exp.Cast):
            type_name = cast.to.sql(dialect).split("(")[0].upper()
            if type_name not in TYPES[engine]:
                problems.append(f"{name}: cast to {type_name}")
    # as written: a DuckDB spelling that the parser would silently translate
    for pattern, what in [(r"(?i)\bas\s+double\b", "DOUBLE"), (r"(?i)\blog\(", "log()")]:
        if engine == "bigquery" and re.search(pattern, sql):
            problems.append(f"{name}: {what} as written")
    return problems


def test_compiled_sql_is_valid_in_the_engines_dialect(engine):
    # every node, and the arrays layout's block: lambdas on Spark, UNNEST subqueries on BigQuery
    arrays = {"input_relation": engine.data_relation, "iterations": 40, "layout": "arrays", "optimizer": "adam"}
    folder, arrays_folder = engine.compile_all([(None, json.dumps({"input_relation": engine.data_relation, "iterations": 40}), ()),
                                                ("nn_training", json.dumps(arrays), ("--full-refresh",))])
    files = compiled_sql(folder)
    assert any("nn_training.sql" in name for name in files) and any("analyses" in name for name in files)
    problems = [problem for name, sql in files.items() for problem in dialect_problems(name, sql, engine.target)]
    sql = (arrays_folder / "models/training/nn_training.sql").read_text()
    assert {"spark": "zip_with(", "bigquery": "array_concat_agg("}[engine.target] in sql  # its sums over the rows
    problems += dialect_problems("nn_training.sql, layout: arrays", sql, engine.target)
    assert problems == []


def cte_readers(tree) -> dict[str, int]:
    """How many times each CTE of a parsed query is read."""
    readers = {cte.alias: 0 for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if table.name in readers:
            readers[table.name] += 1
    return readers


@pytest.mark.parametrize("engine", [ENGINES[0]], indirect=True)  # BigQuery's limits; reuses its trained project
def test_bigquery_block_reads_each_iteration_once_and_fits_one_query(engine):
    vars_ = {"input_relation": engine.data_relation, "iterations": 40}
    big = {**vars_, "hidden": [32, 32], "layout": "columns"}  # the largest network of the columns layout
    wide = {**vars_, "hidden": [512, 18]}  # 10,808 parameters, near BigQuery's 11,000 in the arrays layout
    largest = 100_000_000 // (9216 * 8)  # rows whose lists of layer 2's 9,216 weights fit one 100 MB value
    refresh = ("--full-refresh",)
    (default, columns, columns_k2, auto, wide_refused, wide_batched, too_many) = (
        result if isinstance(result, str) else (result / "models/training/nn_training.sql").read_text()
        for result in engine.compile_all([("nn_training", json.dumps(settings), flags) for settings, flags in [
            (vars_, ()), (big, refresh), ({**big, "block_size": 2}, refresh), ({**big, "layout": "auto"}, refresh),
            (wide, refresh), ({**wide, "batch_size": largest}, refresh), ({**vars_, "hidden": [512, 24]}, refresh)]]))

    tree = sqlglot.parse_one(default, read="bigquery", error_level=ErrorLevel.RAISE)
    readers = cte_readers(tree)
    iterations = [f"iteration_{k}" for k in range(ITERATIONS, ITERATIONS + 11)]  # the next block from the flow's: K = 10
    assert sorted(readers) == sorted(iterations + ["training_rows", "training_block", "final"])
    # a CTE read twice would run twice on BigQuery: each iteration is read once, by the next; the training rows
    # once per iteration (BigQuery computes them each time, as it scanned nn_examples each time before)
    assert readers == {**{name: 1 for name in readers}, "training_rows": 10}
    assert sum(1 for t in tree.find_all(exp.Table) if t.name == "nn_examples") == 1
    assert len(default) < BIGQUERY_QUERY_LIMIT / 2, len(default)  # the default K keeps a block under half the limit

    # the largest network of the columns layout: one iteration must fit in one query; K shrinks to fit
    assert re.findall(r"\biteration_(\d+) as \(", columns) == ["0", "1"]  # K = 1
    assert len(columns) < BIGQUERY_QUERY_LIMIT
    assert "the largest block_size for this network is 1" in columns_k2

    # the same network in the arrays layout (auto: over 256 parameters): the default K, each iteration read once
    tree = sqlglot.parse_one(auto, read="bigquery", error_level=ErrorLevel.RAISE)
    assert "array_concat_agg(" in auto and cte_readers(tree) == {**{name: 1 for name in cte_readers(tree)}, "training_rows": 10}
    assert re.findall(r"\biteration_(\d+) as \(", auto) == [str(k) for k in range(11)]  # K = 10
    assert len(auto) < BIGQUERY_QUERY_LIMIT / 2, len(auto)

    # a layer of 512 x 18 weights on the ~1,600 training rows: their concatenated gradient lists (ARRAY_CONCAT_AGG)
    # would be one value over BigQuery's 100 MB row; refused before any query, with the batch_size that fits
    assert re.search(r"sums the gradients of \d+ rows by concatenating each row's list of layer 2's 9216 weights: "
                     r"about 1\d\d MB in one value, over bigquery's limit of 100 MB per row", wide_refused), wide_refused
    assert f"Set batch_size to at most {largest}." in wide_refused
    assert len(wide_batched) < BIGQUERY_QUERY_LIMIT  # the initial weights' numerators and one iteration fit one query
    assert "has 13898 parameters; on bigquery this project trains at most 11000 in the arrays layout" in too_many


def test_text_columns_text_labels_adam_and_mini_batches_match_duckdb(engine, reference, tmp_path):
    """A table as warehouses hold them (text columns, NULLs imputed, a text label), trained with Adam on
    mini-batches across two blocks and two epochs: the same vocabulary, classes, batches and parameters as on
    DuckDB. On BigQuery the text values hold a quote
    and a backslash, which the engines escape differently. dbt-spark's seed loader writes values into its
    INSERT unescaped and a NULL text as 'None', so the Spark run's CSV has neither (the training SQL would
    take them: nn_string_literal)."""
    from conftest import write_csv
    from test_categorical import customers

    data = customers(200)
    data["cls"] = [["gold", "silver", "bronze"][c] for c in data["cls"]]
    if engine.target == "spark":
        data["plan"] = [(plan or "none").replace("'", "").replace("\\", "") for plan in data["plan"]]
    csv = write_csv(tmp_path / "customers.csv", data)
    args = ["--data", str(csv), "--features", "f0,plan,region,flag", "--label", "cls", "--missing", "impute",
            "--hidden", "3", "--optimizer", "adam", "--iterations", "6", "--block-size", "3", "--batch-size", "64",
            "--skip-tests"]
    reference.train(*args, "--export", str(tmp_path / "duckdb.json"))
    isolated = {"bigquery": {"NN_BIGQUERY_DATASET": "neural_net_customers"},
                "spark": {"NN_SPARK_SCHEMA": "neural_net_customers"}}[engine.target]
    engine.train(*args, "--export", str(tmp_path / "engine.json"), **isolated)
    mine, theirs = (json.loads((tmp_path / name).read_text()) for name in ("engine.json", "duckdb.json"))
    assert mine["classes"] == theirs["classes"] == ["bronze", "gold", "silver"]
    assert mine["preprocessing"] == theirs["preprocessing"] or all(
        {k: v for k, v in a.items() if k not in ("mean", "std", "center", "scale", "impute")}
        == {k: v for k, v in b.items() if k not in ("mean", "std", "center", "scale", "impute")}
        for a, b in zip(mine["preprocessing"], theirs["preprocessing"], strict=True))
    if engine.target == "bigquery":
        assert {"pro's", "legacy\\v1"} <= set(mine["preprocessing"][1]["levels"]) and mine["preprocessing"][1]["null_level"]
    pairs = [(a, b) for layer, ref_layer in zip(mine["layers"], theirs["layers"], strict=True)
             for a, b in zip([*sum(layer["weights"], []), *layer["bias"]], [*sum(ref_layer["weights"], []), *ref_layer["bias"]], strict=True)]
    assert len(pairs) >= (1 + 8 + 3 + 2) * 3 + 3 + 3 * 3 + 3  # inputs: f0, plan's 8 levels (and NULL), region's 3, flag's 2
    worst = max(relative_difference(a, b) for a, b in pairs)
    assert worst <= RTOL, f"parameters differ from DuckDB's by {worst:.2e} relative"


def test_early_stopping_stops_inside_a_block_as_on_duckdb(engine, reference, tmp_path):
    """The chain computes every iteration of its block; the iterations past the stop are not kept, the model
    is the best iteration, and the validation rows and losses are DuckDB's."""
    from conftest import write_csv
    from test_early_stopping import overlapping

    csv = write_csv(tmp_path / "overlapping.csv", overlapping(200))
    args = ["--data", str(csv), "--features", "f0,f1,f2,f3", "--label", "cls", "--hidden", "4", "--lr", "2.0",
            "--iterations", "60", "--block-size", "4", "--skip-tests",
            "--vars", "{early_stopping: true, validation_fraction: 0.25, patience: 2}"]
    expected = reference.train(*args, "--export", str(tmp_path / "duckdb.json"))
    stopped = re.search(r"the model is iteration (\d+) ", expected.stderr)
    assert stopped, expected.stderr[-2000:]
    isolated = {"bigquery": {"NN_BIGQUERY_DATASET": "neural_net_stopping"},
                "spark": {"NN_SPARK_SCHEMA": "neural_net_stopping"}}[engine.target]
    out = engine.train(*args, "--export", str(tmp_path / "engine.json"), **isolated)
    assert f"the model is iteration {stopped[1]} " in out.stderr, out.stderr[-3000:]
    mine, theirs = (json.loads((tmp_path / name).read_text()) for name in ("engine.json", "duckdb.json"))
    assert mine["iteration"] == theirs["iteration"] == int(stopped[1])
    assert [row["iteration"] for row in mine["history"]] == [row["iteration"] for row in theirs["history"]]
    assert len(theirs["history"]) - 1 < 60 and (len(theirs["history"]) - 1) % 4 != 0  # stopped inside a block
    pairs = [(a["validation_loss"], b["validation_loss"]) for a, b in zip(mine["history"][1:], theirs["history"][1:])]
    pairs += [(a, b) for layer, ref_layer in zip(mine["layers"], theirs["layers"], strict=True)
              for a, b in zip([*sum(layer["weights"], []), *layer["bias"]], [*sum(ref_layer["weights"], []), *ref_layer["bias"]], strict=True)]
    worst = max(relative_difference(a, b) for a, b in pairs)
    assert worst <= RTOL, f"validation losses and parameters differ from DuckDB's by {worst:.2e} relative"
    if engine.target == "bigquery":
        # looking for the stop reads the block once: BigQuery would run a block read twice twice
        vars_ = {"input_relation": "nn_data_overlapping", "features": ["f0", "f1", "f2", "f3"], "label": "cls", "hidden": [4],
                 "lr": 2.0, "iterations": 60, "block_size": 4, "early_stopping": True, "validation_fraction": 0.25, "patience": 2}
        folder = engine.compile("nn_training", json.dumps(vars_), "--full-refresh", **isolated)
        readers = cte_readers(sqlglot.parse_one((folder / "models/training/nn_training.sql").read_text(), read="bigquery"))
        assert readers == {**{name: 1 for name in readers}, "training_rows": 4}


def test_divergence_keeps_the_finite_iterations_as_on_duckdb(engine, reference, tmp_path):
    """lr 1e6 on features of about 1e12, unstandardized, overflows at the same iteration on every engine, in the
    second block; the chain keeps the iterations before it."""
    args, stopped = diverging_run_on_duckdb(reference, tmp_path)

    isolated = {"bigquery": {"NN_BIGQUERY_DATASET": "neural_net_diverging"},
                "spark": {"NN_SPARK_SCHEMA": "neural_net_diverging"}}[engine.target]
    out = engine.train(*args, check=False, **isolated)
    assert out.returncode == 1
    assert f"training diverged: iteration {stopped[1]} " in out.stderr, out.stderr[-3000:]
    assert f"Iterations 0..{stopped[2]} are kept" in out.stderr


def diverging_run_on_duckdb(reference: Project, tmp_path) -> tuple[list[str], re.Match]:
    """The driver's arguments of a run that diverges in its second block (lr 1e6 on features of about 1e12,
    unstandardized), and DuckDB's message: the iteration that was not finite, and the last one kept."""
    from conftest import blobs, write_csv

    data = blobs(200, 2, 2)
    for feature in ("f0", "f1"):
        data[feature] = [value * 1e12 for value in data[feature]]
    csv = write_csv(tmp_path / "blobs.csv", data)
    args = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--skip-tests", "--lr", "1e6",
            "--no-standardize", "--iterations", "50", "--block-size", "5"]
    expected = reference.train(*args, check=False)
    stopped = re.search(r"training diverged: iteration (\d+) .* Iterations 0\.\.(\d+) are kept", expected.stderr)
    assert expected.returncode == 1 and stopped, expected.stderr[-2000:]
    assert 5 < int(stopped[1]) <= 10, stopped[0]  # in the second block: the first block's iterations are kept
    return args, stopped


def test_a_name_reaches_the_engine_exactly_as_it_is(engine, tmp_path):
    """Generated names with quotes, backticks, semicolons, comments, keywords and unicode through nn_quote: the
    engine returns each column under exactly that name (as on DuckDB, test_hostile_input.py); what its dialect
    cannot hold (BigQuery: a backtick or backslash) and a control character are refused naming the column."""
    names = hostile_names(60, engine=engine.target)
    refused = ["line\nbreak", *(["x`y", "a\\b"] if engine.target == "bigquery" else [])]
    shown, *refusals = show_quoted([names, *(["fine", name] for name in refused)], engine.target, engine.environment(), tmp_path,
                                    engine.python)
    assert shown.get("columns") == names, shown
    assert shown["values"] == list(range(1, len(names) + 1))
    for name, refusal in zip(refused, refusals):
        assert json.dumps(name) in refusal["refused"], refusal


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_digits_shape_64_32_10_trains_and_scores_as_on_duckdb(engine, reference, tmp_path):
    """scikit-learn's digits shape (64 pixels, hidden 32, 10 classes: 2,410 parameters) in the arrays layout:
    the engine's parameters and losses equal DuckDB's (BigQuery has no lambdas: its lists are UNNEST subqueries),
    and so do its scores of new rows through predict (scripts/predict.py)."""
    assert_digits_shape_as_on_duckdb(engine, reference, tmp_path, {"bigquery": {"NN_BIGQUERY_DATASET": "neural_net_digits"},
                                                         "spark": {"NN_SPARK_SCHEMA": "neural_net_digits"}}[engine.target])


def assert_digits_shape_as_on_duckdb(engine, reference: Project, tmp_path, isolated: dict[str, str]) -> None:
    """64-32-10 on 300 digits, Adam, mini-batches, class weights and early stopping, trained in the arrays layout
    in the engine's schema `isolated` names, and 40 new digits scored: DuckDB's parameters, losses and scores."""
    from sklearn.datasets import load_digits

    from conftest import write_csv

    digits = load_digits()
    columns = {f"p{i}": digits.data[:300, i].astype(float).tolist() for i in range(64)}
    columns["digit"] = digits.target[:300].tolist()
    csv = write_csv(tmp_path / "digits.csv", columns)
    args = ["--data", str(csv), "--features", ",".join(f"p{i}" for i in range(64)), "--label", "digit", "--hidden", "32",
            "--iterations", "3", "--block-size", "3", "--lr", "0.01", "--skip-tests",
            # each piece of the arrays layout's SQL: Adam's state, mini-batches, validation rows, row weights
            "--optimizer", "adam", "--batch-size", "100", "--class-weight", "balanced",
            "--vars", json.dumps({"early_stopping": True, "validation_fraction": 0.2})]
    reference.train(*args, "--export", str(tmp_path / "duckdb.json"))
    started = time.perf_counter()
    out = engine.train(*args, "--export", str(tmp_path / "engine.json"), check=False, **isolated)
    assert out.returncode == 0, out.stderr[-3000:]
    print(f"{engine.target}, 64-32-10 on 300 rows, 3 iterations in one block: {time.perf_counter() - started:.0f} s with the driver")
    mine, theirs = (json.loads((tmp_path / name).read_text()) for name in ("engine.json", "duckdb.json"))
    pairs = [(a, b) for layer, ref_layer in zip(mine["layers"], theirs["layers"])
             for a, b in zip([*sum(layer["weights"], []), *layer["bias"]], [*sum(ref_layer["weights"], []), *ref_layer["bias"]])]
    assert len(pairs) == 2410
    assert max(relative_difference(a, b) for a, b in pairs) <= RTOL
    for a, b in zip(mine["history"][1:], theirs["history"][1:], strict=True):
        assert relative_difference(a["loss"], b["loss"]) <= RTOL

    new = write_csv(tmp_path / "new_digits.csv", {f"p{i}": digits.data[300:340, i].astype(float).tolist() for i in range(64)})
    engine.predict("--data", str(new), "--output", str(tmp_path / "engine_scored.csv"), **isolated)
    reference_env = reference.environment()
    out = run_driver(["--data", str(new), "--output", str(tmp_path / "duckdb_scored.csv")], reference_env, 600, main=predict.main)
    assert out.returncode == 0, out.stderr[-3000:]
    mine, theirs = ((tmp_path / name).read_text().splitlines() for name in ("engine_scored.csv", "duckdb_scored.csv"))
    assert len(mine) == len(theirs) == 41 and mine[0] == theirs[0]
    for a, b in zip(mine[1:], theirs[1:]):
        a, b = a.split(","), b.split(",")
        assert a[:65] == b[:65]  # the pixels and the predicted digit
        assert max(relative_difference(float(x), float(y)) for x, y in zip(a[65:], b[65:])) <= RTOL


@pytest.mark.parametrize("engine", [ENGINES[1]], indirect=True)
def test_1000_inputs_and_512_units_train_on_spark_as_on_duckdb(engine, reference, tmp_path):
    """The widest shape `hidden` accepts on the widest input this project tests, 1000-512-2 (513,538 parameters),
    on Spark: its He weights made by the engine (DECIMAL arithmetic) and its first iteration equal DuckDB's (1e-9).
    Both train the history alone (--train-only): the model and its scoring are the other tests' concern. One
    iteration: an iteration's SQL is the same at any width, and the digits test chains three in the arrays
    layout on Spark (the flow test eight in the columns layout); a second one took the Spark driver from 55 to
    72 s here (array lambdas over 512,000 weights)."""
    import duckdb

    import numpy as np

    from engines import read_spark_table, write_spark_table
    from test_parity import assert_parameters_close
    from test_wide_networks import WIDE_ARGS, wide_table

    frame = wide_table()
    with duckdb.connect(str(reference.database)) as con:
        con.execute("create table wide_rows as select * from frame")
    one_iteration = [*WIDE_ARGS, "--iterations", "1", "--block-size", "1", "--train-only"]
    reference.train("--input-relation", "main.wide_rows", *one_iteration)
    write_spark_table(engine, "neural_net_wide.wide_rows", frame)
    started = time.perf_counter()
    out = engine.train("--input-relation", "neural_net_wide.wide_rows", *one_iteration, check=False,
                       NN_SPARK_SCHEMA="neural_net_wide")
    assert out.returncode == 0, out.stderr[-3000:]
    print(f"spark, 1000-512-2 on 60 rows, 1 iteration: {time.perf_counter() - started:.0f} s with the driver")
    mine, theirs = read_spark_table(engine, "neural_net_wide.nn_training", "iteration"), reference.history()
    assert [row["iteration"] for row in mine] == [row["iteration"] for row in theirs] == [0, 1]
    for spark_row, duckdb_row in zip(mine, theirs):  # the initial weights, then each iteration's
        # relative to each parameter, floored at 1e-6 of the largest (a bias of 1e-10 differs by 1e-20 in the last bits)
        assert_parameters_close(*([(np.array(row[f"w{l}"]), np.array(row[f"b{l}"])) for l in (1, 2)] for row in (spark_row, duckdb_row)))
    assert [row["loss"] for row in mine][1:] == pytest.approx([row["loss"] for row in theirs][1:], rel=RTOL)


# A consumer project built on the engine: deps, seed, build (the network trains, then scores), then its rows.
BUILD_AND_SHOW = """
import json, sys
from decimal import Decimal
from dbt.cli.main import dbtRunner
project, common, queries = json.loads(sys.argv[1])
runner = dbtRunner()
for command in (["deps"], ["seed", *common], ["build", *common]):
    result = runner.invoke([*command, "--project-dir", project])
    if not result.success:
        messages = [str(node.message) for node in getattr(result.result, "results", None) or [] if node.message]
        sys.exit("dbt " + command[0] + " failed: " + str(result.exception) + " " + " | ".join(messages))
shown = []
for query in queries:
    result = runner.invoke(["show", "--inline", query, "--limit", "-1", "--project-dir", project, *common])
    if not result.success:
        sys.exit("dbt show failed: " + query + ": " + str(result.exception))
    table = result.result.results[0].agate_table
    shown.append([[float(v) if isinstance(v, Decimal) else v for v in row] for row in table.rows])
print("nn_rows: " + json.dumps(shown), flush=True)
"""

NETWORK_MODEL = """{{ config(materialized='neural_net', meta={'neural_net': {
    'label': 'species', 'missing': 'impute', 'hidden': [4], 'optimizer': 'adam', 'iterations': 7, 'block_size': 3,
}}) }}
select island, bill_length_mm, bill_depth_mm, flipper_length_mm, sex, species
from {{ ref('penguins') }}
where penguin_id % 5 != 0
"""


def consumer_project(folder: pathlib.Path, target: str) -> pathlib.Path:
    """A dbt project that installs neural_net and has one network (text columns with NULLs, Adam, three blocks)
    and a model that scores the other penguins with it, as a table: the evaluation macros read it several times
    each (over a view, classification_metrics took 23 s on Spark, the other macros 1 to 4 s), so no test runs
    them over a view that calls predict; on the project's profile (profiles.yml), any target.
    For Spark, a NULL sex is 'unknown' (dbt-spark's seed loader writes a NULL text as 'None')."""
    (folder / "models").mkdir(parents=True)
    (folder / "seeds").mkdir()
    (folder / "dbt_project.yml").write_text("name: engine_consumer\nversion: '0.1.0'\nconfig-version: 2\nprofile: neural_net\n"
                                           "seeds:\n  engine_consumer:\n    penguins:\n      +column_types:\n"
                                           "        penguin_id: integer\n        year: integer\n" + "".join(
                                               f"        {column}: \"{{{{ 'float64' if target.type == 'bigquery' else 'double precision' if target.type == 'postgres' else 'double' }}}}\"\n"
                                               for column in ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")))
    (folder / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_DIR}\n")
    penguins = (PROJECT_DIR / "integration_tests" / "seeds" / "penguins.csv").read_text()
    (folder / "seeds" / "penguins.csv").write_text(re.sub(r",(?=,\d+$)", ",unknown", penguins, flags=re.M) if target == "spark" else penguins)
    (folder / "models" / "species.sql").write_text(NETWORK_MODEL)
    (folder / "models" / "scored.sql").write_text(
        "{{ config(materialized='table') }}\n"
        "select * from {{ neural_net.predict(ref('penguins'), network=ref('species')) }}\nwhere penguin_id % 5 = 0\n")
    return folder


def test_a_network_model_builds_and_scores_as_on_duckdb(engine, tmp_path):
    """materialized='neural_net' on the engine: one plain `dbt build` of a consumer project trains the network in
    blocks and scores new rows with it; the scores equal DuckDB's to RTOL, and so does every evaluation macro's
    output over them (metrics, curves, importance, attributions, drift, out-of-range flags)."""
    assert_network_model_as_on_duckdb(engine, tmp_path)


def assert_network_model_as_on_duckdb(engine, tmp_path) -> None:
    """The consumer project (consumer_project) built on the engine and on DuckDB: the same scores, and the same
    output of every evaluation macro over them."""
    project = consumer_project(tmp_path / "consumer", engine.target)
    probabilities = "{'Adelie': 'probability_adelie', 'Chinstrap': 'probability_chinstrap', 'Gentoo': 'probability_gentoo'}"
    queries = [
        "select penguin_id, probability_adelie, probability_chinstrap, probability_gentoo, prediction from {{ ref('scored') }}",
        # the evaluation macros (docs/evaluation.md) on the engine
        "{{ neural_net.classification_metrics(ref('scored'), label='species', prediction='prediction', probabilities=" + probabilities + ") }}",
        "{{ neural_net.roc_curve(ref('scored'), label='species', score='probability_gentoo', positive='Gentoo') }}",
        "{{ neural_net.calibration_curve(ref('scored'), label='species', probability='probability_gentoo', positive='Gentoo') }}",
        "{{ neural_net.regression_metrics(ref('scored'), label='body_mass_g', prediction='flipper_length_mm', group_by='island') }}",
        "{{ neural_net.feature_importance(network=ref('species')) }}",
        "{{ neural_net.drift_summary(ref('penguins'), network=ref('species'), margin=0.1) }}",
        "select penguin_id, features_out_of_range from {{ neural_net.predict(ref('penguins'), network=ref('species'), out_of_range_margin=0) }}",
        "{{ neural_net.explain(ref('penguins'), key='penguin_id', network=ref('species')) }}",
    ]

    def build(target: str, run) -> list:
        result = run(["-c", BUILD_AND_SHOW, json.dumps([str(project), ["--target", target], queries])])
        lines = [line for line in result.stdout.splitlines() if line.startswith("nn_rows: ")]
        assert result.returncode == 0 and lines, (result.stdout[-3000:] + result.stderr[-3000:])
        return [sorted(rows, key=lambda row: json.dumps(row[:1] + [v for v in row[1:] if isinstance(v, str)]))
                for rows in json.loads(lines[0][len("nn_rows: "):])]

    mine = build(engine.target, lambda argv: engine.python(argv, DBT_TARGET_PATH=str(tmp_path / "target_engine")))
    duckdb_env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR), "NN_DUCKDB_PATH": str(tmp_path / "consumer.duckdb"),
                  "DBT_TARGET_PATH": str(tmp_path / "target_duckdb")}
    theirs = build("duckdb", lambda argv: run_python(argv, duckdb_env, timeout=900))
    scores, *evaluations = mine
    assert len(scores) == len(theirs[0]) == 69
    assert [row[0] for row in scores] == [row[0] for row in theirs[0]] and [row[4] for row in scores] == [row[4] for row in theirs[0]]
    worst = max(relative_difference(a, b) for m, t in zip(scores, theirs[0]) for a, b in zip(m[1:4], t[1:4]))
    assert worst <= RTOL, f"probabilities differ from DuckDB's by {worst:.2e} relative"
    # each evaluation: the same rows, texts equal, numbers within RTOL
    for query, rows, reference in zip(queries[1:], evaluations, theirs[1:]):
        assert len(rows) == len(reference) > 0, query
        for row, expected in zip(rows, reference):
            assert len(row) == len(expected), query
            for a, b in zip(row, expected):
                assert (a == b if not isinstance(b, float) or not isinstance(a, (int, float)) else relative_difference(a, b) <= RTOL), (query, row, expected)
