{#- `terms` joined by `operator` ('+' or 'and') as a balanced tree of parenthesised groups of at most `group`
    terms, one term per line. A left-deep chain of n terms nests n levels and DuckDB refuses expressions
    nested deeper than 1,000; this one nests about group + log_group(n). Up to `group` terms it is the plain
    chain; groups are not indented, so that the text stays as short as the chain (BigQuery counts it). -#}
{%- macro nn_balanced(terms, operator, group=256) -%}
    {%- set ns = namespace(level=terms) -%}
    {%- for _ in range(8) if ns.level | length > group -%}
        {%- set grouped = [] -%}
        {%- for chunk in ns.level | batch(group) -%}
            {%- do grouped.append("(\n" ~ (chunk | join("\n" ~ operator ~ " ")) ~ "\n)") -%}
        {%- endfor -%}
        {%- set ns.level = grouped -%}
    {%- endfor -%}
    {{ ns.level | join("\n" ~ operator ~ " ") }}
{%- endmacro -%}
