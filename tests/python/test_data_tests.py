"""The project's dbt data tests can fail: each is run on a trained project that has been broken on purpose in
the way the test guards against, and must report it."""
from __future__ import annotations

import json
import re
import subprocess

import duckdb
import numpy as np
import pytest

from conftest import blobs, run_dbt, write_csv

DATA = ["--features", "f0,f1,f2", "--label", "cls", "--hidden", "4"]


BLOBS_VARS = "{input_relation: nn_data_blobs, features: [f0, f1, f2], label: cls, hidden: [4], iterations: 30, min_accuracy: 0.5}"


def dbt(project, *args: str, variables: str = BLOBS_VARS) -> subprocess.CompletedProcess:
    """Runs a dbt command as a user would."""
    return run_dbt(["--no-use-colors", *args, "--vars", variables], project.environment())


def dbt_test(project, variables: str = BLOBS_VARS) -> dict[str, str]:
    """Runs `dbt test` as a user would; returns each test's status by name (PASS, FAIL n, ERROR)."""
    result = dbt(project, "test", variables=variables)
    return {name: status for status, name in re.findall(r"\d+ of \d+ (PASS|FAIL \d+|ERROR) (\w+)", result.stdout)}


def status_of(statuses: dict[str, str], test: str) -> str:
    matches = [status for name, status in statuses.items() if name.startswith(test)]
    assert len(matches) == 1, (test, statuses)
    return matches[0]


def test_each_data_test_fails_on_the_breakage_it_guards_against(project, tmp_path):
    csv = write_csv(tmp_path / "blobs.csv", blobs(600, 3, 3))
    project.train("--data", str(csv), *DATA, "--iterations", "30", "--min-accuracy", "0.5")  # runs dbt test: all pass
    assert set(dbt_test(project).values()) == {"PASS"}

    with duckdb.connect(str(project.database)) as con:
        con.execute("insert into nn_training select * from nn_training where iteration = 5")  # a block written twice
        con.execute("update nn_training set run_settings = run_settings || ' ' where iteration = 3")  # two runs mixed
        con.execute("update nn_predictions set probability_0 = probability_0 + 1e-6 where example_id = 7")
        con.execute("delete from nn_predictions where example_id = 9")  # an example lost
        con.execute("update nn_examples set is_holdout = true where example_id <= 300")  # an uneven split
        con.execute("update nn_metrics set accuracy = 0.4")
    statuses = dbt_test(project)
    for test in ["history_is_contiguous", "history_is_one_run", "probabilities_are_a_distribution",
                 "predictions_cover_every_example", "holdout_matches_fraction", "metric_at_least_nn_metrics_accuracy"]:
        assert status_of(statuses, test).startswith("FAIL"), (test, statuses)
    assert status_of(statuses, "loss_decreased") == "PASS"


def test_loss_decreased_fails_when_too_few_losses_show_learning(project, tmp_path):
    csv = write_csv(tmp_path / "blobs.csv", blobs(600, 3, 3))
    project.train("--data", str(csv), *DATA, "--iterations", "1", "--skip-tests")
    assert status_of(dbt_test(project), "loss_decreased").startswith("FAIL")


def test_with_nothing_held_out_the_thresholds_and_the_split_check_read_the_validation_rows(project, tmp_path):
    """Early stopping with holdout_fraction 0: the accuracy test measures the validation rows, not the training
    rows the model was fitted to; the split test checks the validation share."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(600, 3, 3))
    settings = "early_stopping: true, validation_fraction: 0.2, holdout_fraction: 0"
    project.train("--data", str(csv), *DATA, "--iterations", "30", "--skip-tests", "--vars", f"{{{settings}}}")
    accuracy = {row["split"]: row["accuracy"] for row in project.rows("select split, accuracy from nn_metrics")}
    assert set(accuracy) == {"train", "validation"} and accuracy["train"] != accuracy["validation"]
    between = (accuracy["train"] + accuracy["validation"]) / 2
    variables = BLOBS_VARS.replace("min_accuracy: 0.5", f"min_accuracy: {between}, {settings}")
    expected = "PASS" if accuracy["validation"] >= between else "FAIL 1"
    statuses = dbt_test(project, variables)
    assert status_of(statuses, "metric_at_least_nn_metrics_accuracy") == expected, statuses
    assert status_of(statuses, "holdout_matches_fraction") == "PASS"

    with duckdb.connect(str(project.database)) as con:
        con.execute("update nn_examples set is_validation = false where example_id <= 400")  # validation rows lost
    assert status_of(dbt_test(project, variables), "holdout_matches_fraction").startswith("FAIL")


def test_by_default_the_metric_tests_require_beating_the_baseline_and_say_why_they_fail(project, tmp_path):
    """min_accuracy and min_r2 unset: held-out accuracy must beat always answering the training rows' most
    frequent class, R² always answering their mean (nn_metrics' baselines, checked here against numpy). A model
    that learned nothing from labels that do not depend on the features fails, and the driver's error and the
    dbt test's log say what was reached, what was required and which setting sets it."""
    rng = np.random.default_rng(5)
    noise = {"f0": rng.normal(size=400).tolist(), "f1": rng.normal(size=400).tolist(),
             "cls": (rng.random(400) < 0.3).astype(int).tolist()}
    csv = write_csv(tmp_path / "noise.csv", noise)
    result = project.train("--data", str(csv), "--features", "f0,f1", "--label", "cls", "--iterations", "200", check=False)
    labels = project.rows("select split, actual_class from nn_predictions")
    train = [r["actual_class"] for r in labels if r["split"] == "train"]
    majority = max(set(train), key=lambda c: (train.count(c), -c))
    metrics = {row["split"]: row for row in project.rows("select * from nn_metrics")}
    for split, row in metrics.items():
        rows = [r["actual_class"] for r in labels if r["split"] == split]
        assert row["baseline_accuracy"] == pytest.approx(rows.count(majority) / len(rows), abs=1e-12)
    held = metrics["holdout"]
    assert held["accuracy"] <= held["baseline_accuracy"]
    assert result.returncode == 1
    assert (f"holdout accuracy {round(held['accuracy'], 4)} does not beat the baseline of {round(held['baseline_accuracy'], 4)} "
            "(always answering the most frequent training class): set min_accuracy to require a number instead") in result.stderr
    # the same in a plain `dbt test`'s log, and a number set instead is what it requires
    env = project.environment()
    vars_ = "{input_relation: nn_data_noise, features: [f0, f1], label: cls, iterations: 200%s}"
    log = run_dbt(["--no-use-colors", "test", "--select", "nn_metrics", "--vars", vars_ % ""], env)
    assert "does not beat the baseline of" in log.stdout and log.returncode == 1
    assert status_of(dbt_test(project, vars_ % ", min_accuracy: 0.5"), "metric_at_least_nn_metrics_accuracy") == "PASS"
    strict = run_dbt(["--no-use-colors", "test", "--select", "nn_metrics", "--vars", vars_ % ", min_accuracy: 0.99"], env)
    assert f"holdout accuracy {round(held['accuracy'], 4)} is below min_accuracy 0.99" in strict.stdout


def test_a_regressions_baseline_is_the_training_mean(project, tmp_path):
    """nn_metrics.baseline_r2: the R² of always answering the training rows' mean target, per split (numpy)."""
    rng = np.random.default_rng(6)
    x = rng.normal(size=300)
    data = {"f0": x.tolist(), "y": (3 * x + rng.normal(size=300) + 10).tolist()}
    project.train("--data", str(write_csv(tmp_path / "line.csv", data)), "--features", "f0", "--label", "y", "--iterations", "50")
    rows = project.rows("select split, actual_value from nn_predictions")
    mean = np.mean([r["actual_value"] for r in rows if r["split"] == "train"])
    for row in project.rows("select split, r2, baseline_r2 from nn_metrics"):
        y = np.array([r["actual_value"] for r in rows if r["split"] == row["split"]])
        assert row["baseline_r2"] == pytest.approx(1 - ((y - mean) ** 2).sum() / ((y - y.mean()) ** 2).sum(), abs=1e-12)
        assert row["r2"] > row["baseline_r2"]


def test_the_plan_is_the_trained_models_and_scoring_applies_it(project, tmp_path):
    """nn_plan, nn_inputs and nn_outputs hold what the model was trained with, in typed columns; scoring reads
    the preprocessing from nn_inputs (a changed center changes the predictions), and a model rebuilt without
    them is caught: by the data test plan_is_the_models, and by scoring, which refuses to score with another
    model's plan."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(600, 3, 3))
    project.train("--data", str(csv), *DATA, "--iterations", "30", "--lr", "0.5", "--min-accuracy", "0.5")
    plan = project.rows("select * from nn_plan")
    model = project.rows("select iteration, invocation_id, run_settings from nn_model")[0]
    settings = json.loads(model["run_settings"])
    assert len(plan) == 1 and {k: plan[0][k] for k in ("iteration", "invocation_id", "task", "features", "inputs", "hidden", "outputs",
                                                        "lr", "reg", "optimizer", "activation")} == {
        "iteration": 30, "invocation_id": model["invocation_id"], "task": "classification", "features": 3, "inputs": 3, "hidden": "4",
        "outputs": 3, "lr": 0.5, "reg": settings["reg"], "optimizer": "sgd", "activation": settings["activation"]}
    inputs = project.rows("select * from nn_inputs order by input_index")
    assert [(row["feature"], row["kind"]) for row in inputs] == [("f0", "number"), ("f1", "number"), ("f2", "number")]
    assert [row["output_index"] for row in project.rows("select * from nn_outputs order by output_index")] == [0, 1, 2]

    probabilities = "select example_id, probability_0 from nn_predictions order by example_id"
    before = project.rows(probabilities)
    with duckdb.connect(str(project.database)) as con:
        con.execute("update nn_inputs set center = center + 1 where input_index = 0")
    assert dbt(project, "run", "-s", "nn_predictions").returncode == 0
    assert project.rows(probabilities) != before

    # the model trained on without its plan rebuilt: the plan is another model's
    assert dbt(project, "run", "-s", "nn_training", "nn_model", variables=BLOBS_VARS.replace("iterations: 30", "iterations: 40, lr: 0.5")).returncode == 0
    assert status_of(dbt_test(project), "plan_is_the_models").startswith("FAIL")
    refused = dbt(project, "run", "-s", "nn_predictions")
    assert refused.returncode != 0 and "is not the plan of the model in" in refused.stdout, refused.stdout[-2000:]
