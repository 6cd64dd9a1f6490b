{#- The test a project attaches to each of its networks (materialized='neural_net'), so that `dbt build` runs it
    after training the network and before the models that score with it (a failure skips them):

        models:
          - name: churn
            data_tests:
              - neural_net.network_metric_at_least

    Fails when the network's held-out accuracy (a classification) or R² (a regression) falls short of the
    network's own min_accuracy / min_r2 (its meta.neural_net, or the vars nn_min_accuracy / nn_min_r2); a
    setting left null requires beating the baseline (nn_metric_shortfall). Yields the row of the network's
    nn_metrics that falls short, with a column `problem` saying what was reached, what was required and which
    setting sets it, and logs that sentence. -#}
{% test network_metric_at_least(model) %}
    {%- set network = neural_net.nn_identifier(model.identifier, 'network') -%}
    {%- set metrics = neural_net.nn_network_relation(network, 'nn_metrics') -%}
    {%- set settings = {'min_accuracy': none, 'min_r2': none} -%}
    {%- if execute -%}
        {%- set given = neural_net.nn_network_settings(network) -%}
        {%- for name in ['min_accuracy', 'min_r2'] -%}
            {%- do settings.update({name: var('nn_' ~ name) if var.has_var('nn_' ~ name) else given.get(name)}) -%}
        {%- endfor -%}
        {%- if neural_net.nn_find_relation(metrics) is none -%}
            {{ neural_net.nn_fail("network " ~ network ~ " has no " ~ metrics ~ ": it is not trained yet. Build it first: dbt build --select " ~ network) }}
        {%- endif -%}
    {%- endif -%}
    {%- set checks = [] -%}
    {%- for column_name, setting, task in [('accuracy', 'min_accuracy', 'classification'), ('r2', 'min_r2', 'regression')] -%}
        {%- do checks.append(neural_net.nn_metric_shortfall(metrics, column_name, setting, task, settings)) -%}
    {%- endfor -%}
    {%- set query -%}
select * from (
{{ checks[0] }}
) as classification
union all
select * from (
{{ checks[1] }}
) as regression
    {%- endset -%}
    {%- if execute -%}
        {%- for row in run_query(query) -%}
            {{ log("network " ~ network ~ ": " ~ row['problem'], info=True) }}
        {%- endfor -%}
    {%- endif %}
{{ query }}
{% endtest %}
