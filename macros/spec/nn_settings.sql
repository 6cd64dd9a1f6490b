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

{#- The vars given on the command line (--vars) that no setting of this invocation would read: the message that
    names them, or none. Three kinds:
      - a setting's bare name, when a network is named (it reads meta.neural_net and nn_-prefixed vars; the
        bare names may be the project's own vars): write nn_<setting> instead;
      - an nn_-prefixed var that names no setting (nn_iteratons);
      - on_new_data or seconds_per_build in a run that does not build a network (`building` false): they steer
        the neural_net materialization only.
    nn_spec refuses them; the materialization warns, as a build holds the consumer project's own vars too. -#}
{%- macro nn_unread_vars_message(network, building) -%}
    {%- set given = invocation_args_dict.get('vars') or {} -%}
    {%- if given is not mapping -%}{{ return(none) }}{%- endif -%}
    {%- set known = neural_net.nn_default_settings() -%}
    {%- set problems = [] -%}
    {%- set bare = [] -%}
    {%- for name in known if name in given and network is not none -%}{%- do bare.append(name) -%}{%- endfor -%}
    {%- if bare -%}
        {%- do problems.append("--vars " ~ bare | join(", ") ~ " would not reach network " ~ network ~ ": a named network reads its "
                                ~ "settings from its model's meta.neural_net and from nn_-prefixed vars; write nn_" ~ bare | join(", nn_")
                                ~ " instead") -%}
    {%- endif -%}
    {%- set unknown = [] -%}
    {%- for name in given.keys() | select('string') | sort if name.startswith('nn_') and name != 'nn_network' and name[3:] not in known -%}
        {%- do unknown.append(name) -%}
    {%- endfor -%}
    {%- if unknown -%}
        {%- do problems.append("--vars " ~ unknown | join(", ") ~ ": no setting of that name (an nn_ var is nn_ and a setting's name: "
                                ~ "docs/settings.md)") -%}
    {%- endif -%}
    {%- set build_only = [] -%}
    {%- for name in ['on_new_data', 'seconds_per_build'] if not building and ('nn_' ~ name in given or (network is none and name in given)) -%}
        {%- do build_only.append(name) -%}
    {%- endfor -%}
    {%- if build_only -%}
        {%- do problems.append(build_only | join(" and ") ~ " steer a network that `dbt build` trains (materialized='neural_net'); "
                                ~ "this run trains with the package's models (scripts/train.py, or the nn_network var), which do not read "
                                ~ ("it" if build_only | length == 1 else "them")) -%}
    {%- endif -%}
    {{ return(problems | join("; ") if problems else none) }}
{%- endmacro -%}
