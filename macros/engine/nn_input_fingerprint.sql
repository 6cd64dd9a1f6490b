{#- A fingerprint of a relation's rows: "<rows>:<checksum>", the checksum a sum of one hash per row (so the
    order of the rows does not matter, and an appended, deleted or changed row changes it). Compared only with
    fingerprints the same engine took (nn_train_network's on_new_data), so each engine uses its own hash. -#}
{%- macro nn_input_fingerprint(relation) -%}
    {%- set sql = adapter.dispatch('nn_input_fingerprint', 'neural_net')(relation) -%}
    {%- set row = run_query(sql).rows[0] -%}
    {{ return((row[0] | int | string) ~ ":" ~ (row[1] | string)) }}
{%- endmacro -%}
{%- macro default__nn_input_fingerprint(relation) -%}{{ neural_net.nn_unsupported('nn_input_fingerprint') }}{%- endmacro -%}
{%- macro duckdb__nn_input_fingerprint(relation) -%}
    {{ return("select count(*), coalesce(sum(hash(t)), 0) from " ~ relation ~ " as t") }}
{%- endmacro -%}
{#- BigQuery: the first 32 bits of the MD5 of each row written as text (nn_row_text, as the split hashes rows:
    numbers to 1e-4), the functions the split already uses (the local emulator has no farm_fingerprint). -#}
{%- macro bigquery__nn_input_fingerprint(relation) -%}
    {%- set values = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- set name = neural_net.nn_quote(column.name) -%}
        {%- do values.append((name, 'number') if neural_net.nn_is_numeric_column(column) else ("cast(" ~ name ~ " as " ~ dbt.type_string() ~ ")", 'text')) -%}
    {%- endfor -%}
    {#- the digits are named once, in the subquery: the local emulator writes the argument of a text-to-integer
        cast out several times -#}
    {%- set digits = "select substr(" ~ neural_net.nn_md5_hex(neural_net.nn_row_text(values)) ~ ", 1, 8) as row_digits from " ~ relation -%}
    {{ return("select count(*), coalesce(sum(" ~ neural_net.nn_hex_number('row_digits') ~ "), 0) from (" ~ digits ~ ") as hashed_rows") }}
{%- endmacro -%}
{%- macro spark__nn_input_fingerprint(relation) -%}
    {{ return("select count(*), coalesce(sum(cast(xxhash64(*) as decimal(38, 0))), 0) from " ~ relation) }}
{%- endmacro -%}
{#- PostgreSQL: the first 32 bits of the MD5 of each row as the row type's text (the row's alias is one no input
    column has: PostgreSQL would read a column of that name instead). -#}
{%- macro postgres__nn_input_fingerprint(relation) -%}
    {%- set row_hash = neural_net.nn_hex_number("substr(md5(cast(nn_fingerprinted_row as text)), 1, 8)") -%}
    {{ return("select count(*), coalesce(sum(" ~ row_hash ~ "), 0) from " ~ relation ~ " as nn_fingerprinted_row") }}
{%- endmacro -%}
