{#- Networks. A project can hold several: each is a model of its own (its input query) whose config carries its
    settings under meta.neural_net, for example models/networks/churn.sql:

        {{ config(materialized='view', meta={'neural_net': {'label': 'churned', 'hidden': [16]}}) }}
        select plan, country, tenure_months, churned from {{ ref('customers') }}

    `dbt run --vars '{nn_network: churn}'` (or scripts/train.py --network churn) trains that one: the project's
    models and tests then read its settings and write to a schema of its own (the target schema suffixed with
    its name, as dbt names custom schemas), so one network's history never mixes with another's. Without
    nn_network, this project trains its default network from vars; installed as a package in another project,
    it trains nothing until a network is named. -#}

{#- The network this invocation trains: the one the neural_net materialization builds, the one the nn_network var
    names, or none for this project's default network. -#}
{%- macro nn_network() -%}
    {%- if neural_net.nn_materializing() -%}{{ return(model.name) }}{%- endif -%}
    {%- set name = var('nn_network', none) -%}
    {{ return(none if name is none else neural_net.nn_identifier(name, 'nn_network')) }}
{%- endmacro -%}

{#- The config of every model, test and analysis of the project: it builds when this project is the one dbt
    runs (its default network) or when a network is named, and then in that network's schema. -#}
{%- macro nn_network_config() -%}
    {%- set network = neural_net.nn_network() -%}
    {%- set config = {'enabled': project_name == 'neural_net' or network is not none} -%}
    {%- if network is not none -%}{%- do config.update({'schema': network}) -%}{%- endif -%}
    {{ return(config) }}
{%- endmacro -%}

{#- The settings a network's model gives under meta.neural_net (an empty dict while dbt parses). -#}
{%- macro nn_network_settings(network) -%}
    {%- if not execute -%}{{ return({}) }}{%- endif -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == network -%}
        {%- set settings = (node.config.meta or {}).get('neural_net') -%}
        {%- set known = neural_net.nn_default_settings() -%}
        {%- if settings is not mapping -%}
            {{ neural_net.nn_fail("model " ~ network ~ " is not a network: its config needs meta={'neural_net': {...}} with at least its label") }}
        {%- endif -%}
        {%- for name in settings if name not in known or name == 'input_relation' -%}
            {{ neural_net.nn_fail("network " ~ network ~ ": unknown setting " ~ name ~ " in meta.neural_net (the settings are those of docs/settings.md; the model itself is the input)") }}
        {%- endfor -%}
        {{ return(settings) }}
    {%- endfor -%}
    {{ neural_net.nn_fail("no network named " ~ network ~ ": no enabled model of that name (a network is a model whose config has meta={'neural_net': {...}})") }}
{%- endmacro -%}

{#- The nn_model relation that holds a network: `network` (its name, or ref() of its model), else the one this
    invocation trains (nn_network), else this project's default network. -#}
{%- macro nn_network_model(network=none, version=none) -%}
    {%- if network is not none and network is not string -%}
        {#- ref('churn'): a network model (materialized='neural_net'); the ref makes scoring depend on it -#}
        {%- set network = network.identifier -%}
    {%- endif -%}
    {%- set network = neural_net.nn_network() if network is none else neural_net.nn_identifier(network, 'network') -%}
    {%- set version = none if version is none else neural_net.nn_number(version, 'version', minimum=1, maximum=9999, integer=true) -%}
    {%- if network == neural_net.nn_network() and neural_net.nn_network_config().enabled and version is none -%}
        {{ return(ref('neural_net', 'nn_model')) }}  {#- at parse time too: who reads it depends on nn_model -#}
    {%- endif -%}
    {%- if network is none and version is not none -%}
        {{ neural_net.nn_fail("predict: version " ~ version ~ " needs a named network (materialized='neural_net' keeps versions): predict(relation, network=ref('...'), version=" ~ version ~ ")") }}
    {%- endif -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- if network is none -%}
        {{ neural_net.nn_fail("name the network to score with: predict(relation, network='...'), or set the nn_network var") }}
    {%- endif -%}
    {%- do neural_net.nn_network_settings(network) -%}
    {%- if version is none -%}
        {{ return(neural_net.nn_network_relation(network, 'nn_model')) }}
    {%- endif -%}
    {#- a pinned version: the latest one is nn_model, an earlier one nn_model_v<n> (nn_model_versions) -#}
    {%- set versions = neural_net.nn_model_versions(network) -%}
    {%- for trained in versions if trained.number == version -%}
        {%- if not trained.scorable -%}
            {{ neural_net.nn_fail("network " ~ network ~ "'s version " ~ version ~ " was kept without its model (only its history, "
                ~ "nn_training_v" ~ version ~ "): it cannot score") }}
        {%- endif -%}
        {{ return(trained.model) }}
    {%- endfor -%}
    {{ neural_net.nn_fail("network " ~ network ~ " has no version " ~ version ~ ": "
        ~ ("its versions are 1 .. " ~ versions[-1].number ~ ", " ~ versions[-1].number ~ " the latest (nn_model_versions)" if versions
           else "nothing is trained yet")) }}
{%- endmacro -%}

{#- Fails when a named network's tables would land in the target schema itself: a generate_schema_name that
    ignores custom schemas (as dbt's generate_schema_name_for_env does outside production) would put every
    network's history in one table. `relation`: the model being built (this). -#}
{%- macro nn_check_network_schema(relation) -%}
    {%- set network = neural_net.nn_network() -%}
    {%- if execute and network is not none and relation.schema | lower == target.schema | lower -%}
        {{ neural_net.nn_fail("network " ~ network ~ " would be written to the target schema " ~ target.schema ~ ", where other "
            ~ "networks' tables go too: the project's generate_schema_name ignores the custom schema neural_net gives each "
            ~ "network. Let it add custom schemas (dbt's default does) for neural_net's models") }}
    {%- endif -%}
{%- endmacro -%}

{#- dbt run-operation neural_net.nn_require_network --args '{network: churn}': fails, naming it, unless
    `network` is a model of the project with meta.neural_net (scripts/train.py runs it before building anything). -#}
{%- macro nn_require_network(network) -%}
    {%- do neural_net.nn_network_settings(neural_net.nn_identifier(network, 'network')) -%}
{%- endmacro -%}
