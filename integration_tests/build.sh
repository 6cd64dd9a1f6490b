#!/usr/bin/env bash
# Builds this project from scratch on DuckDB, as a project that installs neural_net would:
#   install the package, load the seed, train both networks, score new rows in models, test everything.
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
for network in species body_mass; do
    "$python" dbt_packages/neural_net/scripts/train.py --project-dir . --network "$network"
done
# the project's own models (the scoring ones among them) and tests; neural_net's are off without nn_network
"$dbt" build
