"""What a fourth engine starts from (issue: engine code a fourth engine can extend). A dispatched macro's
default__ holds SQL that follows the standard, or fails naming the engine and the macro to write
(nn_unsupported); engine-only SQL lives in macros named for the engine. Checked two ways: no macro outside
the engines' own uses a function only one engine has, and on DuckDB (which reads standard SQL) every portable
default gives the value its operation promises, while every other default refuses, naming itself."""
from __future__ import annotations

import hashlib
import json
import math
import pathlib
import re

from conftest import PROJECT_DIR, run_python

ENGINES = ("duckdb", "bigquery", "spark", "postgres")

# functions and syntax that one engine has and the others (and the standard) do not
DIALECT_ONLY = {
    "spark": r"\b(array_repeat|transform|explode|collect_list|named_struct|aggregate|inline|sequence|forall|zip_with|arrays_zip"
             r"|conv|xxhash64|flatten|array_sort|array_position|array_max|slice|pmod)\s*\(",
    "duckdb": r"\b(list_\w+|generate_subscripts|isfinite|list)\s*\(|::\s*\w|\blambda\b|\bas\s+materialized\b",
    "bigquery": r"\b(array_concat_agg|array_concat|generate_array|logical_and|to_json_string|to_hex|farm_fingerprint)\s*\(|\boffset\s*\(",
    "postgres": r"\b(array_to_json|lpad)\s*\(|\bas\s+bit\s*\(|\boffset\s+0\b",
}


def macros() -> list[tuple[pathlib.Path, str, str]]:
    """(file, name, body without comments) of every macro of the package."""
    found = []
    for path in sorted((PROJECT_DIR / "macros").rglob("*.sql")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(), flags=re.S)
        for match in re.finditer(r"\{%-?\s*macro\s+(\w+)\s*\((.*?)\{%-?\s*endmacro\s*-?%\}", text, re.S):
            found.append((path, match.group(1), match.group(2)))
    return found


def test_only_the_engines_own_macros_use_one_engines_sql():
    """A macro named for an engine (spark__..., nn_spark_...) or kept in macros/engine/<engine>/ may use its
    dialect; every other one, and every default__, builds SQL any engine runs (or dispatches)."""
    everything = macros()
    assert len(everything) > 300
    shared = [(path, name, body) for path, name, body in everything
              if not any(engine in name for engine in ENGINES) and path.parent.name not in ENGINES]
    assert any(name.startswith("default__") for _, name, _ in shared)
    found = [f"{path.relative_to(PROJECT_DIR)}: {name} uses {engine}'s {hit.group(0).strip()!r}"
             for path, name, body in shared for engine, pattern in DIALECT_ONLY.items()
             for hit in re.finditer(pattern, body, re.I)]
    assert not found, "\n".join(found)
    # the check sees each dialect where it is used
    for engine, pattern in DIALECT_ONLY.items():
        assert any(re.search(pattern, body, re.I) for _, name, body in everything if name.startswith(engine + "__")), engine


# each portable default, rendered by the package on DuckDB, and the value its operation promises
LIST = "cast([1.5, -2.5, 4.0] as double[])"  # a DuckDB list of doubles, as the package's lists are
PORTABLE = [
    ("{{ neural_net.default__nn_array('1.5, -2.5') }}", [1.5, -2.5]),
    ("{{ neural_net.default__nn_array_element('" + LIST + "', 1) }}", -2.5),
    ("{{ neural_net.default__nn_list_at('" + LIST + "', neural_net.default__nn_list_base()) }}", 1.5),
    ("{{ neural_net.default__nn_list_sum('" + LIST + "') }}", 3.0),
    ("{{ neural_net.default__nn_list_max('" + LIST + "') }}", 4.0),
    ("{{ neural_net.default__nn_list_all('" + LIST + "', 'element', 'element < 5') }}", True),
    ("{{ neural_net.default__nn_list_all('" + LIST + "', 'element', 'element < 4') }}", False),
    ("{{ neural_net.default__nn_integer_remainder('17', '5') }}", 2),
    ("cast(1.25 as {{ neural_net.default__nn_float_type() }})", 1.25),
    ("cast([1, 2] as {{ neural_net.default__nn_float_list_type() }})", [1.0, 2.0]),
    ("{{ neural_net.default__nn_state_array_append('[1.0]', '2.0') }}", [1.0, 2.0]),
    ("{{ neural_net.default__nn_is_finite('cast(1e308 as double)') }}", True),
    ("{{ neural_net.default__nn_is_finite(\"cast('inf' as double)\") }}", False),
    ("{{ neural_net.default__nn_is_finite(\"cast('nan' as double)\") }}", False),
    ("{{ neural_net.default__nn_string_literal(\"it's \\\\ here\") }}", "it's \\ here"),
    ("{{ neural_net.default__nn_md5_hex(\"'abc'\") }}", hashlib.md5(b"abc").hexdigest()),
    ("(select {{ neural_net.default__nn_any_value('v') }} from (values (2.5), (2.5)) as t(v))", 2.5),
    ("cast({{ neural_net.default__nn_round('2.71828', 2) }} as double)", 2.72),
    ("(select x from {{ neural_net.default__nn_derived_table('select 7 as x') }}{{ neural_net.default__nn_subquery_fence() }})", 7),
    ("{{ neural_net.default__nn_exp('-1') }}", math.exp(-1)),
    ("{{ neural_net.default__nn_concat([\"'a'\", \"'b'\", \"'c'\"]) }}", "abc"),
    ("{{ neural_net.default__nn_in_memory('" + LIST + "') }}", [1.5, -2.5, 4.0]),
]

# each default that has no standard SQL, with arguments as the package passes them
UNSUPPORTED = {
    "nn_integer_division": {"dividend": "17", "divisor": "5"},
    "nn_hex_number": {"digits": "'ff'"},
    "nn_input_fingerprint": {"relation": "main.nn_examples"},
    "nn_list_transform": {"list": LIST, "arguments": "x", "body": "x + 1"},
    "nn_list_dot": {"a": LIST, "b": LIST},
    "nn_list_position": {"list": LIST, "value": "4.0"},
    "nn_list_range": {"n": 3},
    "nn_list_slice": {"list": LIST, "start": 0, "length": 2},
    "nn_list_as_text": {"list": LIST},
    "nn_state_struct": {"columns": ["iteration"]},
    "nn_state_array_rows": {"relation": "states", "array": "history", "columns": ["iteration"]},
    "nn_dense_units": {"dims": [2, 2], "layer": 1, "vector": "h0", "body": "weighted_sum"},
    "nn_dense_inputs": {"dims": [2, 2], "layer": 1, "vector": "h0", "body": "weighted_sum"},
    "nn_dense_gradient_sums": {"dims": [2, 2], "layer": 1, "deltas": "dz1", "inputs": "h0"},
}

# in one dbt process (one parse): the query's rows, then each macro called by `dbt run-operation`, or what
# dbt said when it failed
RUN = """
import json, sys
sys.path.insert(0, sys.argv[1])
from neural_net_sql.dbt_runner import Dbt, DbtFailure
dbt = Dbt({}, None)
query, operations = json.loads(sys.argv[2])
results = [dbt.show_inline(query)]
for name, arguments in operations:
    try:
        dbt.run("run-operation", name, "--args", json.dumps(arguments), quiet=True)
        results.append("")
    except DbtFailure as failure:
        results.append(str(failure))
print("nn_shown: " + json.dumps(results))
"""


def test_defaults_run_as_standard_sql_or_name_what_an_engine_must_provide(project):
    query = "select " + ",\n".join(f"{sql} as value_{i}" for i, (sql, _) in enumerate(PORTABLE))
    operations = [("neural_net.default__" + name, arguments) for name, arguments in UNSUPPORTED.items()]
    result = run_python(["-c", RUN, str(PROJECT_DIR), json.dumps([query, operations])], project.environment())
    lines = [line for line in result.stdout.splitlines() if line.startswith("nn_shown: ")]
    assert result.returncode == 0 and lines, result.stdout[-3000:] + result.stderr[-3000:]
    rows, *errors = json.loads(lines[0][len("nn_shown: "):])
    shown = [rows[0][f"value_{i}"] for i in range(len(PORTABLE))]
    shown = [json.loads(value) if isinstance(expected, list) else value for value, (_, expected) in zip(shown, PORTABLE)]  # lists come as text
    assert shown == [value for _, value in PORTABLE]
    for name, error in zip(UNSUPPORTED, errors):
        assert f"unsupported engine duckdb: neural_net has no SQL for {name} on it" in error, (name, error)
        assert f"duckdb__{name} macro" in error
