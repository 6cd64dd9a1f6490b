{#- The quotient of two non-negative whole numbers, rounded down, as a whole number (and below, the remainder).
    The SQL standard has no operator for it (an engine's / may give a decimal). -#}
{%- macro nn_integer_division(dividend, divisor) -%}{{ return(adapter.dispatch('nn_integer_division', 'neural_net')(dividend, divisor)) }}{%- endmacro -%}

{%- macro default__nn_integer_division(dividend, divisor) -%}{{ neural_net.nn_unsupported('nn_integer_division') }}{%- endmacro -%}

{%- macro duckdb__nn_integer_division(dividend, divisor) -%}({{ dividend }}) // ({{ divisor }}){%- endmacro -%}

{%- macro bigquery__nn_integer_division(dividend, divisor) -%}div({{ dividend }}, {{ divisor }}){%- endmacro -%}

{%- macro spark__nn_integer_division(dividend, divisor) -%}({{ dividend }}) div ({{ divisor }}){%- endmacro -%}
{%- macro postgres__nn_integer_division(dividend, divisor) -%}cast(div({{ dividend }}, {{ divisor }}) as bigint){%- endmacro -%}

{#- The remainder of that division: the standard's MOD, or the engine's % operator. -#}
{%- macro nn_integer_remainder(dividend, divisor) -%}{{ return(adapter.dispatch('nn_integer_remainder', 'neural_net')(dividend, divisor)) }}{%- endmacro -%}

{%- macro default__nn_integer_remainder(dividend, divisor) -%}mod({{ dividend }}, {{ divisor }}){%- endmacro -%}

{%- macro duckdb__nn_integer_remainder(dividend, divisor) -%}({{ dividend }}) % ({{ divisor }}){%- endmacro -%}

{%- macro spark__nn_integer_remainder(dividend, divisor) -%}({{ dividend }}) % ({{ divisor }}){%- endmacro -%}
