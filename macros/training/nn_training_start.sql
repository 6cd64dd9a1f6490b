{#- Where this run of nn_training starts: the latest trained state, or the initial state when the table is new
    or --full-refresh is given. Returns
      iteration      the start iteration (-1 = nothing trained yet)
      sql            a SELECT of the start state's columns
      preprocessing  the run's preprocessing (nn_preprocessing): fitted now when the run starts, read from the
                     history when it continues
      dims           the network's layer sizes (nn_dims); the inputs follow from the preprocessing
      spec           the spec to train with: `spec` with the task (nn_task), its default lr (nn_with_task), its
                     default reg (nn_default_reg, from the training rows the preprocessing counted) and its layout
                     (nn_layout: `auto` resolved with the rows per step)
      stopped        true when early stopping has stopped the history: no more steps (nn_early_stopping)
      run_settings   the settings the history's rows keep (nn_run_settings, JSON): the history's own when it
                     continues

    Refuses to continue a history trained with other settings: one history, one run. -#}
{%- macro nn_training_start(spec) -%}
    {%- set spec = neural_net.nn_with_task(spec, neural_net.nn_task(spec)) -%}
    {%- set history = neural_net.nn_ref('nn_training') -%}
    {%- set latest = run_query("select iteration, run_settings from " ~ history ~ " order by iteration desc limit 1")
                     if execute and neural_net.nn_history_exists() else none -%}
    {%- if latest is none or latest.rows | length == 0 -%}
        {%- set preprocessing = neural_net.nn_preprocessing(spec) -%}
        {%- if execute and not neural_net.nn_materializing() -%}
            {#- the rows the history starts on, as nn_examples holds them (the materialization keeps the input's:
                nn_train_network), so that a later run can say they changed (nn_report_new_rows) -#}
            {%- do preprocessing.update({'input_fingerprint': neural_net.nn_input_fingerprint(neural_net.nn_ref('nn_examples'))}) -%}
        {%- endif -%}
        {%- do spec.update({'reg': spec.reg if spec.reg is not none else neural_net.nn_default_reg(spec.task, preprocessing.training_rows)}) -%}
        {%- set dims = neural_net.nn_dims(spec, preprocessing) -%}
        {%- do spec.update({'layout': neural_net.nn_layout(spec, dims, preprocessing)}) -%}
        {%- do neural_net.nn_report_batches(spec, preprocessing) -%}
        {{ return({'iteration': -1, 'sql': neural_net.nn_initial_state(spec, dims), 'preprocessing': preprocessing, 'dims': dims, 'spec': spec,
                   'stopped': false, 'run_settings': neural_net.nn_run_settings(spec, dims)}) }}
    {%- endif -%}
    {%- set iteration = latest.rows[0][0] | int -%}
    {%- set read_preprocessing = "select preprocessing from " ~ history ~ " where iteration = " ~ iteration -%}
    {#- a regression's default reg depends on the training rows the history started with, which its first row
        keeps (on_new_data: continue counts the rows anew on the rows after) -#}
    {%- set first = fromjson(run_query("select preprocessing from " ~ history ~ " order by iteration limit 1").rows[0][0])
                    if spec.reg is none and spec.task == 'regression' else none -%}
    {%- if spec.reg is none -%}
        {%- do spec.update({'reg': neural_net.nn_default_reg(spec.task, first.training_rows if first else none)}) -%}
    {%- endif -%}
    {#- the inputs are counted by the stored preprocessing, which a continuing run keeps; the settings that
        shape it (features, categorical, max_categories, ...) are compared with the rest -#}
    {%- set dims = [fromjson(latest.rows[0][1]).get('dims', [0])[0]] + spec.hidden + [neural_net.nn_output_count(spec, spec.task)] -%}
    {%- set settings = neural_net.nn_run_settings(spec, dims) -%}
    {#- compared as values (lr 2 is lr 2.0); the history's own text is written on (nn_training_query) -#}
    {%- if fromjson(latest.rows[0][1]) != fromjson(settings) -%}
        {{ neural_net.nn_fail("nn_training holds " ~ iteration ~ " iterations trained with other settings: "
            ~ neural_net.nn_changed_settings(fromjson(latest.rows[0][1]), fromjson(settings)) | join("; ")
            ~ ("\nThe history was trained before rows were split by the MD5 of their values (split_key): its held-out "
               ~ "rows are not the ones this version holds out." if '"split"' not in latest.rows[0][1] else "")
            ~ ("\nSet it back, or train a new version from the initial weights: dbt build --full-refresh --select "
               ~ spec.network ~ " (the version trained so far is kept: nn_model_versions lists it)"
               if neural_net.nn_materializing() else
               "\nSet it back, or run with --full-refresh to start again from the initial weights (the old history is replaced)")) }}
    {%- endif -%}
    {#- read only once the settings match: a history from before preprocessing existed has no such column -#}
    {%- set preprocessing = fromjson(run_query(read_preprocessing).rows[0][0]) -%}
    {%- do spec.update({'layout': neural_net.nn_layout(spec, dims, preprocessing)}) -%}
    {%- do neural_net.nn_check_resumable(spec, dims, iteration, preprocessing) -%}
    {#- after on_new_data: continue, `iterations` count from where the rows changed (nn_train_network) -#}
    {%- do spec.update({'iterations': spec.iterations + preprocessing.get('continued_from', 0)}) -%}
    {%- set columns = neural_net.nn_state_columns(spec, dims) -%}
    {%- set sql -%}
select
    {{ columns | join(",\n    ") }}
from {{ history }}
where iteration = {{ iteration }}
    {%- endset -%}
    {#- a history early stopping stopped takes no more steps (nn_early_stopping) -#}
    {%- set stopped = spec.early_stopping and run_query("select count(*) from " ~ history ~ " where iteration = " ~ iteration
                                                         ~ " and not " ~ neural_net.nn_still_training(spec)).rows[0][0] | int > 0 -%}
    {{ return({'iteration': iteration, 'sql': sql, 'preprocessing': preprocessing, 'dims': dims, 'spec': spec, 'stopped': stopped,
               'run_settings': latest.rows[0][1]}) }}
{%- endmacro -%}

{#- A history continues only from a state training could have written, on inputs of the kinds it was fitted
    on: fails when the latest row holds a loss or parameter that is not finite (training never writes one: the
    row was written by something else), or when a feature's column changed between number and text since the
    preprocessing was fitted (nn_examples holds text for categories, numbers otherwise). -#}
{%- macro nn_check_resumable(spec, dims, iteration, preprocessing) -%}
    {%- set corrupt = run_query("select count(*) from " ~ neural_net.nn_ref('nn_training') ~ " where iteration = " ~ iteration
                                ~ " and not (" ~ neural_net.nn_state_is_finite(spec, dims, 'arrays') ~ ")").rows[0][0] | int -%}
    {%- if corrupt > 0 -%}
        {{ neural_net.nn_fail("nn_training's latest row, iteration " ~ iteration ~ ", holds a loss or parameter that is not finite, which "
            ~ "training never writes: the table was changed outside training. Delete that row to continue from the one before, "
            ~ "or run with --full-refresh to start again") }}
    {%- endif -%}
    {%- set kinds = neural_net.nn_feature_kind_problem(neural_net.nn_ref('nn_examples'), preprocessing) -%}
    {%- if kinds is not none -%}
        {{ neural_net.nn_fail(kinds ~ ": restore it, or run with --full-refresh to train on it as it is") }}
    {%- endif -%}
{%- endmacro -%}

{#- What is wrong when a feature's column in `examples` (rows shaped like nn_examples) changed between number
    and text since the preprocessing was fitted (nn_examples holds text for categories, numbers otherwise), or
    none. -#}
{%- macro nn_feature_kind_problem(examples, preprocessing) -%}
    {%- set text = {} -%}
    {%- for column in adapter.get_columns_in_relation(examples) -%}
        {%- do text.update({column.name | lower: neural_net.nn_is_text_or_boolean_column(column)}) -%}
    {%- endfor -%}
    {%- for feature in preprocessing.features -%}
        {%- set now_text = text.get('x_' ~ loop.index0) -%}
        {%- if now_text is not none and now_text != (feature.kind == 'categorical') -%}
            {{ return("feature " ~ feature.name ~ " was trained on as " ~ ("categories" if feature.kind == 'categorical' else "a number")
                ~ ", but its column now holds " ~ ("text" if now_text else "numbers") ~ " (its type changed since training started, or the "
                ~ "categorical var did)") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro -%}

{#- Says how batch_size splits the training rows, or that it is full batch after all. -#}
{%- macro nn_report_batches(spec, preprocessing) -%}
    {%- if spec.batch_size is none or not execute -%}{{ return(none) }}{%- endif -%}
    {%- set batches = neural_net.nn_batches(spec.batch_size, preprocessing.training_rows) -%}
    {%- if batches is none -%}
        {{ log("nn_training: batch_size " ~ spec.batch_size ~ " >= the " ~ preprocessing.training_rows
               ~ " training rows: every iteration learns from all of them (full batch)", info=True) }}
    {%- else -%}
        {{ log("nn_training: mini-batches of " ~ batches.size ~ " rows, " ~ batches.count ~ " iterations per epoch of "
               ~ batches.rows ~ " training rows", info=True) }}
    {%- endif -%}
{%- endmacro -%}

{#- The settings that differ between two run_settings (nn_run_settings, parsed), each as
    "lr: 0.05 when trained, now 0.5", in name order; both whole when no one setting differs (the same values
    written otherwise). -#}
{%- macro nn_changed_settings(trained, now) -%}
    {%- set changed = [] -%}
    {%- for name in (trained.keys() | list + now.keys() | list) | unique | sort
            if trained.get(name) != now.get(name) -%}
        {%- do changed.append(name ~ ": " ~ (trained.get(name) | tojson) ~ " when trained, now " ~ (now.get(name) | tojson)) -%}
    {%- endfor -%}
    {{ return(changed or ["trained: " ~ tojson(trained, sort_keys=true) ~ ", now: " ~ tojson(now, sort_keys=true)]) }}
{%- endmacro -%}
