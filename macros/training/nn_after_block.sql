{#- Post-hook of nn_training: report progress, as a sentence for people and a JSON record for programs (and that
    early stopping stopped training: nn_early_stopping), and fail loudly if the block stopped short because a
    step was not finite (the rows before it are kept; nn_iteration never writes a non-finite row).
    `block_start`: the iteration the block started from, when one invocation writes several blocks
    (nn_train_network). -#}
{%- macro nn_after_block(block_start=none) -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set spec = neural_net.nn_spec() -%}
    {%- set history = neural_net.nn_ref('nn_training') -%}
    {#- the scalar columns only: the parameters' arrays are not needed here. The block just written was trained
        with the current settings (nn_training_start refuses others), so they say which columns exist. -#}
    {%- set read = ['iteration', 'loss', 'train_accuracy', 'run_settings', 'preprocessing'] + (['best_iteration', 'best_validation_loss'] if spec.early_stopping else []) -%}
    {%- set query -%}
        select
            {{ read | join(", ") }},
            (select count(*) from {{ history }} where invocation_id = '{{ invocation_id }}') as written,
            (select min(iteration) from {{ history }} where invocation_id = '{{ invocation_id }}') as first_written
        from {{ history }}
        order by iteration desc
        limit 1
    {%- endset -%}
    {%- set table = run_query(query) -%}
    {%- set row = dict(zip(table.column_names | map('lower'), table.rows[0])) -%}
    {%- set last = row.iteration | int -%}
    {%- set written = row.written | int -%}
    {%- set settings = fromjson(row.run_settings) -%}
    {#- the iteration training goes to: after on_new_data: continue, `iterations` more than where the rows changed -#}
    {%- set target = spec.iterations + fromjson(row.preprocessing).get('continued_from', 0) -%}
    {%- set message = "nn_training: iteration " ~ last ~ " of " ~ target -%}
    {%- if row.loss is not none -%}
        {%- set message = message ~ " | loss " ~ "%.6f" | format(row.loss | float) -%}
    {%- endif -%}
    {%- if row.train_accuracy is not none -%}
        {%- set message = message ~ " | train accuracy " ~ "%.2f%%" | format(100 * row.train_accuracy | float) -%}
    {%- endif -%}
    {%- set stopped = settings.get('early_stopping') and row.get('best_iteration') is not none
                      and last - 1 - row.best_iteration | int >= settings.patience -%}
    {%- if stopped -%}
        {#- nn_early_stopping: the model is the best iteration, and no later run adds a row -#}
        {%- set message = message ~ " | stopped early: the validation loss has not improved for " ~ settings.patience
            ~ " iterations; the model is iteration " ~ row.best_iteration ~ " (validation loss " ~ "%.6f" | format(row.best_validation_loss | float) ~ ")" -%}
    {%- endif -%}
    {%- if spec.network is not none -%}{%- set message = message ~ " | network " ~ spec.network -%}{%- endif -%}
    {{ log(message, info=True) }}
    {#- the same facts as a record, for programs (neural_net_sql.progress reads it); in dbt's debug log -#}
    {%- set record = {'iteration': last, 'target': target, 'network': spec.network,
                      'loss': none if row.loss is none else row.loss | float,
                      'train_accuracy': none if row.train_accuracy is none else row.train_accuracy | float,
                      'stopped_early': none if not stopped else {'best_iteration': row.best_iteration | int,
                                                                 'best_validation_loss': row.best_validation_loss | float,
                                                                 'patience': settings.patience | int}} -%}
    {{ log(tojson({'neural_net_progress': record}), info=False) }}

    {%- if last < target and not stopped -%}
        {#- where the block started: given by the neural_net materialization (one build writes many blocks), else
            the first row this run wrote -#}
        {%- set start = block_start if block_start is not none else (last if written == 0 else [row.first_written | int - 1, 0] | max) -%}
        {#- the layer sizes this history was trained with are on its rows: no need to count the classes again -#}
        {%- set dims = settings['dims'] -%}
        {#- the block size training used: that of the spec resolved for the stored task (nn_training_start) -#}
        {%- set spec = neural_net.nn_with_task(spec, settings.get('task') or 'classification') -%}
        {%- do spec.update({'reg': settings.reg}) -%}
        {%- set expected = [start + neural_net.nn_block_size(spec, dims, fromjson(row.preprocessing)), target] | min -%}
        {%- if last < expected -%}
            {{ neural_net.nn_fail("training diverged: iteration " ~ (last + 1) ~ " gave a loss or parameter that is not finite. "
                ~ "Iterations 0.." ~ last ~ " are kept in " ~ history ~ ". Lower lr (now " ~ settings.lr ~ ") and run with --full-refresh.") }}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro -%}
