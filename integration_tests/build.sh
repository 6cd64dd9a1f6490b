#!/usr/bin/env bash
# Builds this project from scratch on DuckDB, as a project that installs neural_net would:
#   install the package, load the seed, then one plain `dbt build`: it trains both networks (their models are
#   materialized='neural_net'), runs their tests, scores new rows in models and tests everything.
# Usage: integration_tests/build.sh   (after `make setup`; PYTHON picks another interpreter with dbt installed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
python="${PYTHON:-$here/../.venv/bin/python}"
dbt="$(dirname "$python")/dbt"
export DBT_PROFILES_DIR="$here"
export NN_IT_DUCKDB_PATH="${NN_IT_DUCKDB_PATH:-$here/integration_tests.duckdb}"
rm -f "$NN_IT_DUCKDB_PATH"

"$dbt" deps
"$dbt" seed
"$dbt" build
