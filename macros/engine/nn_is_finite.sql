{#- True when a float is neither infinite nor NaN. -#}
{%- macro nn_is_finite(expression) -%}{{ return(adapter.dispatch('nn_is_finite', 'neural_net')(expression)) }}{%- endmacro -%}

{%- macro default__nn_is_finite(expression) -%}
    {#- NaN compares false (or greater than every number) and inf exceeds the largest finite double. -#}
    (abs({{ expression }}) <= {{ neural_net.nn_float(1.7976931348623157e308) }})
{%- endmacro -%}

{%- macro duckdb__nn_is_finite(expression) -%}isfinite({{ expression }}){%- endmacro -%}
