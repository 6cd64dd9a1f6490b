{#- Post-hook of nn_training: report progress, and fail loudly if the block stopped short because a step was
    not finite (the rows before it are kept; nn_iteration never writes a non-finite row). -#}
{%- macro nn_after_block() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set spec = nn_spec() -%}
    {%- set query -%}
        select
            iteration,
            loss,
            train_accuracy,
            run_settings,
            (select count(*) from {{ this }} where invocation_id = '{{ invocation_id }}') as written,
            (select min(iteration) from {{ this }} where invocation_id = '{{ invocation_id }}') as first_written
        from {{ this }}
        order by iteration desc
        limit 1
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- set last = row[0] | int -%}
    {%- set written = row[4] | int -%}
    {%- set message = "nn_training: iteration " ~ last ~ " of " ~ spec.iterations -%}
    {%- if row[1] is not none -%}
        {%- set message = message ~ " | loss " ~ "%.6f" | format(row[1] | float) -%}
    {%- endif -%}
    {%- if row[2] is not none -%}
        {%- set message = message ~ " | train accuracy " ~ "%.2f%%" | format(100 * row[2] | float) -%}
    {%- endif -%}
    {{ log(message, info=True) }}

    {%- if last < spec.iterations -%}
        {%- set start = last if written == 0 else [row[5] | int - 1, 0] | max -%}
        {#- the layer sizes this history was trained with are on its rows: no need to count the classes again -#}
        {%- set settings = fromjson(row[3]) -%}
        {%- set dims = settings['dims'] -%}
        {#- the block size training used: that of the spec resolved for the stored task (nn_training_start) -#}
        {%- set spec = nn_with_task(spec, settings.get('task') or 'classification') -%}
        {%- set expected = [start + nn_block_size(spec, dims), spec.iterations] | min -%}
        {%- if last < expected -%}
            {{ nn_fail("training diverged: iteration " ~ (last + 1) ~ " gave a loss or parameter that is not finite. "
                ~ "Iterations 0.." ~ last ~ " are kept in " ~ this ~ ". Lower lr (now " ~ settings.lr ~ ") and run with --full-refresh.") }}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro -%}
