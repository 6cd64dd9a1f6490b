{#- Any one value of an expression over a group's rows, for expressions every row of the group holds alike (the
    state a step reads on each of its rows): the SQL standard's ANY_VALUE (SQL:2023). PostgreSQL has it only
    from version 16 on; there MIN of equal values gives the same value, for numbers and arrays alike. -#}
{%- macro nn_any_value(expression) -%}{{ return(adapter.dispatch('nn_any_value', 'neural_net')(expression)) }}{%- endmacro -%}

{%- macro default__nn_any_value(expression) -%}any_value({{ expression }}){%- endmacro -%}

{%- macro postgres__nn_any_value(expression) -%}min({{ expression }}){%- endmacro -%}
