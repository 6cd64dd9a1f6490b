"""One settings schema (settings.yml): the generated macro and settings page are current, the driver's flags
are its, and the SQL does with each setting what the schema says: it refuses each value just outside a
declared bound, a word that is none of the choices and a yes/no that is neither; and a run's identity
(nn_run_settings, which decides whether a history may continue) changes with exactly the settings the
schema marks as identity."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT_DIR, run_python

from neural_net_sql import settings_schema, train

SCHEMA = settings_schema.load()

# for each setting, a value other than its default that the checks accept with every other setting at its
# default (hidden [2], so that init: article is allowed)
OTHER_VALUE = {
    "input_relation": "main.other_table", "features": ["x2", "x1"], "categorical": ["x1"], "max_categories": 5, "label": "z",
    "task": "regression", "n_classes": 3, "holdout_fraction": 0.25, "split_key": "x1", "holdout_fold": 1, "standardize": False,
    "missing": "impute", "hidden": [3], "layout": "arrays", "activation": "tanh", "init": "article", "seed": 7,
    "optimizer": "adam", "lr": 0.5, "momentum": 0.5, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6, "reg": 0.01,
    "class_weight": "balanced", "iterations": 7, "early_stopping": True, "validation_fraction": 0.2, "patience": 3,
    "batch_size": 64, "block_size": 4, "seconds_per_build": 60, "on_new_data": "retrain", "min_accuracy": 0.5, "min_r2": 0.1,
}
BASE = {"hidden": [2]}

# in one dbt process (one parse, each command with its own vars): for each (command, vars), the rows shown
# or "" for a run-operation, or dbt's message when it failed
RUN = """
import json, sys
sys.path.insert(0, sys.argv[1])
from neural_net_sql.dbt_runner import Dbt, DbtFailure
dbt = Dbt({}, None)
results = []
for command, variables in json.loads(sys.argv[2]):
    try:
        result = dbt._invoke(command, quiet_stdout=True, vars_=variables)
        results.append(dbt._rows(result) if command[0] == "show" else "")
    except DbtFailure as failure:
        results.append({"error": str(failure)})
print("nn_results: " + json.dumps(results))
"""


def run_each(project, commands: list) -> list:
    result = run_python(["-c", RUN, str(PROJECT_DIR), json.dumps(commands)], project.environment(), timeout=900)
    lines = [line for line in result.stdout.splitlines() if line.startswith("nn_results: ")]
    assert result.returncode == 0 and lines, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(lines[0][len("nn_results: "):])


def test_the_generated_files_are_the_schemas():
    result = subprocess.run([sys.executable, "-m", "neural_net_sql.settings_schema", "--check"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (PROJECT_DIR / "docs" / "settings.md").read_text()
    for name in SCHEMA:
        assert f"| `{name}` |" in page


def test_each_activation_and_optimizer_choice_is_a_macro_file():
    for setting, folder in (("activation", "activations"), ("optimizer", "optimizers")):
        files = {path.stem for path in (PROJECT_DIR / "macros" / folder).glob("*.sql")} - {"nn_" + folder}
        assert set(SCHEMA[setting]["choices"]) == files, setting


def test_the_drivers_flags_are_the_schemas():
    parser_flags = {}
    for name, setting in SCHEMA.items():
        argv = []
        value = OTHER_VALUE[name]
        if setting["type"] == "boolean":
            argv = [settings_schema.flag_name(name) if value else "--no-" + name.replace("_", "-")]
        elif setting["flag"]:
            argv = [settings_schema.flag_name(name), ",".join(map(str, value)) if isinstance(value, list) else str(value)]
        if setting["flag"]:
            parser_flags[name] = train.dbt_vars(train.parse_args(argv)).get(name)
            assert parser_flags[name] == value, name
        else:
            with pytest.raises(SystemExit):  # no flag: argparse refuses it
                train.parse_args([settings_schema.flag_name(name), str(value)])
    assert set(OTHER_VALUE) == set(SCHEMA)


def outside(setting: dict) -> list:
    """Values just outside the setting's bounds."""
    values = []
    step = 1 if setting["type"] == "integer" else None
    low, high = setting.get("minimum"), setting.get("maximum")
    if low is not None:
        values.append(low if setting.get("exclusive_minimum") else low - (step or 0.01 * max(1, abs(low))))
    if high is not None:
        values.append(high + (step or 0.01 * max(1, abs(high))))
    if setting["type"] == "integer":
        values.append((low or 0) + 1.5)  # not a whole number
    return values


def test_the_sql_refuses_what_the_schema_refuses_and_keys_a_run_by_its_identity(project):
    refusals = []
    for name, setting in SCHEMA.items():
        if setting["group"] == "build":  # steer dbt build alone: refused in this run whatever their value
            continue
        if setting["type"] in ("number", "integer"):
            refusals += [(name, value) for value in outside(setting)] + [(name, "many")]
        elif setting["type"] == "choice":
            refusals.append((name, "none_of_them"))
        elif setting["type"] == "boolean":
            refusals.append((name, "maybe"))
    commands = [[["run-operation", "neural_net.nn_check_settings"], {**BASE, name: value}] for name, value in refusals]

    # a run's identity, as nn_run_settings writes it on the history, for the base and each other value
    identity_sql = ("{% set spec = neural_net.nn_spec() %}select '{{ neural_net.nn_run_settings(spec, [spec.features | length] + "
                    "spec.hidden + [1 if spec.task == \"regression\" else spec.n_classes or 2]) }}' as identity")
    variants = [(name, {**BASE, **SCHEMA[name].get("identity_when", {}), name: OTHER_VALUE[name]})
                for name in SCHEMA if SCHEMA[name]["group"] != "build"]
    bases = [{**BASE, **SCHEMA[name].get("identity_when", {})} for name, _ in variants]
    commands += [[["show", "--inline", identity_sql, "--limit", "-1"], variables] for variables in bases + [v for _, v in variants]]

    results = run_each(project, commands)
    for (name, value), result in zip(refusals, results):
        assert isinstance(result, dict), f"{name}: {value!r} was accepted"
        assert f"{name} must be" in result["error"], (name, value, result["error"])
    shown = [json.loads(result[0]["identity"]) if isinstance(result, list) else result for result in results[len(refusals):]]
    for (name, _), base, variant in zip(variants, shown[:len(variants)], shown[len(variants):]):
        assert isinstance(base, dict) and isinstance(variant, dict), (name, base, variant)
        assert (base != variant) == SCHEMA[name]["identity"], f"{name}: identity {SCHEMA[name]['identity']} in settings.yml"
