{#- A SELECT of literal rows with typed columns: `columns` is [(name, kind)], kind one of string, integer,
    float or boolean; `rows` a list of lists of values in that order (none for NULL). Every value is cast, so
    each column has its type on every engine, NULLs and all. Standard SQL's VALUES list; BigQuery, which has
    none, gets one SELECT per row (a UNION ALL of 1,000 rows overflows Spark's analyzer stack). -#}
{%- macro nn_literal_rows(columns, rows) -%}
    {%- set literals = [] -%}
    {%- for row in rows -%}
        {%- set values = [] -%}
        {%- for name, kind in columns -%}{%- do values.append(neural_net.nn_typed_literal(row[loop.index0], kind)) -%}{%- endfor -%}
        {%- do literals.append(values) -%}
    {%- endfor -%}
    {{ return(adapter.dispatch('nn_literal_rows', 'neural_net')(columns | map(attribute=0) | list, literals)) }}
{%- endmacro -%}

{%- macro default__nn_literal_rows(names, literals) -%}
    {%- set rows = [] -%}
    {%- for values in literals -%}{%- do rows.append("(" ~ values | join(", ") ~ ")") -%}{%- endfor -%}
    {{ return("select * from (values\n    " ~ rows | join(",\n    ") ~ "\n) as literal_rows(" ~ names | join(", ") ~ ")") }}
{%- endmacro -%}

{%- macro bigquery__nn_literal_rows(names, literals) -%}
    {%- set selects = [] -%}
    {%- for values in literals -%}
        {%- set named = [] -%}
        {%- for value in values -%}{%- do named.append(value ~ " as " ~ names[loop.index0]) -%}{%- endfor -%}
        {%- do selects.append("select " ~ named | join(", ")) -%}
    {%- endfor -%}
    {{ return(selects | join("\nunion all\n")) }}
{%- endmacro -%}

{#- `value` as an SQL literal of `kind` (string, integer, float, boolean), cast to it; none as a typed NULL. -#}
{%- macro nn_typed_literal(value, kind) -%}
    {%- set types = {'string': dbt.type_string(), 'integer': dbt.type_int(), 'float': neural_net.nn_float_type(),
                     'boolean': dbt.type_boolean()} -%}
    {%- if value is none -%}{{ return("cast(null as " ~ types[kind] ~ ")") }}
    {%- elif kind == 'float' -%}{{ return(neural_net.nn_float(value)) }}
    {%- elif kind == 'string' -%}{{ return("cast(" ~ neural_net.nn_string_literal(value) ~ " as " ~ types[kind] ~ ")") }}
    {%- elif kind == 'boolean' -%}{{ return("true" if value else "false") }}
    {%- endif -%}
    {{ return("cast(" ~ (value | int) ~ " as " ~ types[kind] ~ ")") }}
{%- endmacro -%}
