"""What a clean clone gets: every file in the project's own folders is one git tracks. An ignore rule once hid
macros/engine/spark/ (the rule spark/, meant for the Spark folder at the root): everything passed here, and a
clean clone trained Spark's widest network without the macro that makes its initial weights."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import PROJECT_DIR

FOLDERS = ["macros", "models", "analyses", "seeds", "scripts", "tests", "docs", "neural_net_sql", "settings.yml", "dbt_project.yml",
           "pyproject.toml"]


def test_no_file_of_the_project_is_ignored_by_git():
    if shutil.which("git") is None or not (PROJECT_DIR / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--", *FOLDERS],
                             cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout.split()
    ignored = [path for path in ignored if "__pycache__" not in path]
    assert not ignored, f"files a clean clone would not have (.gitignore matches them): {ignored}"
