{#- dbt run-operation neural_net.nn_check_settings: refuses, naming it, a setting the network cannot be trained
    with, before anything is read or written: each setting (nn_spec), and a network too large for its layout,
    counted as parsing counts it (one input per feature; one output for a regression, else n_classes or two).
    The driver runs it first, in the command that checks the connection (nn_check_connection(settings=true)):
    dbt parses without the settings there (neural_net_sql.dbt_runner.parse_vars), so
    parsing no longer refuses them. The models check everything again, on the data, when they compile. -#}
{%- macro nn_check_settings() -%}
    {%- set spec = neural_net.nn_spec() -%}
    {%- set outputs = 1 if spec.task == 'regression' else (spec.n_classes or 2) -%}
    {%- do neural_net.nn_layout(spec, [spec.features | length] + spec.hidden + [outputs]) -%}
{%- endmacro -%}
