"""Structural promises of the compiled training block, read from target/compiled like a user would."""
from __future__ import annotations

import re

import pytest

from conftest import run_dbt


def compile_block(project, *vars_yaml: str) -> str:
    env = project.environment()
    target = project.database.parent / "target"
    result = run_dbt(["compile", "--select", "nn_training", "--target-path", str(target),
                      "--vars", "{" + ", ".join(vars_yaml) + "}"], env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return (target / "compiled" / "neural_net" / "models" / "training" / "nn_training.sql").read_text()


def profiled_scans(project, sql: str) -> dict[str, int]:
    """Runs `sql` on the project's database with DuckDB's profiler: the rows each scan (and recursive CTE)
    yielded over the whole query, keyed by operator type and table or CTE name."""
    import json

    import duckdb

    profile = project.database.parent / "profile.json"
    with duckdb.connect(str(project.database), read_only=True) as con:
        con.execute("pragma enable_profiling = 'json'")
        con.execute(f"pragma profiling_output = '{profile}'")
        con.execute(sql).fetchall()
    scans: dict[str, int] = {}

    def walk(node):
        if node["type"] in ("TABLE_SCAN", "CTE_SCAN", "RECURSIVE_CTE"):
            name = " ".join([node["type"], *[node["extra_info"][k] for k in ("Table", "CTE Name") if k in node["extra_info"]]])
            scans[name] = scans.get(name, 0) + int(node["intermediate_rows"])
        for child in node.get("children", []):
            walk(child)
    for operator in json.loads(profile.read_text())["operator"]:
        walk(operator)
    return scans


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("compiled") / "test.duckdb")
    project.train("--iterations", "0", "--hidden", "3,2", "--train-only")
    return project


def test_each_iteration_reads_the_previous_one_exactly_once(trained):
    sql = compile_block(trained, "iterations: 50", "block_size: 50", "hidden: [3, 2]")
    code = "\n".join(line.split("--")[0] for line in sql.splitlines())  # without comments
    # the block is one recursive CTE: defined once, read once by its own step, once by the block's select
    assert len(re.findall(r"\bstates\b", code)) == 3
    assert re.search(r"\),\s+states as \(", code)
    assert re.search(r"from states as previous\s+where iteration < 50", code)  # the step reads it once
    # the training rows (the preprocessed inputs) are computed once for the block, not once per iteration:
    # defined once, MATERIALIZED, and read once by the step
    assert re.search(r"with recursive training_rows as materialized \(", code)
    assert len(re.findall(r"\bfrom training_rows\b", code)) == 1
    # ... and DuckDB runs it so: profiled, the block scans nn_examples for the N training rows once, while its 50
    # iterations read the materialized rows 50 times
    scans = profiled_scans(trained, sql)
    n = trained.query("select count(*) from nn_examples where not is_holdout")[0][0]
    assert scans["TABLE_SCAN test.main.nn_examples"] == n
    assert scans["RECURSIVE_CTE states"] == 51
    assert scans["CTE_SCAN"] >= 50 * n
    # (the chained block of BigQuery and Spark, where each iteration is its own CTE, is checked to read each
    # one exactly once in test_engines.py)


def test_block_sql_is_readable_and_engine_safe(trained):
    sql = compile_block(trained, "iterations: 50", "block_size: 50", "hidden: [3, 2]")
    for comment in ["hidden layer 1 (relu)", "hidden layer 2 (relu)", "output layer: class scores",
                    "backward, hidden layer 2", "backward, hidden layer 1", "one iteration of gradient descent"]:
        assert comment in sql
    assert not re.search(r"\blog\(", sql), "use ln: DuckDB's log is base 10"
    # without comments and string literals (the run's settings and preprocessing are JSON literals)
    code = re.sub(r"'[^']*'", "''", "\n".join(line.split("--")[0] for line in sql.splitlines()))
    # one term per line: no line of SQL grows with the network
    assert max(len(line) for line in code.splitlines()) < 200
    # every float literal is cast, never left for DuckDB to type as DECIMAL
    bare = re.sub(r"cast\([-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)? as double\)", "", code)
    assert not re.findall(r"(?<![\w.])\d+\.\d+", bare)


def test_block_size_sets_how_far_one_query_goes(trained):
    sql = compile_block(trained, "iterations: 1000", "block_size: 7", "hidden: [3, 2]")
    assert "until iteration 7" in sql and "where iteration < 7" in sql
