{#- The rows of nn_metrics (`model`) on which a metric falls short on the split that measures generalisation:
    the held-out split when there is one, else early stopping's validation split, else the training split
    (nn_evaluation_split).
    It applies to the rows of the model's `task` (accuracy to a classification, r2 to a regression); the other
    task's rows hold NULL there and are not checked.
    `threshold`: a number, or the name of the setting that holds it (min_accuracy, min_r2: the network's own,
    see nn_settings). A setting left null sets no number: the metric must then beat the baseline beside it
    (baseline_accuracy, baseline_r2: always answering the most frequent class, or the training mean), as any
    useful model does; a perfect score passes too.
    `settings`: where the setting is read (a network's, network_metric_at_least); none = the settings of the
    network this invocation trains (nn_spec).
    Each row gets a column `problem` saying what was reached, what was required and which setting sets it.
    The query of the tests metric_at_least and network_metric_at_least, which the driver also runs to say why
    that test failed. -#}
{%- macro nn_metric_shortfall(model, column_name, threshold, task, settings=none) -%}
    {%- set setting = threshold if threshold in ['min_accuracy', 'min_r2'] else none -%}
    {%- set value = (settings if settings is not none else neural_net.nn_spec())[setting] if setting else threshold -%}
    {%- set baseline = 'baseline_' ~ column_name -%}
    {%- if value is none -%}
        {%- set failing = "not (" ~ column_name ~ " > " ~ baseline ~ " or " ~ column_name ~ " >= 1) or " ~ column_name ~ " is null" -%}
        {%- set meaning = 'always answering the most frequent training class' if column_name == 'accuracy' else 'always answering the training mean' -%}
        {%- set required = neural_net.nn_string_literal(' does not beat the baseline of ') ~ ", coalesce(cast(" ~ neural_net.nn_round(baseline, 4) ~ " as " ~ dbt.type_string() ~ "), 'NULL'), "
                           ~ neural_net.nn_string_literal(' (' ~ meaning ~ ')' ~ (': set ' ~ setting ~ ' to require a number instead' if setting else '')) -%}
    {%- else -%}
        {%- set minimum = neural_net.nn_number(value, column_name ~ ' threshold', minimum=-1000000, maximum=1) -%}
        {%- set failing = column_name ~ " < " ~ neural_net.nn_float(minimum) ~ " or " ~ column_name ~ " is null" -%}
        {%- set required = neural_net.nn_string_literal(' is below ' ~ (setting ~ ' ' if setting else 'the threshold ') ~ minimum) -%}
    {%- endif -%}
with metrics as (

    select * from {{ model }}
    where task = '{{ neural_net.nn_choice(task, 'task', ['classification', 'regression']) }}'

),

evaluated as (

    select *
    from metrics
    where split = {{ neural_net.nn_evaluation_split('metrics') | indent(4) }}

)

select
    *,
    concat(split, ' {{ column_name }} ', coalesce(cast({{ neural_net.nn_round(column_name, 4) }} as {{ dbt.type_string() }}), 'NULL'), {{ required }}) as problem
from evaluated
where {{ failing }}
{%- endmacro -%}
