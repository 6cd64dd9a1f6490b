"""The Python package (neural_net_sql, pyproject.toml): its console scripts are installed and run from any folder,
its version is the dbt project's, and the driver's progress comes from the record nn_training's post-hook logs,
drawn by tqdm on a terminal (a real pseudo-terminal here) and as plain lines elsewhere."""
from __future__ import annotations

import importlib.metadata
import io
import os
import pathlib
import pty
import re
import subprocess
import sys
import tomllib

import yaml

from conftest import PROJECT_DIR

from neural_net_sql import __version__
from neural_net_sql.progress import BlockProgress, ProgressBar

SCRIPTS = pathlib.Path(sys.executable).parent  # the environment the tests run in: make setup's .venv


def test_the_console_scripts_are_installed_and_run_from_any_folder(tmp_path):
    declared = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]["scripts"]
    assert set(declared) == {"neural-net-train", "neural-net-predict"}
    for name in declared:
        out = subprocess.run([str(SCRIPTS / name), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(f"usage: {name} ")
    train_help = subprocess.run([str(SCRIPTS / "neural-net-train"), "--help"], cwd=tmp_path, capture_output=True, text=True,
                                timeout=120).stdout
    assert "--early-stopping" in train_help and "--project-dir" in train_help
    # the checkout's scripts/train.py runs the same parser (it puts the checkout on the path for a Python the
    # package is not installed in)
    same = subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    flags = lambda text: re.findall(r"^\s+(--[\w-]+)", text, re.M)  # noqa: E731
    assert same.returncode == 0 and flags(same.stdout) == flags(train_help) != []


def test_the_package_version_is_the_dbt_projects():
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    installed = importlib.metadata.version("neural-net-sql")  # what pip installed: a stale install differs
    assert __version__ == project["version"] == pyproject["project"]["version"] == installed


RECORD = '{"neural_net_progress": {"iteration": 30, "target": 60, "network": null, "loss": 0.25, "train_accuracy": 0.9, "stopped_early": null}}'


def test_a_progress_record_is_read_and_any_other_log_line_is_not():
    progress = BlockProgress.from_log(RECORD)
    assert progress == BlockProgress(iteration=30, target=60, loss=0.25, train_accuracy=0.9)
    assert not progress.finished
    assert BlockProgress.from_log("nn_training: iteration 30 of 60 | loss 0.250000") is None
    # a key of a newer package's record is left out, not a failure inside dbt's logging
    assert BlockProgress.from_log(RECORD.replace('"loss"', '"epoch": 3, "loss"')) == progress
    stopped = BlockProgress.from_log(RECORD.replace('"stopped_early": null', '"stopped_early": {"best_iteration": 12, '
                                                    '"best_validation_loss": 0.5, "patience": 10}'))
    assert stopped.finished and "the model is iteration 12 (validation loss 0.500000)" in stopped.stopped_early_text()


def test_the_bar_is_drawn_on_a_terminal_and_is_plain_lines_elsewhere(monkeypatch):
    blocks = [BlockProgress(iteration, 30, loss=1.0 / iteration) for iteration in (10, 20, 30)]

    piped = io.StringIO()  # not a terminal: a line per block
    bar = ProgressBar(piped)
    for block in blocks:
        bar.update(block)
    bar.close()
    lines = piped.getvalue().splitlines()
    assert [re.sub(r"\s+\(.*\)$", "", line) for line in lines] == [
        "training: iteration 10/30  loss 0.100000", "training: iteration 20/30  loss 0.050000",
        "training: iteration 30/30  loss 0.033333"]

    # stderr on a pseudo-terminal that reports no size (0 x 0), as `script` and many CI runners give: tqdm, which
    # asks stderr's size, would draw nothing there
    main, secondary = pty.openpty()
    with open(secondary, "w", closefd=True) as terminal:
        monkeypatch.setattr(sys, "stderr", terminal)
        bar = ProgressBar()
        for block in blocks:
            bar.update(block)
        bar.close()
        terminal.flush()
        drawn = os.read(main, 1 << 16).decode()
    os.close(main)
    frames = [frame for frame in drawn.replace("\n", "\r").split("\r") if frame.strip()]
    assert frames[-1].startswith("training 100%|") and "iteration 30/30" in frames[-1] and "loss 0.033333" in frames[-1]
    assert any("iteration 10/30" in frame for frame in frames) and any("iteration 20/30" in frame for frame in frames)
