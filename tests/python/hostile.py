"""Names and values nobody checked, for the hostile-input tests (test_hostile_input.py, and the identifier cases
of test_engines.py): quotes, backticks, semicolons, comments, keywords, Jinja, unicode, in random combinations,
and the two names that ran SQL before names were quoted (issue "Safe on hostile tables")."""
from __future__ import annotations

import json
import random

from conftest import PROJECT_DIR, run_python

FRAGMENTS = ['"', '""', "'", "`", ";", "--", "/*", "*/", ")", "(", " ", ",", ".", "=", "$1", "%s", "{{", "}}", "{%",
             "drop table main.nn_training", "select", "order", "default", "from", "null", "é", "日本", "🙂", "ß", "x"]

# What each dialect's identifier cannot hold at all (nn_quote refuses it naming the column).
CANNOT = {"duckdb": "", "spark": "", "bigquery": "`\\"}

INJECTIONS = ['zz" from (select 1) t)); drop table main.nn_training; commit; select 1 as "z',
              'zz"" integer); drop table main.nn_training; create table main.pwned (""a']

# Refused on every engine: no name, or a control character.
REFUSED = ["", "line\nbreak", "tab\there", "nul\x00"]


def hostile_names(count: int, seed: int = 29, engine: str = "duckdb", csv_header: bool = False) -> list[str]:
    """`count` distinct names (distinct without regard to case: the engines fold it) that the engine can hold.
    csv_header: also without the quotes, backticks and backslashes a CSV header may not hold (dbt seed)."""
    rng = random.Random(seed)
    banned = CANNOT[engine] + ('"`\\' if csv_header else "")
    names, seen = [], set()
    for name in [*INJECTIONS, "a\"b", "x`y", "order", "日本語 🙂", "a\\b"]:
        if not set(name) & set(banned) and name.lower() not in seen:
            names.append(name)
            seen.add(name.lower())
    while len(names) < count:
        name = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 4)))
        if name.strip() and not set(name) & set(banned) and name.lower() not in seen:
            names.append(name)
            seen.add(name.lower())
    return names


# `dbt show` of one row whose columns are named by nn_quote(name), name by name, for each list of names in
# turn (dbt imported once); prints, per list, the column names and values the engine returned, or the
# refusal, as JSON.
SHOW_QUOTED = """
import json, pathlib, sys
sys.path.insert(0, sys.argv[1])
from neural_net_sql.dbt_runner import Dbt, DbtFailure
lists = json.loads(pathlib.Path(sys.argv[2]).read_text())
target = sys.argv[3]
shown = []
for k in range(len(lists)):
    # dbt parses again for each list: after a failed inline query, dbt 1.11 fails to parse the next one
    dbt = Dbt({"names_to_round_trip": lists}, target)
    sql = ("select {% for name in var('names_to_round_trip')[" + str(k) + "] %}{{ loop.index }} as "
           "{{ neural_net.nn_quote(name) if execute else 'c' ~ loop.index }}{{ ', ' if not loop.last }}{% endfor %}")
    try:
        columns, rows = dbt.show_inline_table(sql)
        shown.append({"columns": columns, "values": [rows[0][name] for name in columns]})
    except DbtFailure as failure:
        shown.append({"refused": str(failure)})
print(json.dumps(shown))
"""


def show_quoted(lists: list[list[str]], target: str, env: dict[str, str], folder, python=None) -> list[dict]:
    """What the engine of `target` returns, for each list of names, for a row of columns so named through
    nn_quote. python(argv) runs `python *argv` (EngineProject.python); by default a process of its own."""
    path = folder / "names.json"
    path.write_text(json.dumps(lists))
    argv = ["-c", SHOW_QUOTED, str(PROJECT_DIR), str(path), target]
    result = python(argv) if python else run_python(argv, env, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
