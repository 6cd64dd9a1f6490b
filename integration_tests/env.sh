# Sourced by build.sh and new_rows.sh: run from this folder, with its profiles.yml and its DuckDB file;
# $python and $dbt are those of the project's .venv (PYTHON picks another interpreter with dbt installed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
python="${PYTHON:-$here/../.venv/bin/python}"
dbt="$(dirname "$python")/dbt"
export DBT_PROFILES_DIR="$here"
export NN_IT_DUCKDB_PATH="${NN_IT_DUCKDB_PATH:-$here/integration_tests.duckdb}"
