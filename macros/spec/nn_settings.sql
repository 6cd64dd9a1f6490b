{#- The settings of the network being trained, before they are checked (nn_spec checks them). Each one comes
    from the first of:
      1. the var nn_<setting> (nn_iterations, nn_lr, ...): namespaced, so it works in any project;
      2. for a named network (nn_network), its model's meta.neural_net; otherwise, when this project is the one
         dbt runs, the var of the setting's own name (`dbt run --vars '{iterations: 10, lr: 2.0}'`);
      3. the default (nn_default_settings).
    A project that installs this one as a package keeps its own vars called seed, label or lr to itself. -#}
{%- macro nn_settings() -%}
    {%- set network = neural_net.nn_network() -%}
    {%- set given = neural_net.nn_network_settings(network) if network is not none else {} -%}
    {%- set settings = {} -%}
    {%- for name, default in neural_net.nn_default_settings().items() -%}
        {%- if var.has_var('nn_' ~ name) -%}
            {%- do settings.update({name: var('nn_' ~ name)}) -%}
        {%- elif network is not none -%}
            {%- do settings.update({name: given.get(name, default)}) -%}
        {%- elif project_name == 'neural_net' and var.has_var(name) -%}
            {%- do settings.update({name: var(name)}) -%}
        {%- else -%}
            {%- do settings.update({name: default}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if network is not none and 'features' not in given and not var.has_var('nn_features') -%}
        {%- do settings.update({'features': neural_net.nn_network_features(network, settings.label)}) -%}
    {%- endif -%}
    {{ return(settings) }}
{%- endmacro -%}

{#- A network that names no features learns from every column of its model but the label. -#}
{%- macro nn_network_features(network, label) -%}
    {%- set relation = neural_net.nn_network_input(network) -%}
    {%- if not execute -%}{{ return(neural_net.nn_default_settings().features) }}{%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
    {%- set features = columns | reject('equalto', label) | list -%}
    {%- if not features -%}
        {{ neural_net.nn_fail("network " ~ network ~ ": " ~ relation ~ (" has no column besides the label " ~ label if columns else " does not exist yet: build it first (dbt run -s " ~ network ~ ")")) }}
    {%- endif -%}
    {{ return(features) }}
{%- endmacro -%}

{#- Settings given on the command line (--vars) by their bare names, which a named network does not read (its
    settings are its model's meta.neural_net, and nn_-prefixed vars): the message that says so, naming the
    nn_ vars to write instead, or none. -#}
{%- macro nn_bare_setting_vars_message(network) -%}
    {%- set given = invocation_args_dict.get('vars') or {} -%}
    {%- set bare = [] -%}
    {%- for name in neural_net.nn_default_settings() if given is mapping and name in given -%}{%- do bare.append(name) -%}{%- endfor -%}
    {%- if not bare or network is none -%}{{ return(none) }}{%- endif -%}
    {{ return("--vars " ~ bare | join(", ") ~ " would not reach network " ~ network ~ ": a named network reads its settings from "
              ~ "its model's meta.neural_net and from nn_-prefixed vars; write nn_" ~ bare | join(", nn_") ~ " instead") }}
{%- endmacro -%}
