{#- SQL true when `value` (SQL, a number) lies outside numeric `feature`'s training range widened by `margin`
    of that range on each side; predict's out_of_range_margin and drift_summary's margin mean the same. -#}
{%- macro nn_outside_range(feature, value, margin) -%}
    {%- set slack = margin * (feature.maximum - feature.minimum) -%}
    {{- return(value ~ " < " ~ neural_net.nn_float(feature.minimum - slack) ~ " or " ~ value ~ " > " ~ neural_net.nn_float(feature.maximum + slack)) -}}
{%- endmacro -%}

{#- Refuses a margin that is not a number >= 0, naming the macro and its argument (`macro_name`, `setting`). -#}
{%- macro nn_check_margin(margin, macro_name, setting) -%}
    {%- if margin is not number or margin is boolean or margin < 0 -%}
        {{ neural_net.nn_fail(macro_name ~ ": " ~ setting ~ " must be a number >= 0 (a share of each feature's training range); got " ~ (margin | tojson)) }}
    {%- endif -%}
{%- endmacro -%}
