{#- Where a network's relations are. Two things build them, with the same SQL and into the same relations:
      - the package's models (nn_examples, nn_training, nn_model, ...), one dbt run per step, for the network
        the nn_network var names (scripts/train.py drives them), or for this project's default network;
      - the neural_net materialization of a network's own model (`dbt build` trains it: neural_net.sql).
    The macros that read a network's relations take them from here, never from ref() or this directly. -#}

{#- True while the neural_net materialization builds a network: `model` is the network's own model. -#}
{%- macro nn_materializing() -%}
    {{ return(execute and model is defined and model.resource_type == 'model' and model.config.materialized == 'neural_net'
              and var('nn_network', none) is none) }}
{%- endmacro -%}

{#- The network relation called `name` (nn_examples, nn_training, nn_model, nn_predictions, nn_metrics,
    nn_confusion_matrix): the model being built when it is that one, else the package's model of that name
    (a ref, so dbt knows the dependency), or, in the neural_net materialization, the relation in the network's
    schema. -#}
{%- macro nn_ref(name) -%}
    {%- if neural_net.nn_materializing() -%}
        {{ return(neural_net.nn_network_relation(model.name, name)) }}
    {%- elif model.name == name and model.package_name == 'neural_net' -%}
        {{ return(this) }}
    {%- endif -%}
    {{ return(ref(name)) }}
{%- endmacro -%}

{#- The relation `name` of `network` in its schema: the target schema suffixed with the network's name, as dbt
    names custom schemas (generate_schema_name). -#}
{%- macro nn_network_relation(network, name) -%}
    {{ return(api.Relation.create(database=neural_net.nn_target_database(), schema=generate_schema_name(network, none) | trim,
                                  identifier=name)) }}
{%- endmacro -%}

{#- A network's input rows: its own model (the view the neural_net materialization made of it, while it
    builds). -#}
{%- macro nn_network_input(network) -%}
    {%- if neural_net.nn_materializing() and model.name == network -%}
        {{ return(this.incorporate(type='view')) }}
    {%- endif -%}
    {{ return(ref(network)) }}
{%- endmacro -%}

{#- Whether nn_training continues a history: the incremental run of the package's model, or, in the
    materialization, a history that exists (--full-refresh has moved the one before to a version of its own
    by then: nn_train_network; each block after the first continues the new one). -#}
{%- macro nn_history_exists() -%}
    {%- if neural_net.nn_materializing() -%}
        {{ return(neural_net.nn_find_relation(neural_net.nn_ref('nn_training')) is not none) }}
    {%- endif -%}
    {{ return(execute and is_incremental()) }}
{%- endmacro -%}
