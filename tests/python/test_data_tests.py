"""The project's dbt data tests can fail: each is run on a trained project that has been broken on purpose in
the way the test guards against, and must report it."""
from __future__ import annotations

import re
import subprocess
import sys

import duckdb

from conftest import PROJECT_DIR, blobs, write_csv

DATA = ["--features", "f0,f1,f2", "--label", "cls", "--hidden", "4"]


BLOBS_VARS = "{input_relation: nn_data_blobs, features: [f0, f1, f2], label: cls, hidden: [4], iterations: 30, min_accuracy: 0.5}"


def dbt_test(project, variables: str = BLOBS_VARS) -> dict[str, str]:
    """Runs `dbt test` as a user would; returns each test's status by name (PASS, FAIL n, ERROR)."""
    env = project.environment()
    result = subprocess.run([sys.executable, "-c", "from dbt.cli.main import cli; cli()", "--no-use-colors", "test",
                             "--vars", variables],
                            cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600)
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
