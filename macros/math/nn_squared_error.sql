{#- The regression head: one linear output, score_0, which learns the standardized target
    target = (label - mean) / std (nn_standardized_target); predictions map it back (nn_target_value).

    loss       (score_0 - target)^2                  Keras's mean squared error, per row (no factor 1/2)
    backward   d loss / d score_0 = 2 (score_0 - target)
-#}
{%- macro nn_squared_error(score) -%}
({{ score }} - target) * ({{ score }} - target)
{%- endmacro -%}

{#- d loss / d score -#}
{%- macro nn_squared_error_gradient(score) -%}
{{ neural_net.nn_float(2) }} * ({{ score }} - target)
{%- endmacro -%}
