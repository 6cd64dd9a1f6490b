"""The settings schema (settings.yml) and what is generated from it.

    python -m neural_net_sql.settings_schema           rewrite macros/spec/nn_settings_schema.sql and the table in docs/settings.md
    python -m neural_net_sql.settings_schema --check   exit 1, naming them, when either is not what settings.yml makes

neural_net_sql.train builds its flags from load() at run time; tests/python/test_settings_schema.py runs --check.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

import yaml

from neural_net_sql import PROJECT_DIR

SCHEMA = PROJECT_DIR / "settings.yml"
MACRO = PROJECT_DIR / "macros" / "spec" / "nn_settings_schema.sql"
PAGE = PROJECT_DIR / "docs" / "settings.md"
TABLE_START = "<!-- the settings table: generated from settings.yml by neural_net_sql/settings_schema.py -->"
TABLE_END = "<!-- end of the generated settings table -->"

TYPES = {"number", "integer", "boolean", "choice", "relation", "column", "columns", "layers"}
GROUPS = ("data", "network", "training", "build", "tests")
FIELDS = {"group", "type", "default", "null_means", "choices", "minimum", "maximum", "exclusive_minimum", "max_items", "identity", "identity_when", "flag", "meaning"}
REQUIRED = {"group", "type", "default", "identity", "flag", "meaning"}


def load(path: pathlib.Path = SCHEMA) -> dict[str, dict]:
    """settings.yml, checked: every field known, the required ones there, each default a value its own checks
    accept. Raises ValueError naming the setting and the problem."""
    schema = yaml.safe_load(path.read_text())
    if not isinstance(schema, dict) or not schema:
        raise ValueError(f"{path}: not a mapping of settings")
    for name, setting in schema.items():
        problems = []
        if not isinstance(setting, dict):
            raise ValueError(f"{path}: setting {name} is not a mapping")
        if set(setting) - FIELDS:
            problems.append(f"unknown fields {sorted(set(setting) - FIELDS)}")
        if REQUIRED - set(setting):
            problems.append(f"missing {sorted(REQUIRED - set(setting))}")
        if setting.get("type") not in TYPES:
            problems.append(f"type {setting.get('type')!r} is none of {sorted(TYPES)}")
        if setting.get("group") not in GROUPS:
            problems.append(f"group {setting.get('group')!r} is none of {list(GROUPS)}")
        if (setting.get("type") == "choice") != ("choices" in setting):
            problems.append("choices go with type choice, and only with it")
        if setting.get("default") is None and "null_means" not in setting:
            problems.append("a null default needs null_means")
        default = setting.get("default")
        if default is not None and setting.get("type") in ("number", "integer"):
            low, high = setting.get("minimum"), setting.get("maximum")
            if (low is not None and (default < low or (setting.get("exclusive_minimum") and default == low))) or (high is not None and default > high):
                problems.append(f"default {default} is outside its bounds")
        if default is not None and setting.get("type") == "choice" and default not in setting.get("choices", []):
            problems.append(f"default {default!r} is none of its choices")
        if problems:
            raise ValueError(f"{path}: setting {name}: " + "; ".join(problems))
    return schema


def macro_text(schema: dict) -> str:
    lines = ",\n".join(f"  {json.dumps(name)}: {json.dumps(setting, ensure_ascii=False)}" for name, setting in schema.items())
    return ("{#- Generated from settings.yml by neural_net_sql/settings_schema.py: edit settings.yml, then run it. Every setting\n"
            "    as settings.yml declares it; nn_default_settings takes the defaults from here, nn_spec the checks. -#}\n"
            "{%- macro nn_settings_schema() -%}\n"
            "{%- set schema -%}{% raw %}\n{\n" + lines + "\n}\n{% endraw %}{%- endset -%}\n"
            "{{ return(fromjson(schema)) }}\n"
            "{%- endmacro -%}\n")


def flag_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def default_text(setting: dict) -> str:
    if setting["default"] is None:
        return "null = " + setting["null_means"]
    value = setting["default"]
    text = json.dumps(value) if isinstance(value, bool) else (yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip())
    return f"`{text}`" if isinstance(value, (str, list)) else text


def allowed_text(setting: dict) -> str:
    """The values a setting takes, when its meaning does not list them: its choices, or its bounds."""
    if setting["type"] == "choice":
        return " (one of " + ", ".join(f"`{choice}`" for choice in setting["choices"]) + ")"
    low, high = setting.get("minimum"), setting.get("maximum")
    if setting["type"] not in ("number", "integer") or (low is None and high is None):
        return ""
    whole = "a whole number" if setting["type"] == "integer" else "a number"
    low_text = "" if low is None else (f" > {low}" if setting.get("exclusive_minimum") else f" >= {low}")
    return f" ({whole}{low_text}{'' if high is None else (',' if low_text else '') + f' <= {high}'})"


def table_text(schema: dict) -> str:
    rows = ["| var | flag | default | in a run's identity | meaning |", "|---|---|---|---|---|"]
    for name, setting in schema.items():
        example = {"columns": " a,b", "layers": " 8,8"}.get(setting["type"], "")
        flag = f"`{flag_name(name)}{example}`" if setting["flag"] else "(none)"
        if setting["flag"] and setting["type"] == "boolean":
            flag = f"`{flag_name(name)}` / `--no-{name.replace('_', '-')}`"
        identity = "yes" if setting["identity"] else "no"
        if setting.get("identity_when"):
            identity += " (with " + ", ".join(f"`{other}: {json.dumps(value)}`" for other, value in setting["identity_when"].items()) + ")"
        rows.append(f"| `{name}` | {flag} | {default_text(setting)} | {identity} | "
                    f"{setting['meaning']}{allowed_text(setting)} |")
    return TABLE_START + "\n" + "\n".join(rows) + "\n" + TABLE_END


def page_text(schema: dict, page: str) -> str:
    if TABLE_START not in page or TABLE_END not in page:
        raise ValueError(f"{PAGE} has no generated settings table (its markers)")
    before, rest = page.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    return before + table_text(schema) + after


def stale(schema: dict) -> list[str]:
    """The generated files that are not what settings.yml makes."""
    found = []
    if not MACRO.exists() or MACRO.read_text() != macro_text(schema):
        found.append(str(MACRO.relative_to(PROJECT_DIR)))
    if PAGE.read_text() != page_text(schema, PAGE.read_text()):
        found.append(str(PAGE.relative_to(PROJECT_DIR)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only say whether the generated files are current")
    args = parser.parse_args(argv)
    schema = load()
    if args.check:
        found = stale(schema)
        if found:
            print(f"not generated from settings.yml: {', '.join(found)}; run python -m neural_net_sql.settings_schema", file=sys.stderr)
            return 1
        return 0
    MACRO.write_text(macro_text(schema))
    PAGE.write_text(page_text(schema, PAGE.read_text()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
