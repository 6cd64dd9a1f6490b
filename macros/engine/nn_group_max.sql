{#- SQL of the rows (nn_group, <column>): the greatest value of `column` in each nn_group of `relation`. The
    standard's MAX; PostgreSQL has no MAX of a boolean (a yes/no label), so there the first value in descending
    order (no NULL is among the values it is given). -#}
{%- macro nn_group_max(relation, column) -%}{{ return(adapter.dispatch('nn_group_max', 'neural_net')(relation, column)) }}{%- endmacro -%}
{%- macro default__nn_group_max(relation, column) -%}
    select nn_group, max({{ column }}) as {{ column }} from {{ relation }} group by nn_group
{%- endmacro -%}
{%- macro postgres__nn_group_max(relation, column) -%}
    select distinct nn_group, first_value({{ column }}) over (partition by nn_group order by {{ column }} desc) as {{ column }} from {{ relation }}
{%- endmacro -%}
