{#- dbt run-operation nn_drop_seed --args '{seed: nn_rows_to_score}': drops the table a seed of the project was
    loaded as, if it exists. scripts/predict.py --data loads the CSV to score as a seed, and drops it with this
    once the rows are scored (or scoring failed), so that the rows do not stay in the warehouse. -#}
{%- macro nn_drop_seed(seed) -%}
    {%- set loaded = ref(neural_net.nn_identifier(seed, 'seed')) -%}
    {%- set existing = adapter.get_relation(database=loaded.database, schema=loaded.schema, identifier=loaded.identifier) -%}
    {%- if existing is not none -%}
        {%- do adapter.drop_relation(existing) -%}
        {%- do adapter.commit() -%}  {#- run-operation commits nothing by itself -#}
    {%- endif -%}
{%- endmacro -%}
