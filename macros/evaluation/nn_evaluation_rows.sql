{#- The rows an evaluation macro reads: `relation` (a relation, or its name as 'schema.table') with its columns
    named by nn_quote, as a CTE body selecting nn_group (the group_by column, or one group), and each of
    `columns` ({alias: column name}) under its alias; rows where any of `required` (aliases) is NULL are left
    out, as an unscored row (predict's NULL outputs) cannot be measured. -#}
{%- macro nn_evaluation_rows(relation, columns, required, group_by=none) -%}
    {%- set relation = neural_net.nn_relation(relation, 'relation') if relation is string else relation -%}
    {%- set selected = [(neural_net.nn_quote(group_by, 'group_by column') if group_by is not none else "'all'") ~ " as nn_group"] -%}
    {%- for alias, column in columns.items() -%}
        {%- do selected.append(neural_net.nn_quote(column, alias ~ " column") ~ " as " ~ alias) -%}
    {%- endfor -%}
    {%- set conditions = [] -%}
    {%- for alias in required -%}{%- do conditions.append(neural_net.nn_quote(columns[alias], alias ~ " column") ~ " is not null") -%}{%- endfor -%}
    {{ return("select " ~ selected | join(", ") ~ " from " ~ relation ~ (" where " ~ conditions | join(" and ") if conditions else "")) }}
{%- endmacro -%}

{#- The output's group column: named after group_by, or none when there is no group. -#}
{%- macro nn_group_column(group_by) -%}
    {{ return("nn_group as " ~ neural_net.nn_quote(group_by, 'group_by column') ~ ", " if group_by is not none else "") }}
{%- endmacro -%}

{#- A class value as an SQL literal: a boolean as TRUE or FALSE (a yes/no label's own type: PostgreSQL compares no
    boolean with text), a number as it is, anything else as text. -#}
{%- macro nn_class_literal(value) -%}
    {%- if value is boolean -%}{{ return('true' if value else 'false') }}{%- endif -%}
    {{ return(value | string if value is number else neural_net.nn_string_literal(value)) }}
{%- endmacro -%}
