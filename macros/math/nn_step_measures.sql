{#- (alias, aggregate) of what a step measures over its rows, the same in every layout: the loss of the PREVIOUS
    parameters (the rows' mean loss plus the L2 term), a classification's training accuracy, and early
    stopping's columns (nn_early_stopping_aggregates). The rows carry row_loss, predicted_class, label and
    sum_squared_weights. -#}
{%- macro nn_step_measures(spec) -%}
    {%- set l2 = neural_net.nn_l2_penalty(spec.reg, 'sum_squared_weights') -%}
    {%- if spec.task == 'regression' -%}
        {%- set accuracy = "cast(null as " ~ neural_net.nn_float_type() ~ ")" -%}
    {%- else -%}
        {%- set accuracy = "avg(" ~ neural_net.nn_on_fit_rows(spec, "case when predicted_class = label then " ~ neural_net.nn_float(1) ~ " else " ~ neural_net.nn_float(0) ~ " end") ~ ")" -%}
    {%- endif -%}
    {{ return([('loss', "avg(" ~ neural_net.nn_on_fit_rows(spec, 'row_loss') ~ ") + " ~ l2), ('train_accuracy', accuracy)] + neural_net.nn_early_stopping_aggregates(spec, l2)) }}
{%- endmacro -%}
