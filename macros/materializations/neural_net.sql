{#- materialized='neural_net': a model that is a network trains itself when dbt builds it.

        -- models/churn.sql
        {{ config(materialized='neural_net', meta={'neural_net': {'label': 'churned', 'hidden': [16]}}) }}
        select plan, country, tenure_months, churned from {{ ref('customers') }}

    `dbt build` makes the model a view of its query (the network's input rows, as ref('churn') reads them),
    then trains the network in its own schema (nn_train_network): the relations the package's models build for
    a network named by the nn_network var, with the same SQL. The network's data tests run after it, and a
    model that scores with it (predict(ref('new_rows'), network=ref('churn'))) after those. With the
    nn_network var set (scripts/train.py --network), the driver trains the network: the model is only its view. -#}
{%- materialization neural_net, default -%}
    {%- set input = this.incorporate(type='view') -%}
    {%- set existing = load_cached_relation(this) -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {#- the network's input rows: a view of its query, replaced on each build -#}
    {%- if existing is not none -%}{%- do adapter.drop_relation(existing) -%}{%- endif -%}
    {%- call statement('main') -%}
        {{ get_create_view_as_sql(input, compiled_code) }}
    {%- endcall -%}
    {%- do adapter.cache_added(input) -%}  {#- the network's macros look it up -#}
    {%- do neural_net.nn_commit() -%}

    {%- if neural_net.nn_materializing() -%}
        {%- do neural_net.nn_train_network() -%}
    {%- endif -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {%- do neural_net.nn_commit() -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [input]}) }}
{%- endmaterialization -%}
