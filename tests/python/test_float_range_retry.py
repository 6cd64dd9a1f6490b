"""The driver's answer to PostgreSQL's float range errors (train.float_range_failure), branch by branch, over a
scripted stand-in for its dbt: the real server's path is test_postgres.py's diverging run, which reaches only
the branch where an overflow stops a block part-way."""
from __future__ import annotations

from neural_net_sql.dbt_runner import DbtFailure
from neural_net_sql.progress import BlockProgress
from neural_net_sql.train import float_range_failure

OVERFLOW = DbtFailure("dbt run --select nn_training failed\nnn_training: Database Error\n  value out of range: overflow")
UNDERFLOW = DbtFailure("dbt run --select nn_training failed\nnn_training: Database Error\n  value out of range: underflow")


class ScriptedDbt:
    """Each run of nn_training does the next step of `script`: an iteration number (the run logs that progress
    record), an exception (raised), or None (the run logs nothing). Records the vars and flags of each run."""

    def __init__(self, script: list, target: int = 50, finished_at: int | None = None):
        self.script, self.target, self.finished_at = list(script), target, finished_at
        self.progress: list[BlockProgress] = []
        self.runs: list[tuple[tuple, dict]] = []

    def run(self, *command, vars_=None):
        self.runs.append((command, vars_))
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        if step is not None:
            stopped = {"best_iteration": step, "best_validation_loss": 0.1, "patience": 1} if step == self.finished_at else None
            self.progress.append(BlockProgress(iteration=step, target=self.target, stopped_early=stopped))


def test_another_failure_is_returned_as_it_is():
    other = DbtFailure("dbt run --select nn_training failed\nrelation does not exist")
    assert float_range_failure(ScriptedDbt([]), {}, other, None, []) is other


def test_an_overflow_part_way_keeps_the_iterations_before_it_one_run_each():
    dbt = ScriptedDbt([6, 7, OVERFLOW])
    failure = float_range_failure(dbt, {"lr": 1e6, "block_size": 5}, OVERFLOW, BlockProgress(iteration=5, target=50), ["--full-refresh"])
    assert str(failure).startswith("training diverged: iteration 8 overflowed a float, which PostgreSQL refuses")
    assert "Iterations 0..7 are kept in nn_training. Lower lr (now 1000000.0)" in str(failure)
    # one iteration per run, and no --full-refresh past the first block
    assert [vars_["block_size"] for _, vars_ in dbt.runs] == [1, 1, 1]
    assert all("--full-refresh" not in command for command, _ in dbt.runs)


def test_the_first_block_of_a_fresh_run_refreshes_only_its_first_retry():
    dbt = ScriptedDbt([1, UNDERFLOW])
    failure = float_range_failure(dbt, {}, UNDERFLOW, None, ["--full-refresh"])
    assert [("--full-refresh" in command) for command, _ in dbt.runs] == [True, False]
    assert str(failure).startswith("training stopped: iteration 2 underflowed a float to 0, which PostgreSQL refuses")
    assert "standardize" in str(failure) and "Lower lr" not in str(failure)


def test_a_failure_at_the_first_iteration_says_what_is_kept():
    failure = float_range_failure(ScriptedDbt([OVERFLOW]), {}, OVERFLOW, None, [])
    assert "the first iteration this run trained" in str(failure) and "keeps what it held before this run" in str(failure)


def test_a_named_networks_vars_are_its_own():
    dbt = ScriptedDbt([OVERFLOW])
    failure = float_range_failure(dbt, {"nn_network": "churn", "nn_lr": 3.0}, OVERFLOW, BlockProgress(iteration=4, target=9), [])
    assert dbt.runs[0][1] == {"nn_network": "churn", "nn_lr": 3.0, "nn_block_size": 1}
    assert "Lower lr (now 3.0)" in str(failure)
    # its block size bounds the retries
    dbt = ScriptedDbt([5, 6, 7])
    assert float_range_failure(dbt, {"nn_network": "churn", "nn_block_size": 2}, OVERFLOW, BlockProgress(iteration=4, target=9), []) is None
    assert len(dbt.runs) == 2


def test_the_retrys_own_error_names_the_stop():
    dbt = ScriptedDbt([6, UNDERFLOW])
    failure = float_range_failure(dbt, {}, OVERFLOW, BlockProgress(iteration=5, target=50), [])
    assert str(failure).startswith("training stopped: iteration 7 underflowed a float to 0") and "Lower lr and" not in str(failure)
    other = DbtFailure("dbt run --select nn_training failed\ncould not connect to server")
    assert float_range_failure(ScriptedDbt([6, other]), {}, OVERFLOW, BlockProgress(iteration=5, target=50), []) is other


def test_a_block_that_trains_one_iteration_at_a_time_goes_back_to_blocks():
    dbt = ScriptedDbt([3, 4, 5])
    assert float_range_failure(dbt, {"block_size": 3}, OVERFLOW, BlockProgress(iteration=2, target=50), []) is None
    assert len(dbt.runs) == 3


def test_early_stopping_one_iteration_at_a_time_ends_training():
    dbt = ScriptedDbt([3, 4], finished_at=4)
    assert float_range_failure(dbt, {"block_size": 10}, OVERFLOW, BlockProgress(iteration=2, target=50), []) is None
    assert len(dbt.runs) == 2


def test_a_run_without_progress_fails_instead_of_looping():
    for script in ([None], [2]):
        failure = float_range_failure(ScriptedDbt(script), {}, OVERFLOW, BlockProgress(iteration=2, target=50), [])
        assert str(failure) == "training made no progress past iteration 2"
