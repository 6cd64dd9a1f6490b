"""The split into held-out and training rows: a row's side depends on that row alone (its values, or its
split_key), as an independent Python computation of the same definition says, so appending, deleting or
reordering other rows moves no row."""
from __future__ import annotations

import random

from neural_net_sql import reference as ref
from conftest import blobs, write_csv

ARGS = ["--features", "amount,colour", "--label", "cls", "--missing", "impute", "--iterations", "0", "--train-only"]


def table(n: int, seed: int) -> dict[str, list]:
    """Rows with an id, a number (with huge values and NULLs), a text category (with NULLs) and a class; no
    two rows alike (test_equal_rows_spread... is about equal ones)."""
    rng = random.Random(seed)
    data = blobs(n, 1, 2, seed=seed)
    amounts = [v * 1000 for v in data["f0"]]
    colours = [rng.choice(["red", "green", "blue", None]) for _ in range(n)]
    for i in range(0, n, 37):  # NULLs and huge values, each row still unlike any other
        amounts[i] = rng.choice([None, 3.5e15 + i * 1e11, -7.25e29 * (1 + i), 123456789012.5 + i])
        colours[i] = f"rare{seed}_{i}"
    return {"id": [seed * 100000 + i for i in range(n)], "amount": amounts, "colour": colours, "cls": data["cls"]}


def held_out(project) -> dict[tuple, bool]:
    """nn_examples' split, by the row's values (equal rows have the same side)."""
    rows = project.query("select x_0, x_1, label, is_holdout from nn_examples")
    return {(amount, colour, label): holdout for amount, colour, label, holdout in rows}


def test_a_rows_split_is_the_hash_of_its_values_and_no_other_row_moves_it(project, tmp_path):
    data = table(400, seed=1)
    project.train("--data", str(write_csv(tmp_path / "rows.csv", data)), *ARGS)
    split = held_out(project)
    # every row as the independent definition splits it (NULL amounts are imputed, but hashed as NULL: the
    # split is computed before preprocessing)
    rows = list(zip(data["amount"], data["colour"], data["cls"]))
    expected = {(a, c, y): ref.is_held_out([a, c, y], ["number", "text", "number"]) for a, c, y in rows}
    assert split == expected
    assert 60 <= sum(split.values()) <= 100  # about a fifth

    # 10% more rows, 5% of the rows deleted, the rest reordered: each row kept keeps its side
    more = table(40, seed=2)
    kept = [i for i in range(400) if i % 20 != 0]
    changed = {name: [data[name][i] for i in kept] + more[name] for name in data}
    order = list(range(len(changed["id"])))
    random.Random(3).shuffle(order)
    changed = {name: [values[i] for i in order] for name, values in changed.items()}
    project.train("--data", str(write_csv(tmp_path / "changed.csv", changed)), *ARGS, "--full-refresh")
    after = held_out(project)
    assert project.query("select count(*) from nn_examples") == [(380 + 40,)]
    kept_rows = {(changed["amount"][i], changed["colour"][i], changed["cls"][i]) for i in range(len(order))} & split.keys()
    assert len(kept_rows) > 300 and all(after[row] == split[row] for row in kept_rows)


def test_a_split_key_splits_by_the_key_alone(project, tmp_path):
    data = table(300, seed=4)
    path = write_csv(tmp_path / "keyed.csv", data)
    project.train("--data", str(path), *ARGS, "--split-key", "id")
    by_values = held_out(project)
    expected = {(a, c, y): ref.is_held_out([i], ["whole"])
                for i, a, c, y in zip(data["id"], data["amount"], data["colour"], data["cls"])}
    assert by_values == expected
    # the same keys with every other value changed: each key keeps its side
    changed = dict(data, amount=[None if a is None else a + 1 for a in data["amount"]], cls=[1 - y for y in data["cls"]])
    project.train("--data", str(write_csv(tmp_path / "rekeyed.csv", changed)), *ARGS, "--split-key", "id", "--full-refresh")
    after = held_out(project)
    assert after == {(None if a is None else a + 1, c, 1 - y): holdout for (a, c, y), holdout in expected.items()}


def test_equal_rows_fall_on_the_same_side(project, tmp_path):
    """Copies of a row are one row to the split: all held out or all trained on (a held-out score never rewards
    remembering a copy), and the share of distinct rows held out is about holdout_fraction."""
    rows = table(300, seed=8)
    copies = {name: values * 3 for name, values in rows.items()}  # every row three times
    project.train("--data", str(write_csv(tmp_path / "copies.csv", copies)), *ARGS)
    sides = project.query("select x_0, x_1, label, count(*), count(distinct is_holdout) from nn_examples group by all")
    assert len(sides) == 300 and all(n == 3 and distinct == 1 for *_, n, distinct in sides)
    assert 30 <= project.query("select count(*) from nn_examples where is_holdout")[0][0] / 3 <= 90


def test_a_named_class_is_hashed_by_its_name_so_a_new_class_moves_no_row(project, tmp_path):
    """A text label's class numbers follow the sorted names: a class sorting first shifts every number. The
    split hashes the name (reference.is_held_out with the name as text), so rows of a new class move no
    other row."""
    data = table(300, seed=9)
    named = dict(data, cls=["late" if y else "middle" for y in data["cls"]])
    project.train("--data", str(write_csv(tmp_path / "named.csv", named)), *ARGS)
    rows = project.query("select x_0, x_1, label_value, is_holdout from nn_examples")
    assert {(a, c, y): h for a, c, y, h in rows} == {
        (a, c, y): ref.is_held_out([a, c, y], ["number", "text", "text"]) for a, c, y in zip(named["amount"], named["colour"], named["cls"])}
    more = table(30, seed=10)
    grown = {name: named[name] + (more[name] if name != "cls" else ["early"] * 30) for name in named}
    project.train("--data", str(write_csv(tmp_path / "grown.csv", grown)), *ARGS, "--full-refresh")
    after = {(a, c, y): h for a, c, y, h in project.query("select x_0, x_1, label_value, is_holdout from nn_examples")}
    assert all(after[(a, c, y)] == h for a, c, y, h in rows)


def test_the_driver_says_when_the_rows_changed_since_its_history_started(project, tmp_path):
    """scripts/train.py continuing a history on a table that has gained rows says so (the history keeps the
    preprocessing fitted on the rows it started with, and nn_metrics measures the rows as they are now); a run
    on unchanged rows says nothing of it."""
    data = table(200, seed=5)
    csv = write_csv(tmp_path / "grows.csv", data)
    args = [*ARGS[:-3], "--iterations", "3"]
    project.train("--data", str(csv), *args, "--skip-tests")
    again = project.train("--data", str(csv), *args, "--skip-tests")
    assert "changed since the history" not in again.stderr
    more = table(20, seed=6)
    write_csv(csv, {name: data[name] + more[name] for name in data})
    result = project.train("--data", str(csv), *[*ARGS[:-3], "--iterations", "6"], "--skip-tests")
    assert "nn_examples: the rows of" in result.stderr and "changed since the history in" in result.stderr
    assert "rows:checksum 200:" in result.stderr and ", now 220:" in result.stderr
    assert "Run with --full-refresh to train a new model on them" in result.stderr
    # the history went on (iterations 0 .. 6), on the 220 rows
    assert project.query("select max(iteration) from nn_training") == [(6,)]
    assert project.query("select count(*) from nn_examples") == [(220,)]


def test_a_feature_called_key_is_counted_apart_from_the_split_key(project, tmp_path):
    """The input checks count a feature's NULLs apart from the split key's, whatever the feature is called: a
    feature `key` with NULLs is imputed beside a split_key without any, and is named as NULL when missing is
    error (the default)."""
    data = table(100, seed=5)
    data["key"] = data.pop("amount")
    data["key"][0] = data["key"][50] = None
    path = write_csv(tmp_path / "key.csv", data)
    args = ["--data", str(path), "--features", "key,colour", "--label", "cls", "--iterations", "0", "--train-only",
            "--split-key", "id"]
    project.train(*args, "--missing", "impute")
    refused = project.train(*args, check=False)
    assert refused.returncode == 1 and "feature key is NULL in 2 rows" in refused.stderr, refused.stderr[-2000:]
    assert "split_key" not in refused.stderr
