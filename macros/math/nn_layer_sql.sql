{#- Small text builders shared by the forward and backward passes. -#}

{#- Wrap a query in one more level that adds columns: `columns` is a list of (alias, expression) pairs.
    SQL cannot use a column alias in the SELECT that defines it, so each step of the math is one level. -#}
{%- macro nn_add_columns(inner, comment, columns, alias) -%}
{{ neural_net.nn_select_columns(inner, ['*'], comment, columns, alias) }}
{%- endmacro -%}

{#- The same level, keeping only the columns `kept` of the inner query (['*']: all) beside the new ones. -#}
{%- macro nn_select_columns(inner, kept, comment, columns, alias) -%}
select
{%- for column in kept %}
    {{ column }},
{%- endfor %}
    -- {{ comment }}
{%- for column in columns %}
    {{ column[1] | indent(4) }} as {{ column[0] }}{{ "," if not loop.last }}
{%- endfor %}
from (
{{ inner }}{{ neural_net.nn_subquery_fence() }}
) as {{ alias }}
{%- endmacro -%}

{#- The value of `expression_for(c)` at c = the row's label: case label when 0 then ... end -#}
{%- macro nn_at_label(n_classes, column_prefix) -%}
case label
{%- for c in range(n_classes) %}
    when {{ c }} then {{ column_prefix }}{{ c }}
{%- endfor %}
end
{%- endmacro -%}
