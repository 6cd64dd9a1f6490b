"""neural_net installed as a dbt package: integration_tests/ is another dbt project that lists this repository
in its packages.yml, trains two networks on its own models and scores new rows in its own models. Its
build.sh runs it from scratch (deps, seed, train both networks, build: score and test); these tests check
what a consumer must be able to rely on: nothing of the example lands in its warehouse, its vars do not
reach the networks, each network keeps to its schema, and its scores are the network's."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys

import duckdb
import numpy as np
import pytest

from neural_net_sql import predict as scorer
from neural_net_sql import train as driver
from conftest import PROJECT_DIR, run_dbt, run_driver

CONSUMER = PROJECT_DIR / "integration_tests"
NETWORK_TABLES = {"nn_examples", "nn_training", "nn_model", "nn_plan", "nn_inputs", "nn_outputs", "nn_predictions", "nn_metrics",
                  "nn_confusion_matrix", "nn_model_versions"}


@pytest.fixture(scope="module")
def consumer(tmp_path_factory):
    """The integration project built from scratch by its one command; the environment its dbt runs with."""
    tmp = tmp_path_factory.mktemp("consumer")
    env = dict(os.environ, PYTHON=sys.executable, NN_IT_DUCKDB_PATH=str(tmp / "consumer.duckdb"),
               DBT_PROFILES_DIR=str(CONSUMER), DBT_TARGET_PATH=str(tmp / "target"), DBT_LOG_PATH=str(tmp / "logs"))
    build = subprocess.run(["bash", str(CONSUMER / "build.sh")], env=env, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    # the last `dbt build`: the consumer's seed, models (the scoring ones among them) and tests, all passed
    assert re.findall(r"Done\. PASS=(\d+) WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=(\d+)", build.stdout)[-1] == ("15", "15"), build.stdout[-3000:]
    env["tmp"] = str(tmp)
    return env


def query(env: dict, sql: str) -> list[tuple]:
    with duckdb.connect(env["NN_IT_DUCKDB_PATH"], read_only=True) as con:
        return con.sql(sql).fetchall()


def tables(env: dict) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for schema, table in query(env, "select table_schema, table_name from information_schema.tables"):
        found.setdefault(schema, set()).add(table)
    return found


def history(env: dict, network: str) -> list[tuple]:
    return query(env, f"select iteration, loss, run_settings from main_{network}.nn_training order by iteration")


def consumer_run(env: dict, script, *args: str):
    return run_driver(["--project-dir", str(CONSUMER), *args], {k: v for k, v in env.items() if k != "tmp"},
                      timeout=600, main=script.main)


def test_a_consumer_gets_its_networks_and_nothing_of_the_example(consumer):
    found = tables(consumer)
    # its own seed and models only: neither the 100k-row example seed nor the example network
    assert found["main"] == {"penguins", "species", "body_mass", "new_penguins", "scored_species", "scored_body_mass",
                             "species_rescored", "scored_species_v1"}
    # each network's tables in a schema of its own
    assert found["main_species"] == NETWORK_TABLES and found["main_body_mass"] == NETWORK_TABLES
    assert set(found) == {"main", "main_species", "main_body_mass"}


def test_each_network_trains_on_its_own_settings_not_the_consumers_vars(consumer):
    species, body_mass = history(consumer, "species"), history(consumer, "body_mass")
    assert [row[0] for row in species] == list(range(201)) and [row[0] for row in body_mass] == list(range(301))
    species_settings, mass_settings = json.loads(species[-1][2]), json.loads(body_mass[-1][2])
    # the consumer's own vars seed: 12345 and lr: -1 (settings the networks' meta do not give) reach neither
    assert (species_settings["network"], species_settings["label"], species_settings["seed"]) == ("species", "species", 0)
    assert species_settings["optimizer"] == "adam" and species_settings["lr"] == 0.05  # meta; adam's default lr
    assert species_settings["features"] == ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
                                            "body_mass_g", "sex"]  # every column of its model but the label
    assert (mass_settings["network"], mass_settings["label"], mass_settings["task"]) == ("body_mass", "body_mass_g", "regression")
    # inputs: island's 3 levels, sex's 2 and its NULL level (missing: impute), 3 measurements; one output
    assert mass_settings["dims"] == [9, 8, 1]
    # the held-out metric each network's own dbt tests check, reached on rows it never trained on
    assert query(consumer, "select accuracy from main_species.nn_metrics where split = 'holdout'")[0][0] >= 0.9
    assert query(consumer, "select r2 from main_body_mass.nn_metrics where split = 'holdout'")[0][0] >= 0.7


def test_training_one_network_leaves_the_other_as_it_was(consumer, tmp_path):
    before = history(consumer, "body_mass")
    # a namespaced var (what --iterations sets with --network) wins over the network model's iterations: 200
    result = consumer_run(consumer, driver, "--network", "species", "--iterations", "230", "--skip-tests",
                          "--export", str(tmp_path / "species.json"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert [row[0] for row in history(consumer, "species")] == list(range(231))
    assert history(consumer, "body_mass") == before
    # exported on its own: that network's classes and the parameters of its nn_model (iteration 230)
    exported = json.loads((tmp_path / "species.json").read_text())
    classes, bias = query(consumer, "select preprocessing, b2 from main_species.nn_model")[0]  # arrays layout
    assert exported["label"] == "species" and exported["classes"] == json.loads(classes)["classes"]
    assert exported["iteration"] == 230 and exported["layers"][1]["bias"] == list(bias)


def test_consumer_models_score_as_the_network_does(consumer, tmp_path):
    # a model of the consumer (species_rescored: predict over the rows the network trained on) gives the
    # network's own nn_predictions; so does scripts/predict.py --into, through the run-operation
    columns = ["probability_adelie", "probability_chinstrap", "probability_gentoo"]
    trained = np.array(sorted(query(consumer, f"select {', '.join(columns)} from main_species.nn_predictions")))
    in_model = np.array(sorted(query(consumer, f"select {', '.join(columns)} from main.species_rescored")))
    assert in_model.shape == trained.shape == (275, 3)
    np.testing.assert_allclose(in_model, trained, rtol=1e-12, atol=1e-15)
    result = consumer_run(consumer, scorer, "--network", "species", "--input-relation", "main.species",
                          "--into", "main.species_scored_into")
    assert result.returncode == 0, result.stderr[-3000:]
    into = np.array(sorted(query(consumer, f"select {', '.join(columns)} from main.species_scored_into")))
    np.testing.assert_array_equal(into, in_model)

    # the CSV path in the consumer project gives the consumer model's scores, row for row
    rows = query(consumer, "select * from main.new_penguins order by penguin_id")
    names = [row[0] for row in query(consumer, "select column_name from information_schema.columns where "
                                               "table_name = 'new_penguins' order by ordinal_position")]
    data = tmp_path / "new_penguins.csv"
    with open(data, "w", newline="") as f:
        csv.writer(f).writerows([names, *[["" if v is None else v for v in row] for row in rows]])
    result = consumer_run(consumer, scorer, "--network", "species", "--data", str(data), "--output", str(tmp_path / "out.csv"))
    assert result.returncode == 0, result.stderr[-3000:]
    with open(tmp_path / "out.csv") as f:
        scored_csv = list(csv.DictReader(f))
    in_model = query(consumer, f"select penguin_id, prediction, {', '.join(columns)} from main.scored_species order by penguin_id")
    assert [int(row["penguin_id"]) for row in scored_csv] == [row[0] for row in in_model]
    assert [row["prediction"] for row in scored_csv] == [row[1] for row in in_model]
    np.testing.assert_allclose([[float(row[c]) for c in columns] for row in scored_csv],
                               [row[2:] for row in in_model], rtol=1e-12, atol=1e-15)


def test_a_network_that_does_not_exist_is_named_and_nothing_is_written(consumer):
    train = consumer_run(consumer, driver, "--network", "penguin_sizes")
    assert train.returncode == 1 and "no network named penguin_sizes" in train.stderr, train.stderr[-2000:]
    score = consumer_run(consumer, scorer, "--network", "penguin_sizes", "--input-relation", "main.new_penguins",
                         "--into", "main.nothing")
    assert score.returncode == 1 and "no network named penguin_sizes" in score.stderr, score.stderr[-2000:]
    # a model that is not a network (no meta.neural_net): refused before anything is built
    train = consumer_run(consumer, driver, "--network", "new_penguins")
    assert train.returncode == 1 and "model new_penguins is not a network" in train.stderr, train.stderr[-2000:]
    assert "main_new_penguins" not in tables(consumer)
    score = consumer_run(consumer, scorer, "--network", "new_penguins", "--input-relation", "main.new_penguins",
                         "--into", "main.nothing")
    assert score.returncode == 1 and "model new_penguins is not a network" in score.stderr, score.stderr[-2000:]
    # settings by their bare names next to --network would be ignored: refused, naming the nn_ names
    train = consumer_run(consumer, driver, "--network", "species", "--vars", "{lr: 0.5}")
    assert train.returncode == 1 and "write nn_lr instead of lr" in train.stderr, train.stderr[-2000:]
    # a consumer names the network it scores with: there is no default one
    score = consumer_run(consumer, scorer, "--input-relation", "main.new_penguins", "--into", "main.nothing")
    assert score.returncode == 1 and "name the network to score with" in score.stderr, score.stderr[-2000:]
    assert not [name for name in tables(consumer)["main"] if name == "nothing" or name.startswith("nothing__nn_scoring")]


def test_plain_dbt_runs_train_a_named_network_block_by_block(consumer):
    """The README's recipe without the driver: each `dbt run` of nn_training adds one block; then the model,
    its predictions and metrics, and the network's data tests."""
    network_vars = ["--vars", "{nn_network: body_mass, nn_iterations: 340, nn_block_size: 25}"]
    env = {k: v for k, v in consumer.items() if k != "tmp"}
    for _ in range(2):
        run = run_dbt(["--no-use-colors", "run", "--select", "nn_training", *network_vars], env, cwd=CONSUMER)
        assert run.returncode == 0, run.stdout[-3000:]
    assert history(consumer, "body_mass")[-1][0] == 340  # 300 + 25, then the 15 left
    build = run_dbt(["--no-use-colors", "build", "--select", "nn_model+,package:neural_net", *network_vars], env,
                    cwd=CONSUMER)
    assert build.returncode == 0, build.stdout[-3000:]
    assert query(consumer, "select iteration from main_body_mass.nn_model")[0][0] == 340
    assert query(consumer, "select count(*) from main_body_mass.nn_metrics where split = 'holdout' and r2 >= 0.7")[0][0] == 1


def test_new_rows_then_a_retrain_as_new_rows_sh_shows_them(consumer):
    """integration_tests/new_rows.sh (last: it changes the warehouse): a loader appends 10% more penguins; the
    scheduled build keeps both networks and warns naming on_new_data; a retrain keeps version 1, which
    scored_species_v1 still scores with, pinned, and trains version 2 on every row."""
    pinned = "select * from main.scored_species_v1 order by penguin_id"
    before, trained_on = query(consumer, pinned), query(consumer, "select count(*) from main_species.nn_examples")[0][0]
    env = {k: v for k, v in consumer.items() if k != "tmp"}
    run = subprocess.run(["bash", str(CONSUMER / "new_rows.sh")], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    for network in ("species", "body_mass"):
        assert f"the rows of {network} changed since its training started" in run.stdout
    assert "Set on_new_data: retrain" in run.stdout and "on_new_data: retrain: the version trained so far is kept" in run.stdout
    versions = query(consumer, "select version, is_latest, model_relation, train_examples + holdout_examples "
                               "from main_species.nn_model_versions order by version")
    rows = query(consumer, "select count(*) from main.species")[0][0]
    assert versions == [(1, False, "nn_model_v1", trained_on), (2, True, "nn_model", rows)] and trained_on < rows
    # the pinned version scores the penguins it scored before exactly as before
    after = {row[0]: row for row in query(consumer, pinned)}
    assert [after[row[0]] for row in before] == before
