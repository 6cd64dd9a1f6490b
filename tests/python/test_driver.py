"""The ways people use the project: the driver's defaults, resuming, the dbt CLI itself, their own table."""
from __future__ import annotations

import json
import subprocess

import duckdb
import pytest

from neural_net_sql import reference as ref
from conftest import PROJECT_DIR, blobs, run_dbt, write_csv


def metrics(project) -> dict:
    return {row["split"]: row for row in project.rows("select * from nn_metrics")}


def test_holdout_folds_are_disjoint_and_cover_every_example(project, tmp_path):
    """holdout_fold k holds out the k-th slice of the split's hash: folds 0 .. 4 of holdout_fraction 0.2 are five
    disjoint held-out sets that together are every example (k-fold cross-validation), each the rows the
    independent definition (reference.is_held_out) holds out in that fold, and fold 0 is the split of a run that
    does not set it."""
    data = blobs(250, 2, 2)
    csv = write_csv(tmp_path / "blobs.csv", data)
    args = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--iterations", "0", "--train-only", "--full-refresh"]
    rows = list(zip(data["f0"], data["f1"], data["cls"]))
    held_out = []
    for fold in range(5):
        project.train(*args, "--holdout-fold", str(fold))
        held_out.append(set(project.query("select x_0, x_1, label from nn_examples where is_holdout")))
        assert held_out[-1] == {row for row in rows if ref.is_held_out(list(row), ["number"] * 3, 0.2, fold)}
    every = set(project.query("select x_0, x_1, label from nn_examples"))
    assert len(every) == 250 and set().union(*held_out) == every
    assert sum(len(fold) for fold in held_out) == 250 and all(held_out)
    project.train(*args)
    assert set(project.query("select x_0, x_1, label from nn_examples where is_holdout")) == held_out[0]


def test_article_data_10_then_100_iterations_resuming(project, tmp_path):
    """The README's targets: >= 97% held out after 10 iterations, >= 99.5% after 100, resuming in between."""
    out = project.train("--iterations", "10", "--block-size", "10")
    assert "iteration 10/10" in out.stderr
    assert "holdout" in out.stdout and "nn_model" in out.stdout
    assert metrics(project)["holdout"]["accuracy"] >= 0.97
    first_ten = project.history()

    out = project.train("--iterations", "100", "--export", str(tmp_path / "model.json"), "--plot", str(tmp_path / "t.png"))
    history = project.history()
    assert [row["iteration"] for row in history] == list(range(101))
    assert history[:11] == first_ten, "resuming must not touch the iterations already trained"
    assert metrics(project)["holdout"]["accuracy"] >= 0.995
    assert (tmp_path / "t.png").stat().st_size > 10_000

    exported = json.loads((tmp_path / "model.json").read_text())
    assert exported["features"] == ["x1", "x2"] and exported["classes"] == [0, 1]
    assert exported["activation"] == "relu" and exported["iteration"] == 100
    assert [h["iteration"] for h in exported["history"]] == list(range(101))
    assert exported["history"][0]["loss"] is None
    assert exported["history"][-1]["loss"] == history[-1]["loss"]
    # input i = (feature_i - center_i) / scale_i, and weights[i][j] connects input i to unit j: the export
    # predicts exactly as nn_predictions does
    params = [(ref.np.array(layer["weights"]), ref.np.array(layer["bias"])) for layer in exported["layers"]]
    assert [w.shape for w, _ in params] == [(2, 16), (16, 2)]
    assert [f["name"] for f in exported["preprocessing"]] == ["x1", "x2"]
    center = ref.np.array([f["center"] for f in exported["preprocessing"]])
    scale = ref.np.array([f["scale"] for f in exported["preprocessing"]])
    assert (scale != 1).all() and (center != 0).all()
    rows = project.rows("select x1, x2, predicted_class, probability_1 from nn_predictions order by example_id limit 500")
    _, scores = ref.forward(params, (ref.np.array([[r["x1"], r["x2"]] for r in rows]) - center) / scale, "relu")
    assert scores.argmax(axis=1).tolist() == [r["predicted_class"] for r in rows]
    ref.np.testing.assert_allclose(ref.softmax(scores)[1][:, 1], [r["probability_1"] for r in rows], rtol=1e-12)

    # once there, another run does nothing
    project.train("--iterations", "100")
    assert project.history() == history


def test_train_only_trains_the_history_and_leaves_the_model_to_the_next_run(project, tmp_path):
    csv = write_csv(tmp_path / "blobs.csv", blobs(200, 2, 2))
    args = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--hidden", "3", "--iterations", "4"]
    result = project.train(*args, "--train-only")
    assert "trained to iteration 4; the history is nn_training" in result.stderr
    assert "accuracy" not in result.stdout  # no report: nothing downstream of the history was built
    built = {row[0] for row in project.query("select table_name from information_schema.tables")}
    assert "nn_training" in built and not built & {"nn_model", "nn_predictions", "nn_metrics"}
    history = project.history()
    assert [row["iteration"] for row in history] == list(range(5))

    # what needs the model is refused before anything runs
    refused = project.train(*args, "--train-only", "--export", str(tmp_path / "m.json"), "--min-accuracy", "0.5", check=False)
    assert refused.returncode == 1
    assert "--export, --min-accuracy need the trained model and its tests, which --train-only does not build" in refused.stderr
    assert not (tmp_path / "m.json").exists() and project.history() == history

    # the next run without it trains nothing more and builds the model from the history
    project.train(*args, "--skip-tests")
    assert project.history() == history
    assert project.query("select iteration from nn_model") == [(4,)]


def test_the_defaults_fit_the_work_a_small_table_trains_in_one_block_of_arrays(project, tmp_path):
    """On DuckDB `layout: auto` and the default block size look at the rows (nn_auto_layout, nn_default_block_size):
    4-16-3 (131 parameters) on 120 training rows trains in the arrays layout, its 500 iterations in one block, one
    dbt run; on 2,400 training rows (more than 4 per parameter, more than 300,000 parameter-rows) in columns, in
    blocks of 100."""
    from test_wide_networks import training_sql

    for rows, iterations, layout, blocks in ((150, 500, "arrays", 1), (3000, 200, "columns", 2)):
        csv = write_csv(tmp_path / f"blobs_{rows}.csv", blobs(rows, 4, 3))
        result = project.train("--data", str(csv), "--features", "f0,f1,f2,f3", "--label", "cls", "--hidden", "16",
                               "--iterations", str(iterations), "--train-only", "--full-refresh")
        assert f"trained to iteration {iterations}" in result.stderr
        assert project.query("select count(distinct invocation_id) from nn_training where iteration > 0") == [(blocks,)]
        sql = training_sql(project)
        assert ("list_inner_product" in sql) == (layout == "arrays") and ("w1_0_0" in sql) == (layout == "columns"), layout


def test_iterations_0_exports_the_initial_weights(project, tmp_path):
    project.train("--iterations", "0", "--hidden", "3,4", "--seed", "5", "--skip-tests", "--export", str(tmp_path / "m.json"))
    exported = json.loads((tmp_path / "m.json").read_text())
    expected = ref.initial_parameters([2, 3, 4, 2], "he", seed=5)
    assert exported["iteration"] == 0 and exported["history"] == [{"iteration": 0, "loss": None, "train_accuracy": None}]
    for layer, (w, b) in zip(exported["layers"], expected):
        assert layer["weights"] == w.tolist() and layer["bias"] == b.tolist()


def dbt_cli(project, *args: str) -> subprocess.CompletedProcess:
    env = project.environment()
    return run_dbt(list(args), env)


def test_plain_dbt_seed_run_test(project):
    """`dbt seed`, `dbt run --vars '{iterations: 10, lr: 2.0}'`, `dbt test`: trained fully in one run."""
    assert dbt_cli(project, "seed").returncode == 0
    run = dbt_cli(project, "run", "--vars", "{iterations: 10, lr: 2.0}")
    assert run.returncode == 0, run.stdout
    assert "nn_training: iteration 10 of 10" in run.stdout
    assert [row["iteration"] for row in project.history()] == list(range(11))
    test = dbt_cli(project, "test", "--vars", "{iterations: 10, lr: 2.0}")
    assert test.returncode == 0, test.stdout
    # the accuracy test can fail: demand more than 10 iterations give
    strict = dbt_cli(project, "test", "--select", "nn_metrics", "--vars", "{iterations: 10, min_accuracy: 0.9999}")
    assert strict.returncode == 1 and "metric_at_least_nn_metrics_accuracy" in strict.stdout


def test_train_on_your_own_table(project):
    """A warehouse table with other column names, pointed at by var; three classes."""
    rng = ref.np.random.default_rng(3)
    x = rng.normal(size=(900, 2))
    label = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)
    with duckdb.connect(str(project.database)) as con:
        con.execute("create schema analytics")
        con.execute("create table analytics.customers (age double, spend double, segment integer, note varchar)")
        con.executemany("insert into analytics.customers values (?, ?, ?, 'x')",
                        [(a, s, int(c)) for (a, s), c in zip(x.tolist(), label)])
    out = project.train("--input-relation", "analytics.customers", "--features", "age,spend", "--label", "segment",
                        "--hidden", "8", "--iterations", "200", "--lr", "1.0", "--min-accuracy", "0.9")
    assert "holdout" in out.stdout
    predictions = project.rows("select * from nn_predictions limit 1")[0]
    assert {"age", "spend", "probability_0", "probability_1", "probability_2"} <= set(predictions)
    confusion = project.rows("select sum(examples) as n from nn_confusion_matrix")[0]
    assert confusion["n"] == 900


def test_predictions_read_the_network_from_the_stored_model(project):
    """After training, scoring with other network vars uses the stored network, not the vars."""
    project.train("--iterations", "5", "--hidden", "3", "--activation", "tanh", "--skip-tests")
    scored = project.rows("select * from nn_predictions order by example_id")
    run = dbt_cli(project, "run", "--select", "nn_predictions", "--vars", "{hidden: [5, 5], activation: relu}")
    assert run.returncode == 0, run.stdout
    assert project.rows("select * from nn_predictions order by example_id") == scored
    for node in ("nn_predictions", "nn_metrics", "nn_confusion_matrix"):  # the last two read only the task of the model
        other = dbt_cli(project, "run", "--select", node, "--vars", "{features: [x2, x1]}")
        assert other.returncode == 1, node
        assert "was trained on features ['x1', 'x2'], but the features var is ['x2', 'x1']" in other.stdout, node



def parsed_nodes(tmp_path, name: str, variables: dict) -> dict:
    """Every node dbt parses with these vars (a full parse of its own), as dicts without parse timestamps."""
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(["parse", "--no-partial-parse", "--quiet", "--project-dir", str(PROJECT_DIR),
                                 "--target-path", str(tmp_path / name), "--vars", json.dumps(variables)])
    assert result.success, result.exception
    manifest = result.result
    nodes = {**manifest.nodes, **{key: node for key, nodes in manifest.disabled.items() for node in nodes}}
    return {key: {k: v for k, v in node.to_dict().items() if k != "created_at"} for key, node in nodes.items()}


def depended_on(node: dict) -> list[str]:
    return node["depends_on"].get("nodes", [])  # (a seed's depends_on has macros only)


def without_dependencies(node: dict) -> dict:
    return {k: v for k, v in node.items() if k not in ("depends_on", "refs")}


@pytest.mark.parametrize("settings", [
    {"hidden": [8, 4], "layout": "arrays", "optimizer": "adam", "batch_size": 32, "missing": "impute",
     "input_relation": "main.other", "features": ["a", "b"], "label": "y", "task": "regression", "iterations": 7,
     "block_size": 3, "holdout_fraction": 0, "min_r2": 0.1},
    {"early_stopping": True, "validation_fraction": 0.3, "class_weight": "balanced", "categorical": ["x2"],
     "n_classes": 3, "activation": "tanh", "init": "he", "standardize": False, "min_accuracy": 0.5}])
def test_what_dbt_parses_depends_on_no_setting_but_the_network(tmp_path, monkeypatch, settings):
    """Without a network the driver parses with no var (dbt_runner.parse_vars: its saved parse then serves runs of
    any settings) and compiles every command with all the settings. A setting that changed what dbt parses (a node's config,
    whether it is enabled, its SQL) would be ignored; a ref made under a setting but not under the defaults
    would fail the run. So: the nodes parsed with the settings equal those parsed with none, but for their
    dependencies, which under the defaults hold every one the settings' do (the example seed, the predictions
    that only a classification's accuracy reads), and more."""
    from neural_net_sql.dbt_runner import parse_vars

    assert parse_vars(settings) == {}
    monkeypatch.setenv("NN_DATA_PATH", str(tmp_path / "nn_data"))  # no staged CSV of another run's in either parse
    plain = parsed_nodes(tmp_path, "plain", {})
    given = parsed_nodes(tmp_path, "settings", settings)
    assert set(given) == set(plain)
    for key, node in given.items():
        assert without_dependencies(node) == without_dependencies(plain[key]), key
        assert set(depended_on(node)) <= set(depended_on(plain[key])), key
    if "input_relation" in settings:  # the comparison can tell: the example seed is read under the defaults only
        examples = "model.neural_net.nn_examples"
        assert depended_on(given[examples]) == [] != depended_on(plain[examples])
