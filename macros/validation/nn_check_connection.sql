{#- `dbt run-operation nn_check_connection` proves the target answers before anything is built. The driver
    calls it first, so a target that cannot connect fails at once, with the engine's own message. With
    settings true it then checks the settings too (nn_check_settings): one dbt command instead of two. -#}
{%- macro nn_check_connection(settings=false) -%}
    {%- do adapter.dispatch('nn_check_connection', 'neural_net')() -%}
    {%- if settings -%}{%- do neural_net.nn_check_settings() -%}{%- endif -%}
{%- endmacro -%}

{%- macro default__nn_check_connection() -%}
    {%- do run_query("select 1 as connected") -%}
{%- endmacro -%}

{#- BigQuery: list the datasets first. The client library retries a query job that cannot reach the endpoint
    for ten minutes; this metadata call fails in seconds. -#}
{%- macro bigquery__nn_check_connection() -%}
    {%- do adapter.list_schemas(target.database) -%}
    {%- do run_query("select 1 as connected") -%}
{%- endmacro -%}
