{#- The regression head: one linear output, score_0, which learns the standardized target
    target = (label - mean) / std (nn_standardized_target); predictions map it back (nn_target_value).

    loss       (score_0 - target)^2                  Keras's mean squared error, per row (no factor 1/2)
    backward   d loss / d score_0 = 2 (score_0 - target)
-#}
{%- macro nn_squared_error() -%}
(score_0 - target) * (score_0 - target)
{%- endmacro -%}

{#- The (alias, expression) column of the backward pass through the head: dz{output_layer}_0. -#}
{%- macro nn_squared_error_backward(output_layer) -%}
    {{ return([(neural_net.nn_delta(output_layer, 0), neural_net.nn_float(2) ~ " * (score_0 - target)")]) }}
{%- endmacro -%}
