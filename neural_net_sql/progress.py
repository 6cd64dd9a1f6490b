"""Training progress: the record nn_training's post-hook logs after each block (macros/training/nn_after_block.sql,
as JSON in dbt's debug log: {"neural_net_progress": {...}}), and the bar the driver draws from it."""
from __future__ import annotations

import dataclasses
import json
import os
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
        """The record in one of dbt's log messages; None for any other message. Keys this version does not know
        (a record of a newer neural_net package) are left out."""
        if not message.startswith('{"' + RECORD_KEY + '"'):
            return None
        record = json.loads(message)[RECORD_KEY]
        return cls(**{field.name: record[field.name] for field in dataclasses.fields(cls) if field.name in record})

    @property
    def finished(self) -> bool:
        return self.iteration >= self.target or self.stopped_early is not None

    def stopped_early_text(self) -> str:
        stop = self.stopped_early
        network = f" (network {self.network})" if self.network else ""
        return (f"early stopping{network}: the validation loss has not improved for {stop['patience']} iterations; the "
                f"model is iteration {stop['best_iteration']} (validation loss {stop['best_validation_loss']:.6f})")


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

            # the size of the terminal the bar is drawn on; one that reports none (0 x 0, as `script` and many CI
            # runners give) gets 80 x 24, where tqdm would draw no bar
            columns, lines = terminal_size(self.stream)
            self._bar = tqdm(total=progress.target, file=self.stream, ncols=columns, nrows=lines, mininterval=0,
                             desc="training", unit="it", bar_format=(
                "{desc} {percentage:3.0f}%|{bar}| iteration {n}/{total} [{elapsed}<{remaining}, {rate_fmt}{postfix}]"))
        if progress.loss is not None:
            self._bar.set_postfix_str(f"loss {progress.loss:.6f}", refresh=False)
        self._bar.update(min(progress.iteration, progress.target) - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def terminal_size(stream) -> tuple[int, int]:
    """The columns and lines of the terminal `stream` writes to, 80 and 24 where it reports none."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return 80, 24
    return size.columns or 80, size.lines or 24
