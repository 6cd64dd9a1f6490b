#!/usr/bin/env bash
# Builds this project from scratch on DuckDB, as a project that installs neural_net would:
#   install the package, load the seed, then one plain `dbt build`: it trains both networks (their models are
#   materialized='neural_net'), runs their tests, scores new rows in models and tests everything.
# Usage: integration_tests/build.sh   (after `make setup`; PYTHON picks another interpreter with dbt installed)
source "$(dirname "$0")/env.sh"
rm -f "$NN_IT_DUCKDB_PATH"

"$dbt" deps
"$dbt" seed
"$dbt" build
