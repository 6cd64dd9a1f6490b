{#- The texts (a list of SQL expressions, none of them NULL) joined into one. PostgreSQL passes at
    most 100 arguments to a function: there the texts are joined 100 at a time, then those joined (a row of 64
    features hashed for the split has 127 texts). -#}
{%- macro nn_concat(texts) -%}{{ return(adapter.dispatch('nn_concat', 'neural_net')(texts)) }}{%- endmacro -%}
{%- macro default__nn_concat(texts) -%}concat({{ texts | join(", ") }}){%- endmacro -%}
{%- macro postgres__nn_concat(texts) -%}
    {%- if texts | length <= 100 -%}{{ return(neural_net.default__nn_concat(texts)) }}{%- endif -%}
    {%- set groups = [] -%}
    {%- for start in range(0, texts | length, 100) -%}{%- do groups.append(neural_net.default__nn_concat(texts[start:start + 100])) -%}{%- endfor -%}
    {{ return(neural_net.postgres__nn_concat(groups)) }}
{%- endmacro -%}
