{#- Lists of floats with higher-order functions: what the arrays layout (nn_layout) computes with, on DuckDB
    (list functions, lambdas) and on Spark (array functions, lambdas). BigQuery has no lambdas.

    A lambda's index argument and a list's subscript count from the same base on each engine (DuckDB 1,
    Spark 0), so list[index] inside a lambda needs no macro; nn_list_base() is that base, for the arithmetic
    that turns an index into a number (a class, a unit) counted from 0.

    nn_list_transform(list, arguments, body)   [body for each element], arguments 'x' or 'x, index'
    nn_list_dot(a, b)                          sum of a[k] b[k]
    nn_list_sum(list), nn_list_max(list)
    nn_list_position(list, value)              the first position of value, counted from 1
    nn_list_range(n)                           [0, 1, ..., n - 1]
    nn_list_slice(list, start, length)         `length` elements from position `start`, counted from 0
    nn_list_all(list, element, condition)      true when the condition holds for every element
-#}

{%- macro nn_list_base() -%}{{ return(adapter.dispatch('nn_list_base', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_list_base() -%}{{ return(0) }}{%- endmacro -%}
{%- macro duckdb__nn_list_base() -%}{{ return(1) }}{%- endmacro -%}

{%- macro nn_list_transform(list, arguments, body) -%}{{ return(adapter.dispatch('nn_list_transform', 'neural_net')(list, arguments, body)) }}{%- endmacro -%}
{%- macro default__nn_list_transform(list, arguments, body) -%}
    {#- Spark: x -> body, or (x, i) -> body -#}
    transform({{ list }}, {{ ("(" ~ arguments ~ ")") if "," in arguments else arguments }} -> {{ body }})
{%- endmacro -%}
{%- macro duckdb__nn_list_transform(list, arguments, body) -%}list_transform({{ list }}, lambda {{ arguments }}: {{ body }}){%- endmacro -%}

{%- macro nn_list_dot(a, b) -%}{{ return(adapter.dispatch('nn_list_dot', 'neural_net')(a, b)) }}{%- endmacro -%}
{%- macro default__nn_list_dot(a, b) -%}
    {{- nn_list_sum("zip_with(" ~ a ~ ", " ~ b ~ ", (dot_a, dot_b) -> dot_a * dot_b)") -}}
{%- endmacro -%}
{%- macro duckdb__nn_list_dot(a, b) -%}list_inner_product({{ a }}, {{ b }}){%- endmacro -%}

{%- macro nn_list_sum(list) -%}{{ return(adapter.dispatch('nn_list_sum', 'neural_net')(list)) }}{%- endmacro -%}
{%- macro default__nn_list_sum(list) -%}aggregate({{ list }}, {{ nn_float(0) }}, (sum_so_far, addend) -> sum_so_far + addend){%- endmacro -%}
{%- macro duckdb__nn_list_sum(list) -%}list_sum({{ list }}){%- endmacro -%}

{%- macro nn_list_max(list) -%}{{ return(adapter.dispatch('nn_list_max', 'neural_net')(list)) }}{%- endmacro -%}
{%- macro default__nn_list_max(list) -%}array_max({{ list }}){%- endmacro -%}
{%- macro duckdb__nn_list_max(list) -%}list_max({{ list }}){%- endmacro -%}

{%- macro nn_list_position(list, value) -%}{{ return(adapter.dispatch('nn_list_position', 'neural_net')(list, value)) }}{%- endmacro -%}
{%- macro default__nn_list_position(list, value) -%}array_position({{ list }}, {{ value }}){%- endmacro -%}
{%- macro duckdb__nn_list_position(list, value) -%}list_position({{ list }}, {{ value }}){%- endmacro -%}

{%- macro nn_list_range(n) -%}{{ return(adapter.dispatch('nn_list_range', 'neural_net')(n)) }}{%- endmacro -%}
{%- macro default__nn_list_range(n) -%}sequence(0, {{ n }} - 1){%- endmacro -%}
{%- macro duckdb__nn_list_range(n) -%}range({{ n }}){%- endmacro -%}

{%- macro nn_list_slice(list, start, length) -%}{{ return(adapter.dispatch('nn_list_slice', 'neural_net')(list, start, length)) }}{%- endmacro -%}
{%- macro default__nn_list_slice(list, start, length) -%}slice({{ list }}, {{ start }} + 1, {{ length }}){%- endmacro -%}
{%- macro duckdb__nn_list_slice(list, start, length) -%}{{ list }}[{{ start }} + 1 : {{ start }} + {{ length }}]{%- endmacro -%}

{%- macro nn_list_all(list, element, condition) -%}{{ return(adapter.dispatch('nn_list_all', 'neural_net')(list, element, condition)) }}{%- endmacro -%}
{%- macro default__nn_list_all(list, element, condition) -%}forall({{ list }}, {{ element }} -> {{ condition }}){%- endmacro -%}
{%- macro duckdb__nn_list_all(list, element, condition) -%}list_bool_and(list_transform({{ list }}, lambda {{ element }}: {{ condition }})){%- endmacro -%}

{#- The type of a list of floats. -#}
{%- macro nn_float_list_type() -%}{{ return(adapter.dispatch('nn_float_list_type', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_float_list_type() -%}array<{{ nn_float_type() }}>{%- endmacro -%}
{%- macro duckdb__nn_float_list_type() -%}{{ nn_float_type() }}[]{%- endmacro -%}
