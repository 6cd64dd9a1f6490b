{#- The target's database (BigQuery: project), or none on Spark, which has schemas but no databases above them. -#}
{%- macro nn_target_database() -%}
    {{ return(target.database if target.database is defined else none) }}
{%- endmacro -%}
