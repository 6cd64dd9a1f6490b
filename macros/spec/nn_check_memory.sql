{#- Refuses, before the block's query runs, a training block that an estimate of its memory puts over what the
    engine may use, naming both, so that it fails in a second rather than with an out-of-memory error minutes
    later. Nothing to check while dbt parses (no row count yet), nor where no estimate was measured.

    DuckDB, arrays layout: the least memory_limit at which one block of 2 iterations ran, found by bisection
    (to about 10%), and the estimate below for it:
        784-128-10       2.4k / 10k / 20k rows   about 240 / 604 / 890 MB     estimate 189 / 385 / 644 MB
        784-256-128-10   5k rows                 666 MB                       344 MB
        64-32-10         10k / 50k rows          190 / 357 MB                 116 / 234 MB
        100-16-3         100k rows               573 MB                       419 MB
        1000-512-2       500 / 2k rows           392 / 604 MB                 311 / 375 MB
    On a second machine (AVX-512) the first of them ran at 210MB and not at 200MB: the constant was 120 MB until
    then (224 MB for it).
    The estimate, 85 MB + 3.5 x (rows of a step) x (units of all layers) x 8 bytes + 50 x (weights) x 8 bytes,
    plus the block's K states (parameters and the optimizer's), is below every one of them, so a block refused
    here is unlikely to have run; a block under it may still run out of memory. (The columns layout, at most 4,096
    parameters, keeps a few numbers per row and is not estimated.) -#}
{%- macro nn_check_memory(spec, dims, preprocessing, iterations) -%}
    {{ return(adapter.dispatch('nn_check_memory', 'neural_net')(spec, dims, preprocessing, iterations)) }}
{%- endmacro -%}

{%- macro default__nn_check_memory(spec, dims, preprocessing, iterations) -%}{{ return(none) }}{%- endmacro -%}

{%- macro duckdb__nn_check_memory(spec, dims, preprocessing, iterations) -%}
    {%- set rows = neural_net.nn_rows_per_step(spec, preprocessing) -%}
    {%- if not execute or rows is none or neural_net.nn_layout(spec, dims) != 'arrays' -%}{{ return(none) }}{%- endif -%}
    {%- set parameters = neural_net.nn_parameter_count(dims) -%}
    {%- set weights = parameters - (dims[1:] | sum) -%}
    {%- set state = parameters * (1 + neural_net.nn_optimizer_state(spec.optimizer) | length) -%}
    {%- set needed = 85000000 + 3.5 * rows * (dims | sum) * 8 + 50 * weights * 8 + iterations * state * 8 -%}
    {%- set setting = run_query("select current_setting('memory_limit')").columns[0].values()[0] -%}
    {%- set limit = neural_net.nn_memory_bytes(setting) -%}
    {%- if needed > limit -%}
        {{ neural_net.nn_fail("a training block of the network " ~ (dims | join('-')) ~ " on " ~ rows ~ " rows per step and "
            ~ iterations ~ " iterations needs at least about " ~ (needed / 1000000) | round | int ~ " MB of memory (an estimate: docs/limits.md), over "
            ~ "DuckDB's memory_limit of " ~ setting ~ ". Set a smaller batch_size or block_size, or a larger memory_limit "
            ~ "(NN_DUCKDB_MEMORY_LIMIT, e.g. 8GB).") }}
    {%- endif -%}
{%- endmacro -%}

{#- A memory size as DuckDB prints it ('476.8 MiB', '18.8 GiB', '1024 bytes'), in bytes. -#}
{%- macro nn_memory_bytes(text) -%}
    {%- set number, unit = text.split(' ')[0] | float, (text.split(' ') + ['bytes'])[1] -%}
    {%- set units = {'bytes': 1, 'KiB': 1024, 'MiB': 1024 ** 2, 'GiB': 1024 ** 3, 'TiB': 1024 ** 4, 'PiB': 1024 ** 5,
                     'KB': 1000, 'MB': 1000 ** 2, 'GB': 1000 ** 3, 'TB': 1000 ** 4, 'PB': 1000 ** 5} -%}
    {%- if unit not in units -%}{{ neural_net.nn_fail("internal: cannot read the memory size " ~ text) }}{%- endif -%}
    {{ return(number * units[unit]) }}
{%- endmacro -%}
