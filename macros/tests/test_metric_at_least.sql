{#- Fails when a metric of nn_metrics falls short on the split that measures generalisation (nn_metric_shortfall
    says how, and yields the offending row with a column `problem`); a failing build or test logs that sentence.
    `threshold`: a number, or the name of the setting that holds it (min_accuracy, min_r2). -#}
{% test metric_at_least(model, column_name, threshold, task) %}
    {%- set query = neural_net.nn_metric_shortfall(model, column_name, threshold, task) -%}
    {%- if execute -%}
        {%- for row in run_query(query) -%}
            {{ log(model ~ ": " ~ row['problem'], info=True) }}
        {%- endfor -%}
    {%- endif %}
{{ query }}
{% endtest %}
