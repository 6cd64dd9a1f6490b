{#- Engine differences live in this folder, one concept per file. -#}

{#- The float type of parameters and per-row values. -#}
{%- macro nn_float_type() -%}{{ return(adapter.dispatch('nn_float_type', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_float_type() -%}double precision{%- endmacro -%}
{%- macro duckdb__nn_float_type() -%}double{%- endmacro -%}
{%- macro bigquery__nn_float_type() -%}float64{%- endmacro -%}
{%- macro spark__nn_float_type() -%}double{%- endmacro -%}

{#- A float literal. The cast matters: DuckDB types a bare 0.001 as DECIMAL, which would change the arithmetic.
    `value` must already be a number (nn_number); Python's repr of a float round-trips exactly. -#}
{%- macro nn_float(value) -%}
    {%- if value is not number or value is boolean -%}{{ neural_net.nn_fail("internal: nn_float expects a number, got " ~ value) }}{%- endif -%}
    {%- if not neural_net.nn_is_finite_number(value) -%}{{ neural_net.nn_fail("internal: nn_float expects a finite number, got " ~ value) }}{%- endif -%}
    cast({{ value | float }} as {{ neural_net.nn_float_type() }})
{%- endmacro -%}

{#- True when a number (in Jinja) is neither infinite nor NaN. -#}
{%- macro nn_is_finite_number(value) -%}
    {{ return(value is number and (value | float) == (value | float) and (value | float) | abs <= 1.7976931348623157e308) }}
{%- endmacro -%}

{#- A float rounded to `digits` decimals, for messages. PostgreSQL rounds to decimals only a NUMERIC (back to a
    float, so that its text has no trailing zeros, as on the other engines). -#}
{%- macro nn_round(expression, digits) -%}{{ return(adapter.dispatch('nn_round', 'neural_net')(expression, digits)) }}{%- endmacro -%}
{%- macro default__nn_round(expression, digits) -%}round({{ expression }}, {{ digits }}){%- endmacro -%}
{%- macro postgres__nn_round(expression, digits) -%}cast(round(cast({{ expression }} as numeric), {{ digits }}) as double precision){%- endmacro -%}
