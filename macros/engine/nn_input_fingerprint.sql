{#- A fingerprint of a relation's rows: "<rows>:<checksum>", the checksum a sum of one hash per row (so the
    order of the rows does not matter, and an appended, deleted or changed row changes it). Compared only with
    fingerprints the same engine took (nn_train_network's on_new_data), so each engine uses its own hash. -#}
{%- macro nn_input_fingerprint(relation) -%}
    {%- set sql = adapter.dispatch('nn_input_fingerprint', 'neural_net')(relation) -%}
    {%- set row = run_query(sql).rows[0] -%}
    {{ return((row[0] | int | string) ~ ":" ~ (row[1] | string)) }}
{%- endmacro -%}
{%- macro default__nn_input_fingerprint(relation) -%}
    {{ return("select count(*), coalesce(sum(hash(t)), 0) from " ~ relation ~ " as t") }}
{%- endmacro -%}
{%- macro bigquery__nn_input_fingerprint(relation) -%}
    {{ return("select count(*), coalesce(sum(mod(farm_fingerprint(to_json_string(t)), 1000000007)), 0) from " ~ relation ~ " as t") }}
{%- endmacro -%}
{%- macro spark__nn_input_fingerprint(relation) -%}
    {{ return("select count(*), coalesce(sum(cast(xxhash64(*) as decimal(38, 0))), 0) from " ~ relation) }}
{%- endmacro -%}
