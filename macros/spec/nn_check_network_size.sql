{#- Refuses, before any SQL runs, a network larger than the engine trains in reasonable time with this
    project's layout. One iteration's SQL spreads the state's arrays into a column per parameter and has a few
    terms per parameter, so planning time and the work per row grow with the parameter count. Measured on 2 cores
    (README, "Limits"): 64-32-10 (2,410 parameters, 1,797 rows) plans in about 19 s per block and runs 145 ms
    per iteration on DuckDB; 100-64-3 (6,659) planned in 35 s and ran 1.5 s per iteration. -#}
{%- macro nn_check_network_size(dims) -%}
    {%- set ns = namespace(count=0) -%}
    {%- for layer in range(1, dims | length) -%}
        {%- set ns.count = ns.count + (dims[layer - 1] + 1) * dims[layer] -%}
    {%- endfor -%}
    {%- set limit = nn_max_parameters() -%}
    {%- if ns.count > limit -%}
        {{ nn_fail("the network " ~ (dims | join('-')) ~ " has " ~ ns.count ~ " parameters; on " ~ target.type
            ~ " this project trains at most " ~ limit ~ " (one iteration's SQL has a column per parameter, see the README's "
            ~ "Limits). Use fewer features or smaller hidden layers.") }}
    {%- endif -%}
    {{ return(ns.count) }}
{%- endmacro -%}

{#- The most parameters a network may have on the engine. -#}
{%- macro nn_max_parameters() -%}{{ return(adapter.dispatch('nn_max_parameters', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_max_parameters() -%}{{ return(4096) }}{%- endmacro -%}
