{#- The MD5 of a text as 32 lowercase hex digits, on every engine as in Python's hashlib.md5(...).hexdigest(). -#}
{%- macro nn_md5_hex(text) -%}
    {{ return(adapter.dispatch('nn_md5_hex', 'neural_net')(text)) }}
{%- endmacro -%}
{%- macro default__nn_md5_hex(text) -%}
    {{ return("md5(" ~ text ~ ")") }}
{%- endmacro -%}
{%- macro bigquery__nn_md5_hex(text) -%}
    {{ return("to_hex(md5(" ~ text ~ "))") }}
{%- endmacro -%}
