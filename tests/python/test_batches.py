"""Mini-batches (batch_size): the documented shuffle, and its fallback. The SQL's batches equal the reference's
step by step in test_parity ("mini-batches, ..."): each iteration's loss there is its batch's loss."""
from __future__ import annotations

import json

import numpy as np
import pytest

from neural_net_sql import reference as ref
from conftest import blobs, write_csv


@pytest.mark.parametrize("n, batch_size", [(7, 3), (160, 50), (1302, 64), (1000, 1000 - 1), (480, 1)])
def test_each_epoch_splits_the_rows_into_batches_of_batch_size(n, batch_size):
    per_epoch = -(-n // batch_size)
    for epoch in range(10):
        batches = [ref.batch_rows(n, batch_size, epoch * per_epoch + k) for k in range(per_epoch)]
        # every row in exactly one batch of the epoch; full batches but the last
        assert sorted(np.concatenate(batches).tolist()) == list(range(n))
        assert [len(b) for b in batches] == [batch_size] * (per_epoch - 1) + [n - batch_size * (per_epoch - 1)]


def test_the_shuffle_spreads_neighbours_and_changes_each_epoch():
    n, batch_size = 1302, 64  # 1302 divides 2^31 - 2: a multiplier taken modulo n could have been 1
    per_epoch = -(-n // batch_size)
    batch_of = np.empty((8, n), dtype=int)
    for epoch in range(8):
        for k in range(per_epoch):
            batch_of[epoch, ref.batch_rows(n, batch_size, epoch * per_epoch + k)] = k
    # rows that are neighbours in example_id order (often rows loaded together) share a batch no more often
    # than chance would have them (1 in 21)
    assert (batch_of[:, 1:] == batch_of[:, :-1]).mean(axis=1).max() < 1 / per_epoch
    # the first batch of the next epoch shares no more rows with this one than chance would (64 * 64 / 1302 ~ 3)
    first = [set(np.flatnonzero(batch_of[epoch] == 0)) for epoch in range(8)]
    assert max(len(a & b) for a, b in zip(first, first[1:])) < 16
    assert len(set(ref.batch_multipliers(n))) == 8


def test_a_batch_size_of_all_rows_or_more_is_full_batch(project, tmp_path):
    """Reported, recorded with the run, and the very same training as without batch_size."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(300, 2, 3))
    common = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--hidden", "3", "--iterations", "12",
              "--train-only", "--lr", "0.5"]
    project.train(*common)
    full_batch = project.history()
    project.start_over()
    result = project.train(*common, "--batch-size", "100000")
    n = json.loads(project.history()[-1]["preprocessing"])["training_rows"]
    assert n == len(project.training_data()[1])
    assert f"batch_size 100000 >= the {n} training rows: every iteration learns from all of them (full batch)" in result.stderr
    history = project.history()
    assert json.loads(history[-1]["run_settings"])["batch_size"] == 100000
    keys = [k for k in history[0] if k.startswith(("w", "b")) or k in ("loss", "train_accuracy")]
    assert [[row[k] for k in keys] for row in history] == [[row[k] for k in keys] for row in full_batch]

    # one row fewer than all: mini-batches, and another training
    project.start_over()
    result = project.train(*common, "--batch-size", str(n - 1))
    assert f"mini-batches of {n - 1} rows, 2 iterations per epoch of {n} training rows" in result.stderr
    assert project.history()[-1]["loss"] != full_batch[-1]["loss"]


def test_a_block_picks_the_same_batches_as_a_filter_on_every_step(project, tmp_path):
    """K = 1 and K = 7 pick each block's batches once (K x 50 <= 400 training rows: nn_block_batch_rows), K = 15
    filters the training rows on every step (nn_in_batch): 8 batches an epoch, and blocks that cross from one
    epoch to the next give the same training, bit for bit."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(400, 2, 3))
    common = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--hidden", "3", "--iterations", "15",
              "--batch-size", "50", "--lr", "0.5", "--holdout-fraction", "0", "--train-only"]
    keys = None
    trained = {}
    for k in (1, 7, 15):
        project.start_over()
        project.train(*common, "--block-size", str(k))
        history = project.history()
        assert json.loads(history[-1]["preprocessing"])["training_rows"] == 400
        keys = keys or [key for key in history[0] if key.startswith(("w", "b")) or key in ("loss", "train_accuracy")]
        trained[k] = [[row[key] for key in keys] for row in history]
    assert trained[1] == trained[7] == trained[15]


def test_blocks_that_take_no_step_compile_with_mini_batches(project, tmp_path):
    """--iterations 0, a re-run of a history that ends on an epoch's end (16 = 2 epochs of 8 batches), and a
    target below the history: blocks of no step, which must still be valid SQL that adds nothing."""
    csv = write_csv(tmp_path / "blobs.csv", blobs(400, 2, 3))
    common = ["--data", str(csv), "--features", "f0,f1", "--label", "cls", "--hidden", "3", "--batch-size", "50",
              "--holdout-fraction", "0", "--train-only"]
    project.train(*common, "--iterations", "0")
    assert [row["iteration"] for row in project.history()] == [0]
    project.train(*common, "--iterations", "16")
    history = project.history()
    assert [row["iteration"] for row in history] == list(range(17))
    project.train(*common, "--iterations", "16")
    result = project.train(*common, "--iterations", "8")
    assert "already trained past the target: iteration 16 >= 8" in result.stderr
    assert project.history() == history
