#!/usr/bin/env bash
# What a scheduled `dbt build` does when new rows arrive, after build.sh has trained both networks:
#   1. a loader appends 10% more penguins to the warehouse table (here: copies of one row in ten, new ids);
#   2. the scheduled build (seeds are not reloaded: the table is the loader's) keeps each network as it is and
#      warns that its rows changed (on_new_data: warn, the default), naming the setting;
#   3. a build with nn_on_new_data: retrain keeps the version trained so far and trains species anew on every
#      row; scored_species_v1 still scores with version 1, pinned; nn_model_versions lists both.
# Usage: integration_tests/new_rows.sh   (after build.sh, with the same NN_IT_DUCKDB_PATH)
source "$(dirname "$0")/env.sh"

"$python" - <<'PYTHON'
import os
import duckdb

with duckdb.connect(os.environ["NN_IT_DUCKDB_PATH"]) as con:
    # new ids from a multiple of 10 on: the copies of ids ending in 2 end in 2, so they are rows the networks
    # train on (new_penguins holds the ids divisible by 5)
    start = con.sql("select (max(penguin_id) // 10 + 1) * 10 from main.penguins").fetchall()[0][0]
    con.execute(f"insert into main.penguins select * replace (penguin_id + {start} as penguin_id) "
                "from main.penguins where penguin_id % 10 = 2")
    print("appended", con.sql(f"select count(*) from main.penguins where penguin_id >= {start}").fetchall()[0][0], "penguins")
PYTHON
"$dbt" build --exclude resource_type:seed
"$dbt" build --exclude resource_type:seed --select species+ --vars '{nn_on_new_data: retrain}'
"$dbt" show --inline "select version, is_latest, model_relation, iteration, train_examples, holdout_examples, holdout_accuracy
                      from main_species.nn_model_versions order by version"
