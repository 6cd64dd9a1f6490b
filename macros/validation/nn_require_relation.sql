{#- `dbt run-operation nn_require_relation --args '{name: points}'` fails when the relation is not in the
    target schema. The driver uses it to seed the example data only when it is missing. -#}
{%- macro nn_require_relation(name) -%}
    {%- set relation = adapter.get_relation(database=neural_net.nn_target_database(), schema=target.schema, identifier=neural_net.nn_identifier(name, 'name')) -%}
    {%- if relation is none -%}
        {{ neural_net.nn_fail(target.schema ~ "." ~ name ~ " does not exist") }}
    {%- endif -%}
{%- endmacro -%}
