{#- A query as a table in a FROM clause: `select * from {{ nn_derived_table(sql) }}`. PostgreSQL before 16
    requires such a subquery to have an alias; the other engines take none, so the alias is PostgreSQL's
    alone (a FROM that adds its own alias after it is refused there). -#}
{%- macro nn_derived_table(sql) -%}{{ return(adapter.dispatch('nn_derived_table', 'neural_net')(sql)) }}{%- endmacro -%}

{%- macro default__nn_derived_table(sql) -%}{{ return("(\n" ~ sql ~ "\n)") }}{%- endmacro -%}

{%- macro postgres__nn_derived_table(sql) -%}{{ return("(\n" ~ sql ~ "\n) as nn_derived") }}{%- endmacro -%}
