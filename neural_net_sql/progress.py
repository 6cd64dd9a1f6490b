"""Training progress: the record nn_training's post-hook logs after each block (macros/training/nn_after_block.sql,
as JSON in dbt's debug log: {"neural_net_progress": {...}}), and the bar the driver draws from it."""
from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import time

RECORD_KEY = "neural_net_progress"


@dataclasses.dataclass(frozen=True)
class BlockProgress:
    """Where training stands after a block: the last iteration in the history and the one training goes to; the
    loss and training accuracy of that iteration (None where not measured: a regression has no accuracy);
    and, when early stopping stopped training, the iteration kept and its validation loss."""

    iteration: int
    target: int
    loss: float | None = None
    train_accuracy: float | None = None
    network: str | None = None
    stopped_early: dict | None = None  # {best_iteration, best_validation_loss, patience}

    @classmethod
    def from_log(cls, message: str) -> BlockProgress | None:
        """The record in one of dbt's log messages; None for any other message."""
        if not message.startswith('{"' + RECORD_KEY + '"'):
            return None
        return cls(**json.loads(message)[RECORD_KEY])

    @property
    def finished(self) -> bool:
        return self.iteration >= self.target or self.stopped_early is not None

    def stopped_early_text(self) -> str:
        stop = self.stopped_early
        return (f"early stopping: the validation loss has not improved for {stop['patience']} iterations; the model is "
                f"iteration {stop['best_iteration']} (validation loss {stop['best_validation_loss']:.6f})")


class ProgressBar:
    """tqdm's bar on a terminal; elsewhere (a pipe, a CI log) one plain line per block, which a log keeps."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self._bar = None  # tqdm's, made at the first block: only then is the target known

    def update(self, progress: BlockProgress) -> None:
        if not self.stream.isatty():
            rate = progress.iteration / max(time.perf_counter() - self.started, 1e-9)
            loss = "" if progress.loss is None else f"  loss {progress.loss:.6f}"
            print(f"training: iteration {progress.iteration}/{progress.target}{loss}  ({rate:.0f} it/s)",
                  file=self.stream, flush=True)
            return
        if self._bar is None:
            from tqdm import tqdm

            # the size as shutil has it: a terminal that reports none (0 x 0) gets 80 x 24, where tqdm would
            # draw nothing
            size = shutil.get_terminal_size()
            self._bar = tqdm(total=progress.target, file=self.stream, ncols=size.columns, nrows=size.lines, mininterval=0,
                             desc="training", unit="it", bar_format=(
                "{desc} {percentage:3.0f}%|{bar}| iteration {n}/{total} [{elapsed}<{remaining}, {rate_fmt}{postfix}]"))
        if progress.loss is not None:
            self._bar.set_postfix_str(f"loss {progress.loss:.6f}", refresh=False)
        self._bar.update(min(progress.iteration, progress.target) - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
