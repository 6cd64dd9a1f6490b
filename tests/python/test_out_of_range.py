"""Rows outside what a network was trained on: predict's out_of_range_margin flags, per row, the numeric features
outside the training range widened by the margin, and drift_summary compares a relation's rows with the training
rows feature by feature; both checked against numpy on the training rows nn_examples holds."""
from __future__ import annotations

import duckdb
import numpy as np

from conftest import blobs, write_csv
from test_evaluation_metrics import close, show, show_error

DATA = ["--features", "f0,f1,plan", "--label", "cls", "--hidden", "4", "--iterations", "5", "--skip-tests"]


def test_out_of_range_rows_are_flagged_and_drift_is_summarised(project, tmp_path):
    data = blobs(300, 2, 2)
    data["plan"] = [["basic", "pro", "team"][i % 3] for i in range(300)]
    project.train("--data", str(write_csv(tmp_path / "blobs.csv", data)), *DATA)
    columns, _ = project.training_columns()
    x = np.array(columns[:2], dtype=float).T  # f0, f1 on the training rows (held-out ones are not fitted on)
    low, high = x.min(axis=0), x.max(axis=0)
    stored = project.rows("select feature, minimum, maximum from nn_inputs where kind = 'number' order by input_index")
    assert [(row["minimum"], row["maximum"]) for row in stored] == list(zip(low, high))

    margin = 0.1
    slack = margin * (high - low)
    rng = np.random.default_rng(3)
    new = np.vstack([rng.uniform(low - 2 * slack, high + 2 * slack, (200, 2)),
                     [low - slack * 0.99, high + slack * 1.01, low - slack * 1.01, high]])  # both sides of each edge
    plans = [["basic", "pro", "team", "enterprise"][i % 4] for i in range(len(new))]
    with duckdb.connect(str(project.database)) as con:
        con.execute("create table main.new_rows (id integer, f0 double, f1 double, plan varchar)")
        con.executemany("insert into main.new_rows values (?, ?, ?, ?)",
                        [(i, float(a), float(b), p) for i, ((a, b), p) in enumerate(zip(new, plans))])
    scored, drift = show(project, "select id, features_out_of_range from {{ neural_net.predict('main.new_rows', out_of_range_margin=0.1) }}",
                         "{{ neural_net.drift_summary('main.new_rows', margin=0.1) }}")
    outside = (new < low - slack) | (new > high + slack)
    expected = {i: ", ".join(name for name, out in zip(("f0", "f1"), row) if out) or None for i, row in enumerate(outside)}
    assert {row["id"]: row["features_out_of_range"] for row in scored} == expected
    assert 0 < sum(value is not None for value in expected.values()) < len(new)

    by_feature = {row["feature"]: row for row in drift}
    assert list(by_feature) == ["f0", "f1", "plan"]
    for j, name in enumerate(("f0", "f1")):
        row = by_feature[name]
        assert row["kind"] == "number" and row["scored_rows"] == len(new) and row["null_rows"] == 0
        assert close(row["training_mean"], x[:, j].mean())
        assert (row["training_minimum"], row["training_maximum"]) == (low[j], high[j])
        assert close(row["scored_mean"], new[:, j].mean())
        assert (row["scored_minimum"], row["scored_maximum"]) == (new[:, j].min(), new[:, j].max())
        assert row["rows_out_of_range"] == outside[:, j].sum()
    # 'enterprise' was never seen in training
    assert by_feature["plan"]["kind"] == "category" and by_feature["plan"]["rows_out_of_range"] == plans.count("enterprise")

    # a margin that is not a share >= 0 is refused, naming the argument, by both macros
    for query, argument in [("select * from {{ neural_net.predict('main.new_rows', out_of_range_margin=-0.1) }}", "out_of_range_margin"),
                            ("{{ neural_net.drift_summary('main.new_rows', margin='wide') }}", "margin")]:
        assert f"{argument} must be a number >= 0" in show_error(project, query)
