{#- Small text builders shared by the forward and backward passes. -#}

{#- Wrap a query in one more level that adds columns: `columns` is a list of (alias, expression) pairs.
    SQL cannot use a column alias in the SELECT that defines it, so each step of the math is one level. -#}
{%- macro nn_add_columns(inner, comment, columns, alias) -%}
select
    *,
    -- {{ comment }}
{%- for column in columns %}
    {{ column[1] | indent(4) }} as {{ column[0] }}{{ "," if not loop.last }}
{%- endfor %}
from (
{{ inner }}
) as {{ alias }}
{%- endmacro -%}

{#- The pre-activation of unit j of `layer`: sum_i h{layer-1}_i * w{layer}_i_j + b{layer}_j, one term per line. -#}
{%- macro nn_affine(dims, layer, j) -%}
    {%- set terms = [] -%}
    {%- for i in range(dims[layer - 1]) -%}
        {%- do terms.append(nn_unit(layer - 1, i) ~ " * " ~ nn_weight(layer, i, j)) -%}
    {%- endfor -%}
    {%- do terms.append(nn_bias(layer, j)) -%}
    {{ nn_balanced(terms, "+") }}
{%- endmacro -%}

{#- The value of `expression_for(c)` at c = the row's label: case label when 0 then ... end -#}
{%- macro nn_at_label(n_classes, column_prefix) -%}
case label
{%- for c in range(n_classes) %}
    when {{ c }} then {{ column_prefix }}{{ c }}
{%- endfor %}
end
{%- endmacro -%}

{#- `terms` joined by `operator` ('+' or 'and') as a balanced tree of parenthesised groups of at most `group`
    terms, one term per line. A left-deep chain of n terms nests n levels and DuckDB refuses expressions
    nested deeper than 1,000; this one nests about group + log_group(n). -#}
{%- macro nn_balanced(terms, operator, group=32) -%}
    {%- set ns = namespace(level=terms) -%}
    {%- for _ in range(8) if ns.level | length > group -%}
        {%- set grouped = [] -%}
        {%- for chunk in ns.level | batch(group) -%}
            {%- do grouped.append("(\n    " ~ (chunk | join("\n" ~ operator ~ " ")) | indent(4) ~ "\n)") -%}
        {%- endfor -%}
        {%- set ns.level = grouped -%}
    {%- endfor -%}
    {{ ns.level | join("\n" ~ operator ~ " ") }}
{%- endmacro -%}
