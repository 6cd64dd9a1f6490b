{#- A query as a table in a FROM clause: `select * from {{ nn_derived_table(sql) }}`. PostgreSQL before 16
    requires such a subquery to have an alias; the other engines take none, so the alias is PostgreSQL's
    alone (a FROM that adds its own alias after it is refused there; `(select * from {{ predict(...) }}) as p`
    works on every engine). The alias is the query's own (its MD5), so two of them can share a FROM. -#}
{%- macro nn_derived_table(sql) -%}{{ return(adapter.dispatch('nn_derived_table', 'neural_net')(sql)) }}{%- endmacro -%}

{%- macro default__nn_derived_table(sql) -%}{{ return("(\n" ~ sql ~ "\n)") }}{%- endmacro -%}

{%- macro postgres__nn_derived_table(sql) -%}{{ return("(\n" ~ sql ~ "\n) as nn_derived_" ~ local_md5(sql)[:12]) }}{%- endmacro -%}
