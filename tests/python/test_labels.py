"""Labels as they are in warehouse tables: names ('adelie') and yes/no values, not only class numbers."""
from __future__ import annotations

import json

from conftest import blobs, write_csv

NAMES = ["adelie", "chinstrap", "gentoo"]  # sorted: class c is NAMES[c]


def train_both(project, tmp_path, labels: list, *args: str):
    """Trains on the same rows twice: labels as class numbers, and as `labels[c]`; returns both histories. A
    split_key keeps the split the same (the split hashes a named class by its name, a number by its number)."""
    data = {"id": list(range(300)), **blobs(300, 2, len(labels), seed=5)}
    numbered = write_csv(tmp_path / "numbered.csv", data)
    named = write_csv(tmp_path / "named.csv", {**data, "cls": [labels[c] for c in data["cls"]]})
    common = ["--features", "f0,f1", "--label", "cls", "--split-key", "id", "--iterations", "20", "--skip-tests", *args]
    project.database = tmp_path / "numbered.duckdb"
    project.train("--data", str(numbered), *common)
    by_number = project.history()
    project.database = tmp_path / "named.duckdb"
    project.train("--data", str(named), *common, "--export", str(tmp_path / "named.json"))
    return by_number, project.history()


def parameters(row: dict) -> dict:
    return {k: v for k, v in row.items() if k[0] in "wb" and k[1].isdigit()}


def test_text_labels_train_exactly_as_their_class_numbers(project, tmp_path):
    by_number, by_name = train_both(project, tmp_path, NAMES)
    assert [parameters(row) for row in by_name] == [parameters(row) for row in by_number]  # bit for bit
    assert json.loads(by_name[-1]["preprocessing"])["classes"] == NAMES
    # predictions give the names back, for the actual and the predicted class
    rows = project.rows("select actual_class, predicted_class, actual_label, predicted_label from nn_predictions")
    assert all(r["actual_label"] == NAMES[r["actual_class"]] and r["predicted_label"] == NAMES[r["predicted_class"]]
               for r in rows)
    assert {r["predicted_label"] for r in rows} == set(NAMES)
    assert json.loads((tmp_path / "named.json").read_text())["classes"] == NAMES
    # the probability columns are named after the classes, and hold the same numbers as the numbered ones
    named = project.query("select probability_adelie, probability_chinstrap, probability_gentoo from nn_predictions order by example_id")
    project.database = tmp_path / "numbered.duckdb"
    assert named == project.query("select probability_0, probability_1, probability_2 from nn_predictions order by example_id")


def test_yes_no_labels(project, tmp_path):
    # written as true/false, the CSV's column loads as BOOLEAN: false is class 0, true class 1
    by_number, by_flag = train_both(project, tmp_path, ["false", "true"])
    assert project.query("select data_type from information_schema.columns where column_name = 'cls'") == [("BOOLEAN",)]
    assert [parameters(row) for row in by_flag] == [parameters(row) for row in by_number]
    assert json.loads(by_flag[-1]["preprocessing"])["classes"] == ["false", "true"]
    assert project.query("select count(*) from nn_predictions where abs(probability_false + probability_true - 1) > 1e-12") == [(0,)]


def test_labels_that_are_not_identifiers_keep_numbered_probabilities(project, tmp_path):
    # "two words" is no column name: every class's probability column is numbered instead
    train_both(project, tmp_path, ["one", "two words"])
    columns = {row["name"] for row in project.rows("select name from pragma_table_info('nn_predictions')")}
    assert {"probability_0", "probability_1"} <= columns and "probability_one" not in columns


def test_numeric_labels_keep_their_numbers(project, tmp_path):
    csv = write_csv(tmp_path / "blobs.csv", blobs(200, 2, 2))
    project.train("--data", str(csv), "--features", "f0,f1", "--label", "cls", "--iterations", "3", "--skip-tests")
    assert json.loads(project.history()[-1]["preprocessing"])["classes"] is None
    assert project.query("select count(*) from nn_predictions where predicted_label <> predicted_class") == [(0,)]
