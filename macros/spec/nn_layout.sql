{#- How one iteration's SQL holds the parameters; the stored state is the same arrays either way, so a history
    trained in one layout continues in the other.

    columns   every parameter is a column of the row (nn_iteration): the SQL has a few terms per parameter, so
              its text and planning time grow with the parameter count (at most nn_max_parameters()).
    arrays    a list per layer (nn_iteration_arrays): a unit's pre-activation is one list_inner_product, the
              gradient one GROUP BY per layer; the SQL grows with the widest layer, not with the parameters.
              DuckDB only: it needs DuckDB's list lambdas.
    auto      arrays on DuckDB for a network of more than nn_arrays_from_parameters() parameters, columns
              otherwise. Measured (README, "Wide networks"): below that the columns' plan is the faster one.
-#}
{%- macro nn_layout(spec, dims) -%}
    {%- set layout = spec.get('layout', 'auto') -%}
    {%- if layout == 'arrays' and target.type != 'duckdb' -%}
        {{ nn_fail("layout: arrays needs DuckDB's list functions; on " ~ target.type ~ " use layout: columns (or auto)") }}
    {%- endif -%}
    {%- if layout == 'auto' -%}
        {{ return('arrays' if target.type == 'duckdb' and nn_parameter_count(dims) > nn_arrays_from_parameters() else 'columns') }}
    {%- endif -%}
    {{ return(layout) }}
{%- endmacro -%}

{%- macro nn_arrays_from_parameters() -%}{{ return(256) }}{%- endmacro -%}

{#- The number of weights and biases of a network of these layer sizes. -#}
{%- macro nn_parameter_count(dims) -%}
    {%- set ns = namespace(count=0) -%}
    {%- for layer in range(1, dims | length) -%}
        {%- set ns.count = ns.count + (dims[layer - 1] + 1) * dims[layer] -%}
    {%- endfor -%}
    {{ return(ns.count) }}
{%- endmacro -%}
