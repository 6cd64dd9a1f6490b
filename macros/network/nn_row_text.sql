{#- A row written as text for the split's hash (nn_examples_query hashes it: nn_md5_hex): its values'
    texts joined by '|'. The text of a value is the same on every engine (and in Python: reference.split_text):
      whole     the whole number (a split_key of integers)
      number    floor(v * 10^4) as a whole number (so 0.1 and 0.10000000001 are equal, and no engine's float
                formatting is involved); from 10^14 on, 'e' and floor(v / 10^10); from 10^28 on, '+' or '-'
      text      the text itself
      NULL      '~'
    values is a list of (SQL expression, 'whole', 'number' or 'text') pairs. -#}
{%- macro nn_row_text(values) -%}
    {%- set texts = [] -%}
    {%- for value in values -%}
        {%- if not loop.first -%}{%- do texts.append("'|'") -%}{%- endif -%}
        {%- do texts.append(neural_net.nn_hash_text(value[0], value[1])) -%}
    {%- endfor -%}
    {{ return(neural_net.nn_concat(texts)) }}
{%- endmacro -%}

{%- macro nn_hash_text(expression, kind) -%}
    {%- if kind == 'text' -%}
        {{ return("coalesce(" ~ expression ~ ", '~')") }}
    {%- endif -%}
    {%- set bigint = dbt.type_bigint() -%}
    {%- if kind == 'whole' -%}
        {{ return("coalesce(cast(cast(" ~ expression ~ " as " ~ bigint ~ ") as " ~ dbt.type_string() ~ "), '~')") }}
    {%- endif -%}
    {%- set whole = "cast(cast(floor(%s) as " ~ bigint ~ ") as " ~ dbt.type_string() ~ ")" -%}
    {{ return("case when " ~ expression ~ " is null then '~'"
              ~ " when abs(" ~ expression ~ ") < 1e14 then " ~ (whole | format(expression ~ " * 10000"))
              ~ " when abs(" ~ expression ~ ") < 1e28 then concat('e', " ~ (whole | format(expression ~ " / 1e10")) ~ ")"
              ~ " when " ~ expression ~ " > 0 then '+' else '-' end") }}
{%- endmacro -%}
