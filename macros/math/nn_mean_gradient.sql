{#- The loss over the training rows and its gradient, with L2 weight decay (biases are not regularised).

    loss       mean_n(row loss) + 0.5 reg sum(W^2)
    gradient   g_p = mean_n(d row loss / d p) + reg p     for a weight
               g_p = mean_n(d row loss / d p)             for a bias
    Written as aggregates over the training rows, where each row carries the same (previous) parameters:
    nn_any_value reads them. The optimizer (macros/optimizers) turns g_p into the step. -#}

{#- sum of squared weights, for the L2 term of the loss -#}
{%- macro nn_sum_squared_weights(dims) -%}
    {%- set squares = [] -%}
    {%- for p in neural_net.nn_parameters(dims) if p.kind == 'weight' -%}{%- do squares.append(p.name ~ " * " ~ p.name) -%}{%- endfor -%}
    {{ neural_net.nn_balanced(squares, "+") }}
{%- endmacro -%}

{#- the L2 term of the loss, from a column holding nn_sum_squared_weights -#}
{%- macro nn_l2_penalty(reg, sum_squared_weights) -%}
{{ neural_net.nn_float(0.5) }} * {{ neural_net.nn_float(reg) }} * {{ neural_net.nn_any_value(sum_squared_weights) }}
{%- endmacro -%}

{#- g_p, given the per-row gradient of parameter p, over row_count rows -#}
{%- macro nn_mean_gradient(p, row_gradient, reg, row_count="count(*)") -%}
sum({{ row_gradient }}) / {{ row_count }}
    {%- if p.kind == 'weight' %} + {{ neural_net.nn_float(reg) }} * {{ neural_net.nn_any_value(p.name) }}{% endif -%}
{%- endmacro -%}
