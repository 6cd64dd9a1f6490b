"""Networks as dbt nodes: a model with materialized='neural_net' trains itself when `dbt build` builds it.

A copy of integration_tests/ (two networks, species and body_mass, and the models that score with them) is
built from an empty warehouse by one plain `dbt build`, then built again, with a bound on a build's seconds,
after rows are appended, and with on_new_data: retrain. What is checked: the build trains what the driver
trains (bit for bit, so the driver's parity with numpy carries over), a build with nothing new changes
nothing, a bounded build continues where it stopped with the same numbers, new rows never change a model
silently, and a retrain keeps the old history."""
from __future__ import annotations

import collections
import csv
import json
import os
import shutil

import duckdb
import numpy as np
import pytest

from neural_net_sql import reference as ref

from neural_net_sql import train as driver
from conftest import PROJECT_DIR, run_dbt, run_driver
from test_parity import assert_parameters_close

# a history's columns that say when and by which invocation a row was written, not what was trained
WRITTEN = {"invocation_id", "trained_at"}


class Consumer:
    """A copy of integration_tests/ in a temporary folder, installing this repository as its package."""

    def __init__(self, folder):
        self.dir = folder / "consumer"
        shutil.copytree(PROJECT_DIR / "integration_tests", self.dir,
                        ignore=shutil.ignore_patterns("target", "dbt_packages", "logs", "*.duckdb*", "package-lock.yml"))
        (self.dir / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_DIR}\n")
        self.database = folder / "consumer.duckdb"
        self.env = dict(os.environ, DBT_PROFILES_DIR=str(self.dir), NN_IT_DUCKDB_PATH=str(self.database),
                        DBT_TARGET_PATH=str(folder / "target"), DBT_LOG_PATH=str(folder / "logs"))

    def dbt(self, *args: str, ok: bool = True, database=None) -> str:
        env = dict(self.env, NN_IT_DUCKDB_PATH=str(database or self.database))
        result = run_dbt(["--no-use-colors", *args], env, cwd=self.dir)
        assert (result.returncode == 0) == ok, result.stdout[-4000:]
        return result.stdout

    def rows(self, sql: str) -> list[dict]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            relation = con.sql(sql)
            return [dict(zip(relation.columns, row)) for row in relation.fetchall()]

    def query(self, sql: str, database=None) -> list[tuple]:
        with duckdb.connect(str(database or self.database), read_only=True) as con:
            return con.sql(sql).fetchall()

    def history(self, network: str, table: str = "nn_training", database=None) -> list[dict]:
        """The history's rows by iteration, without the columns that say when they were written; the
        preprocessing without the fingerprint of the rows, which only the materialization keeps."""
        with duckdb.connect(str(database or self.database), read_only=True) as con:
            relation = con.sql(f"select * from main_{network}.{table} order by iteration")
            names, rows = relation.columns, relation.fetchall()
        out = []
        for row in rows:
            record = {name: value for name, value in zip(names, row) if name not in WRITTEN}
            record["preprocessing"] = {k: v for k, v in json.loads(record["preprocessing"]).items()
                                       if k != "input_fingerprint"}
            out.append(record)
        return out


@pytest.fixture(scope="module")
def consumer(tmp_path_factory):
    project = Consumer(tmp_path_factory.mktemp("network_builds"))
    project.dbt("deps")
    project.dbt("seed")
    project.first_build = project.dbt("build")
    return project


def test_one_build_trains_every_network_then_tests_and_scores(consumer):
    assert "Done. PASS=15 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=15" in consumer.first_build
    # each network's own test (network_metric_at_least) ran after it trained and before what scores with it
    order = [line.split(" START ")[1].split()[-3] for line in consumer.first_build.splitlines() if " START " in line]
    for network in ("species", "body_mass"):
        test = next(i for i, name in enumerate(order) if name.startswith(f"neural_net_network_metric_at_least_{network}"))
        assert order.index(f"main.{network}") < test < order.index(f"main.scored_{network}")
    assert [r["iteration"] for r in consumer.history("species")] == list(range(201))
    assert [r["iteration"] for r in consumer.history("body_mass")] == list(range(301))
    # the scoring models ran after the networks they score with (ref(network) in predict)
    assert consumer.query("select count(*), count(prediction) from main.scored_species") == [(69, 69)]
    assert consumer.query("select accuracy >= 0.9 from main_species.nn_metrics where split = 'holdout'") == [(True,)]


def test_the_build_trains_what_the_driver_trains(consumer, tmp_path):
    """The same network trained by scripts/train.py --network in another warehouse: the same history, row for
    row, bit for bit (the driver's parameters equal numpy's: test_categorical, test_package)."""
    other = tmp_path / "driver.duckdb"
    consumer.dbt("seed", database=other)
    env = {k: v for k, v in consumer.env.items()}
    env["NN_IT_DUCKDB_PATH"] = str(other)
    result = run_driver(["--project-dir", str(consumer.dir), "--network", "species", "--train-only"], env, timeout=600,
                        main=driver.main)
    assert result.returncode == 0, result.stderr[-3000:]
    assert consumer.history("species", database=other) == consumer.history("species")


def test_a_second_build_with_nothing_new_changes_nothing(consumer):
    tables = ["nn_training", "nn_examples", "nn_model", "nn_metrics"]
    before = {t: consumer.query(f"select * from main_species.{t} order by all") for t in tables}
    output = consumer.dbt("build")
    assert "Done. PASS=15 WARN=0 ERROR=0" in output and "nn_training: iteration" not in output
    assert {t: consumer.query(f"select * from main_species.{t} order by all") for t in tables} == before


def test_a_bounded_build_stops_between_blocks_and_the_next_continues(consumer, tmp_path):
    """seconds_per_build 0: each build trains one block (here K = 100) and stops; the next continues from the
    latest row, to the same numbers as the build that trained without stopping (in one block of DuckDB's
    default 500 for this small network)."""
    uninterrupted = consumer.history("species")
    bounded, other = "{nn_seconds_per_build: 0, nn_block_size: 100}", tmp_path / "bounded.duckdb"
    consumer.dbt("seed", database=other)
    consumer.dbt("run", "-s", "new_penguins", database=other)  # what scored_species scores
    output = consumer.dbt("build", "-s", "species", "--vars", bounded, database=other)
    assert "the next build continues from the latest iteration" in output
    assert [r["iteration"] for r in consumer.history("species", database=other)] == list(range(101))
    # the model of a build that stopped is the latest row, measured as such
    assert consumer.query("select distinct iteration from main_species.nn_metrics", database=other) == [(100,)]
    # a selector builds the network, its tests and what scores with it, and nothing of the other network
    # (but the test of both networks' scores, as this warehouse has no body_mass)
    output = consumer.dbt("build", "-s", "species+", "--exclude", "every_new_penguin_scored_once", "--vars", bounded,
                          database=other)
    assert "scored_species" in output and "species_rescored" in output and "body_mass" not in output
    assert consumer.history("species", database=other) == uninterrupted
    assert consumer.query("select distinct iteration from main_species.nn_metrics", database=other) == [(200,)]


def test_a_network_that_falls_short_of_its_bar_stops_what_scores_with_it(consumer):
    """The network's own test fails when its held-out R² is below min_r2 (here raised by nn_min_r2 past what it
    reaches): the build names the value and the setting, and the models that score with it are skipped."""
    r2 = consumer.query("select r2 from main_body_mass.nn_metrics where split = 'holdout'")[0][0]
    output = consumer.dbt("build", "-s", "body_mass+", "--vars", "{nn_min_r2: 0.99}", ok=False)
    assert f"network body_mass: holdout r2 {round(r2, 4)} is below min_r2 0.99" in output
    assert "SKIP relation main.scored_body_mass" in output
    assert "PASS=" in consumer.dbt("build", "-s", "body_mass+")  # at its own bar (0.7) it passes again


def append_penguins(consumer, share: float = 0.1) -> int:
    """Appends copies of the first rows of the penguins seed under new ids; returns how many."""
    path = consumer.dir / "seeds" / "penguins.csv"
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    count = round(share * len(body))
    start = max(int(row[header.index("penguin_id")]) for row in body) + 1
    added = []
    for offset, row in enumerate(body[:count]):
        row = list(row)
        row[header.index("penguin_id")] = str(start + offset)
        added.append(row)
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *body, *added])
    return count


def test_new_rows_never_change_a_model_silently(consumer):
    history, examples = consumer.history("species"), consumer.query("select * from main_species.nn_examples order by all")
    metrics = consumer.query("select * from main_species.nn_metrics order by all")
    split_before = consumer.query("select * exclude (example_id) from main_species.nn_examples")
    # version 1 pinned (scored_species_v1) is the latest one so far: it scores as the network does
    scored = "select * from main.{} order by penguin_id"
    assert consumer.query(scored.format("scored_species_v1")) == consumer.query(scored.format("scored_species"))
    pinned_before = consumer.query(scored.format("scored_species_v1"))
    append_penguins(consumer)
    consumer.dbt("seed")
    # on_new_data: warn (the default): the model keeps the rows it was trained on, and the build says so
    output = consumer.dbt("build", "-s", "species")
    assert "the rows of species changed since its training started" in output and "on_new_data: retrain" in output
    assert consumer.history("species") == history
    assert consumer.query("select * from main_species.nn_examples order by all") == examples
    assert consumer.query("select * from main_species.nn_metrics order by all") == metrics

    # retrain: the history is kept as nn_training_v1, and a new one trains on every row there is now
    output = consumer.dbt("build", "-s", "species", "--vars", "{nn_on_new_data: retrain}")
    assert "on_new_data: retrain: the version trained so far is kept (its history as" in output
    assert consumer.history("species", table="nn_training_v1") == history
    assert [r["iteration"] for r in consumer.history("species")] == list(range(201))
    rows = consumer.query("select count(*) from main.species")[0][0]
    assert rows > len(examples) and consumer.query("select count(*) from main_species.nn_examples") == [(rows,)]
    assert consumer.query("select sum(examples) from main_species.nn_metrics") == [(rows,)]
    # no row moved between the held-out and the training rows: each one there before (its values and its
    # side) is there now; the appended copies took sides of their own
    sides = "select * exclude (example_id) from main_species.nn_examples"
    assert not collections.Counter(split_before) - collections.Counter(consumer.query(sides))
    # the versions: 1 kept as it was (its rows' fingerprint, its held-out accuracy), 2 the latest, trained on the
    # rows as they are; version 1 pinned still scores as before, and a version that does not exist is refused
    versions = consumer.rows("select * from main_species.nn_model_versions order by version")
    assert [(v["version"], v["is_latest"], v["model_relation"], v["iteration"]) for v in versions] == [
        (1, False, "nn_model_v1", 200), (2, True, "nn_model", 200)]
    first_fingerprint = json.loads(consumer.query("select preprocessing from main_species.nn_training_v1 where iteration = 0")[0][0])["input_fingerprint"]
    assert versions[0]["input_fingerprint"] == first_fingerprint != versions[1]["input_fingerprint"]
    holdout_before = [row for row in metrics if row[0] == "holdout"][0]
    assert versions[0]["holdout_accuracy"] == holdout_before[4] and versions[0]["holdout_examples"] == holdout_before[3]
    assert versions[1]["train_examples"] + versions[1]["holdout_examples"] == rows
    consumer.dbt("build", "-s", "scored_species_v1")
    pinned = {row[0]: row for row in consumer.query(scored.format("scored_species_v1"))}
    assert [pinned[row[0]] for row in pinned_before] == pinned_before  # (new_penguins gained the appended ones)
    missing = consumer.dbt("show", "--inline", "select * from {{ neural_net.predict(ref('new_penguins'), network=ref('species'), version=7) }}", ok=False)
    assert "network species has no version 7: its versions are 1 .. 2, 2 the latest" in missing
    # a version kept without its model (as one kept before models were): listed from its history, not scorable
    with duckdb.connect(str(consumer.database)) as con:
        con.execute("drop table main_species.nn_model_v1")
        con.execute("drop table main_species.nn_model_versions")  # so that the next build lists the versions again
    consumer.dbt("build", "-s", "species")
    kept = consumer.rows("select version, is_latest, model_relation, iteration from main_species.nn_model_versions order by version")
    assert [tuple(v.values()) for v in kept] == [(1, False, None, 200), (2, True, "nn_model", 200)]
    unscorable = consumer.dbt("build", "-s", "scored_species_v1", ok=False)
    assert "network species's version 1 was kept without its model" in unscorable
    # and then it is a history like any other: the next build has nothing new
    output = consumer.dbt("build", "-s", "species")
    assert "changed since" not in output and "nn_training: iteration" not in output


FLIPPERS = """{{ config(materialized='neural_net', meta={'neural_net': {
    'label': 'species', 'features': ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm'], 'missing': 'drop',
    'hidden': [4], 'optimizer': 'sgd', 'lr': 0.5, 'iterations': 30, 'on_new_data': 'continue'}}) }}
select bill_length_mm, bill_depth_mm, flipper_length_mm, species from {{ ref('penguins') }}
"""


def test_continue_trains_on_the_new_rows_as_numpy_does(tmp_path):
    """on_new_data: continue: after rows are appended, the history goes on from its latest iteration for
    `iterations` more, on every row there is now, with the preprocessing fitted when it started; equal to numpy
    training 30 steps on the first rows, then 30 from there on all of them (1e-9). No row changed sides."""
    project = Consumer(tmp_path)
    (project.dir / "models" / "networks" / "flippers.sql").write_text(FLIPPERS)
    project.dbt("deps")
    project.dbt("seed")
    project.dbt("build", "-s", "flippers")
    examples = "select x_0, x_1, x_2, label, is_holdout from main_flippers.nn_examples order by example_id"
    before = project.query(examples)
    with duckdb.connect(str(project.database)) as con:
        con.execute("insert into main.penguins select * replace (penguin_id + 1000 as penguin_id) "
                    "from main.penguins where penguin_id % 10 = 2")
    output = project.dbt("build", "-s", "flippers")
    assert "on_new_data: continue: training goes on from iteration 30" in output
    after = project.query(examples)
    assert len(after) > len(before) and not collections.Counter(before) - collections.Counter(after)
    history = project.history("flippers")
    assert [row["iteration"] for row in history] == list(range(61))

    def training(rows):
        x = np.array([row[:3] for row in rows if not row[4]], dtype=float)
        return x, np.array([row[3] for row in rows if not row[4]])

    x_first, y_first = training(before)
    x_all, y_all = training(after)
    fitted = ref.fit_preprocessing(x_first)
    dims = [3, 4, 3]
    params, _ = ref.train(ref.from_state(history[0], dims), ref.preprocess(x_first, fitted), y_first, "relu", 0.5, 1e-3, 30)
    assert_parameters_close(ref.from_state(history[30], dims), params)
    params, _ = ref.train(params, ref.preprocess(x_all, fitted), y_all, "relu", 0.5, 1e-3, 30)
    assert_parameters_close(ref.from_state(history[60], dims), params)
    stored = history[60]["preprocessing"]
    assert stored["continued_from"] == 30 and stored["training_rows"] == len(y_all) > len(y_first)
    # the statistics are those fitted on the first rows, not refitted on the new ones
    assert [f["mean"] for f in stored["features"]] == [f["mean"] for f in history[0]["preprocessing"]["features"]]
    # a build with nothing new trains nothing more
    assert "nn_training: iteration" not in project.dbt("build", "-s", "flippers")
    # a class the network has no output for: refused, naming the classes, and nothing changes
    with duckdb.connect(str(project.database)) as con:
        con.execute("insert into main.penguins select * replace (penguin_id + 2000 as penguin_id, 'Dodo' as species) "
                    "from main.penguins where penguin_id in (2, 12)")
    output = project.dbt("build", "-s", "flippers", ok=False)
    assert "on_new_data: continue cannot train flippers on its rows as they are: its classes are now 0 .. 3, the network has 3 outputs" in output
    assert 'the label\'s values are now ["Adelie", "Chinstrap", "Dodo", "Gentoo"], the network was trained on ["Adelie", "Chinstrap", "Gentoo"]' in output
    assert project.history("flippers") == history and project.query(examples) == after
    assert project.query("select count(*) from information_schema.tables where table_name = 'nn_examples__continued'") == [(0,)]


def test_a_setting_given_by_its_bare_name_is_never_ignored(consumer):
    # in a build, where the project's own vars may share a name: a warning that names the nn_ var
    output = consumer.dbt("build", "-s", "species", "--vars", "{iterations: 1000}")
    assert "--vars iterations would not reach network species" in output and "write nn_iterations instead" in output
    assert consumer.history("species")[-1]["iteration"] == 200
    # when the run names the network to train (the package's models): refused
    output = consumer.dbt("run", "-s", "1+nn_examples", "--vars", "{nn_network: species, iterations: 1000}", ok=False)
    assert "write nn_iterations instead" in output


def test_a_var_that_no_setting_reads_is_never_ignored(consumer):
    # a misspelled nn_ var: warned in a build, refused where the package's models train a named network
    output = consumer.dbt("build", "-s", "species", "--vars", "{nn_iteratons: 1000}")
    assert "--vars nn_iteratons: no setting of that name" in output
    output = consumer.dbt("run", "-s", "1+nn_examples", "--vars", "{nn_network: species, nn_iteratons: 1000}", ok=False)
    assert "--vars nn_iteratons: no setting of that name" in output
    # a setting of the materialization, in a run that does not build networks: refused, naming it
    output = consumer.dbt("run", "-s", "1+nn_examples", "--vars", "{nn_network: species, nn_on_new_data: retrain}", ok=False)
    assert "on_new_data steer a network that `dbt build` trains" in output


def test_a_setting_changed_between_builds_is_refused_then_trained_as_a_new_version(consumer):
    history = consumer.history("species")
    lr = json.loads(history[-1]["run_settings"])["lr"]
    output = consumer.dbt("build", "-s", "species", "--vars", "{nn_lr: 0.5}", ok=False)
    assert f"trained with other settings: lr: {lr} when trained, now 0.5" in output
    assert "dbt build --full-refresh --select species" in output
    assert consumer.history("species") == history
    # --full-refresh trains a new version and keeps the one trained so far, as a version of its own
    versions = consumer.query("select count(*) from main_species.nn_model_versions")[0][0]
    output = consumer.dbt("build", "-s", "species", "--full-refresh", "--vars", "{nn_lr: 0.5, nn_block_size: 100}")
    assert f"--full-refresh: the version trained so far is kept (its history as" in output
    # one new history, trained block after block (K = 100): not started again at each block
    assert [r["iteration"] for r in consumer.history("species")] == list(range(201))
    assert output.count("nn_training: iteration") == 2
    assert consumer.history("species", table=f"nn_training_v{versions}") == history
    assert json.loads(consumer.history("species")[-1]["run_settings"])["lr"] == 0.5
    latest = consumer.rows("select version, is_latest, model_relation from main_species.nn_model_versions order by version")[-2:]
    assert [tuple(v.values()) for v in latest] == [(versions, False, f"nn_model_v{versions}"), (versions + 1, True, "nn_model")]


def test_scoring_with_a_network_not_built_yet_says_how_to_build_it(consumer, tmp_path):
    """In an empty warehouse, a scoring model run on its own (its network excluded) fails naming the network's
    missing model and the dbt command that builds it, not the driver of this repository."""
    empty = tmp_path / "empty.duckdb"
    consumer.dbt("seed", database=empty)
    output = consumer.dbt("run", "-s", "scored_species", ok=False, database=empty)
    assert "no trained network:" in output and "Build the network first: dbt build --select <network>+" in output
    assert "scripts/train.py" not in output


def test_two_networks_writing_the_same_relations_are_refused(consumer, tmp_path):
    """A schema that holds another network's history (as a generate_schema_name that gives two networks one
    schema would make it): the build is refused naming both networks, --full-refresh too, and that history is
    left as it was."""
    shared = tmp_path / "shared.duckdb"
    consumer.dbt("seed", database=shared)
    consumer.dbt("build", "-s", "species", database=shared)
    with duckdb.connect(str(shared)) as con:
        con.execute("create schema main_body_mass")
        con.execute("create table main_body_mass.nn_training as select * from main_species.nn_training")
    kept = consumer.query("select * from main_body_mass.nn_training order by iteration", database=shared)
    for flags in ([], ["--full-refresh"]):
        output = consumer.dbt("build", "-s", "body_mass", *flags, ok=False, database=shared)
        assert "network body_mass would write into" in output and "which holds the history of network species" in output
    assert consumer.query("select * from main_body_mass.nn_training order by iteration", database=shared) == kept
