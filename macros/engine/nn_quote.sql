{#- A column name as SQL: the one way a name reaches a query, whatever the name holds. The name is quoted so
    that the engine reads exactly it, or refused, naming it:
      DuckDB (and any engine that quotes with ")   "name", an embedded " doubled
      Spark                                      `name`, an embedded ` doubled
      BigQuery                                   `name`; a backtick or backslash is refused (its quoted names
                                                 read backslash escapes)
    Every engine refuses an empty name and one holding a control character (a newline, a tab): no table a
    user means to train on or score has one, and each engine reads them differently. `role` says what the
    name is in the refusal ("column of analytics.new_customers"). -#}
{%- macro nn_quote(name, role='column') -%}
    {%- if name is not string or name == '' or modules.re.search('[\\x00-\\x1f\\x7f]', name) -%}
        {{ neural_net.nn_fail(role ~ " " ~ (name | tojson) ~ ": a name must be non-empty text without control characters (newlines, tabs); rename it") }}
    {%- endif -%}
    {{ return(adapter.dispatch('nn_quote', 'neural_net')(name, role)) }}
{%- endmacro -%}

{%- macro default__nn_quote(name, role) -%}
    {{ return('"' ~ name.replace('"', '""') ~ '"') }}
{%- endmacro -%}

{%- macro spark__nn_quote(name, role) -%}
    {{ return('`' ~ name.replace('`', '``') ~ '`') }}
{%- endmacro -%}

{%- macro bigquery__nn_quote(name, role) -%}
    {%- if '`' in name or '\\' in name -%}
        {{ neural_net.nn_fail(role ~ " " ~ (name | tojson) ~ ": BigQuery cannot name a column with a backtick or a backslash; rename it") }}
    {%- endif -%}
    {{ return('`' ~ name ~ '`') }}
{%- endmacro -%}

{#- The names, each quoted by nn_quote. -#}
{%- macro nn_quoted(names, role='column') -%}
    {%- set quoted = [] -%}
    {%- for name in names -%}{%- do quoted.append(neural_net.nn_quote(name, role)) -%}{%- endfor -%}
    {{ return(quoted) }}
{%- endmacro -%}
