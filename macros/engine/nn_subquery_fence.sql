{#- What ends a subquery so that the planner computes its columns once per row instead of pulling it up into the
    query around it. PostgreSQL pulls a plain subquery up and writes each of its expressions into every place
    the outer query names that column: one layer of the network names each unit of the layer below several
    times, so the expressions grow exponentially with the layers (a 2-16-2 block on 300 rows ran for minutes
    and took 16 GB). OFFSET 0 is PostgreSQL's documented fence against that; the other engines need none. -#}
{%- macro nn_subquery_fence() -%}{{ return(adapter.dispatch('nn_subquery_fence', 'neural_net')()) }}{%- endmacro -%}

{%- macro default__nn_subquery_fence() -%}{{ return('') }}{%- endmacro -%}

{%- macro postgres__nn_subquery_fence() -%}{{ return('\noffset 0') }}{%- endmacro -%}
