{#- dbt run-operation nn_drop_seed --args '{seed: nn_rows_to_score_1a2b3c4d}': drops the table a seed of rows to
    score was loaded as, if it exists. scripts/predict.py --data loads the CSV to score as a seed of its run's own
    name, nn_rows_to_score_<run>, and drops it with this once the rows are scored (or scoring failed), so that
    the rows do not stay in the warehouse. Any other seed is refused: it is not this script's to drop. -#}
{%- macro nn_drop_seed(seed) -%}
    {%- if not (neural_net.nn_identifier(seed, 'seed')).startswith('nn_rows_to_score_') -%}
        {{ neural_net.nn_fail("nn_drop_seed drops only the seeds scripts/predict.py loads (nn_rows_to_score_...); got " ~ seed) }}
    {%- endif -%}
    {%- set loaded = ref(seed) -%}
    {%- set existing = adapter.get_relation(database=loaded.database, schema=loaded.schema, identifier=loaded.identifier) -%}
    {%- if existing is not none -%}
        {%- do adapter.drop_relation(existing) -%}
        {%- do neural_net.nn_commit() -%}  {#- run-operation commits nothing by itself -#}
    {%- endif -%}
{%- endmacro -%}
