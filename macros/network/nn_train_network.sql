{#- What the neural_net materialization does after making the network's input view, in the network's schema:
      1. the checked rows (nn_examples): made when training starts; kept while the history continues, so that
         the model, its metrics and a resumed block all see the rows it was trained on. When the input's rows
         changed since (their fingerprint, nn_input_fingerprint, is on every history row), on_new_data says
         what happens: warn (keep them, say so), ignore, continue (the rows as they are now are checked
         again, and training goes on from the latest iteration, with the preprocessing fitted when it started,
         for `iterations` more) or retrain (the history is kept as nn_training_v<n> with its nn_model_v<n>
         and nn_metrics_v<n>, and a new one starts from the initial weights on the rows as they are now);
      2. blocks of K iterations added to the history (nn_training) until `iterations` are in it (after a
         continue, `iterations` more than where the rows changed: the history's preprocessing keeps that
         iteration as continued_from), early stopping stops it, or seconds_per_build have passed: the next
         build continues from the latest row.
         Each block is one statement, committed before the next starts: a build killed mid-way keeps every
         block before, and the next build continues from them with the same numbers as an uninterrupted one;
      3. the model (nn_model, and its plan: nn_plan, nn_inputs, nn_outputs), its predictions, confusion matrix,
         metrics and the list of versions (nn_model_versions),
         when anything before changed. nn_metrics and nn_model_versions are dropped before anything changes
         and made last, so the list of versions exists only when all five are up to date.
    --full-refresh keeps the version trained so far, as retrain does, and trains a new one. -#}
{%- macro nn_train_network() -%}
    {%- set spec = neural_net.nn_spec() -%}
    {%- set history = neural_net.nn_ref('nn_training') -%}
    {%- do neural_net.nn_check_network_schema(history) -%}
    {%- do neural_net.nn_check_history_owner(history, spec.network) -%}
    {%- if should_full_refresh() and neural_net.nn_find_relation(history) is not none -%}
        {#- --full-refresh trains a new version; the one trained so far is kept, as on_new_data: retrain keeps it -#}
        {%- set archived = neural_net.nn_archive_version(history) -%}
        {{ log(spec.network ~ ": --full-refresh: the version trained so far is kept (its history as " ~ archived
               ~ "; nn_model_versions lists it), and a new one starts from the initial weights", info=True) }}
    {%- endif -%}
    {%- set unread_vars = neural_net.nn_unread_vars_message(spec.network, building=true) -%}
    {%- if unread_vars is not none -%}{%- do exceptions.warn(unread_vars) -%}{%- endif -%}
    {%- do adapter.create_schema(api.Relation.create(database=history.database, schema=history.schema)) -%}
    {%- for setting in [neural_net.nn_session_setting('spark.sql.analyzer.maxIterations', '100000'),
                        neural_net.nn_session_setting('spark.sql.constraintPropagation.enabled', 'false')] if setting -%}
        {%- do run_query(setting) -%}
    {%- endfor -%}

    {#- 1. the rows -#}
    {%- set fingerprint = neural_net.nn_input_fingerprint(neural_net.nn_network_input(spec.network)) -%}
    {%- set trained_on = neural_net.nn_trained_fingerprint(history) -%}
    {%- set rebuild_examples = trained_on is none or neural_net.nn_find_relation(neural_net.nn_ref('nn_examples')) is none -%}
    {%- set continuing = namespace(start=none) -%}
    {%- if trained_on is not none and trained_on != fingerprint -%}
        {%- set change = "the rows of " ~ spec.network ~ " changed since its training started (rows:checksum "
                         ~ trained_on ~ ", now " ~ fingerprint ~ ")" -%}
        {%- if spec.on_new_data == 'retrain' -%}
            {%- set archived = neural_net.nn_archive_version(history) -%}
            {{ log(spec.network ~ ": " ~ change ~ "; on_new_data: retrain: the version trained so far is kept (its history as "
                   ~ archived ~ "; nn_model_versions lists it), and a new one starts from the initial weights", info=True) }}
            {%- set rebuild_examples = true -%}
        {%- elif spec.on_new_data == 'continue' -%}
            {#- the settings are checked (nn_training_start) before nn_examples changes -#}
            {%- set continuing.start = neural_net.nn_training_start(neural_net.nn_spec()) -%}
            {%- do neural_net.nn_stage_continued_examples(continuing.start) -%}
            {{ log(spec.network ~ ": " ~ change ~ "; on_new_data: continue: training goes on from iteration "
                   ~ continuing.start.iteration ~ " on the rows as they are, with the preprocessing fitted when it started, for "
                   ~ spec.iterations ~ " more iterations", info=True) }}
        {%- elif spec.on_new_data == 'warn' -%}
            {%- do exceptions.warn(change ~ ": the model and its metrics keep the rows it was trained on. Set on_new_data: "
                                   ~ "retrain (meta.neural_net, or the var nn_on_new_data) to train a new one on the rows as they "
                                   ~ "are, continue to train this one on from where it is, or ignore to silence this") -%}
        {%- endif -%}
    {%- endif -%}
    {%- if continuing.start is not none -%}
        {%- do neural_net.nn_drop_outputs() -%}
        {%- do neural_net.nn_drop_if_exists(neural_net.nn_ref('nn_examples')) -%}
        {%- do adapter.rename_relation(neural_net.nn_staged_examples(), neural_net.nn_ref('nn_examples').incorporate(type='table')) -%}
        {%- do neural_net.nn_commit() -%}
    {%- elif rebuild_examples -%}
        {%- do neural_net.nn_drop_outputs() -%}
        {%- do neural_net.nn_replace_table('nn_examples', neural_net.nn_examples_query()) -%}
    {%- endif -%}

    {#- 2. the blocks -#}
    {%- set started = modules.datetime.datetime.now() -%}
    {%- set state = namespace(done=false, blocks=0) -%}
    {#- one pass per block at most: each adds at least one iteration, toward at most `iterations` past the latest
        (continue's target) -#}
    {%- set latest = run_query("select max(iteration) from " ~ history).rows[0][0] if neural_net.nn_history_exists() else none -%}
    {%- for _ in range(spec.iterations + 2 + (latest or 0) | int) if not state.done -%}
        {%- set start = neural_net.nn_training_start(neural_net.nn_spec()) -%}
        {%- if continuing.start is not none and state.blocks == 0 and start.iteration >= 0 -%}
            {#- the first block on the changed rows: its rows (and those after) say so, and `iterations` count from
                here (nn_training_start reads continued_from) -#}
            {%- do start.preprocessing.update({'input_fingerprint': fingerprint, 'continued_from': start.iteration,
                                               'training_rows': neural_net.nn_training_row_count()}) -%}
            {%- do start.spec.update({'iterations': spec.iterations + start.iteration}) -%}
        {%- endif -%}
        {%- if start.stopped or start.iteration >= start.spec.iterations -%}
            {%- set state.done = true -%}
        {%- else -%}
            {%- if state.blocks == 0 -%}{%- do neural_net.nn_drop_outputs() -%}{%- endif -%}
            {%- if start.iteration < 0 -%}
                {#- a new history: its rows carry the fingerprint of the rows it is trained on -#}
                {%- do start.preprocessing.update({'input_fingerprint': fingerprint}) -%}
                {%- do neural_net.nn_replace_table('nn_training', neural_net.nn_training_query(start)) -%}
            {%- else -%}
                {#- the history's columns by name, in its order (the emulator of BigQuery counts a * as one column) -#}
                {%- set columns = adapter.get_columns_in_relation(history) | map(attribute='name') | join(', ') -%}
                {%- call statement('nn_training_block') -%}
                    insert into {{ history }} ({{ columns }}) select {{ columns }} from ({{ neural_net.nn_training_query(start) }}) as block
                {%- endcall -%}
                {%- do neural_net.nn_commit() -%}
            {%- endif -%}
            {%- do neural_net.nn_after_block([start.iteration, 0] | max) -%}
            {%- set state.blocks = state.blocks + 1 -%}
            {%- set elapsed = (modules.datetime.datetime.now() - started).total_seconds() -%}
            {%- if elapsed >= spec.seconds_per_build -%}
                {{ log(spec.network ~ ": " ~ state.blocks ~ " blocks in " ~ "%.0f" | format(elapsed) ~ " s, seconds_per_build is "
                       ~ spec.seconds_per_build ~ ": the next build continues from the latest iteration (unless it is given "
                       ~ "--full-refresh, which starts a new version)", info=True) }}
                {%- set state.done = true -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {#- 3. the model and what is measured with it; each query is rendered once the relations it reads exist -#}
    {%- if neural_net.nn_find_relation(neural_net.nn_ref('nn_model_versions')) is none
           or neural_net.nn_find_relation(neural_net.nn_ref('nn_plan')) is none -%}  {#- (a network trained before nn_plan was) -#}
        {%- do neural_net.nn_replace_table('nn_model', neural_net.nn_model_query()) -%}
        {%- do neural_net.nn_replace_table('nn_plan', neural_net.nn_plan_query()) -%}
        {%- do neural_net.nn_replace_table('nn_inputs', neural_net.nn_inputs_query()) -%}
        {%- do neural_net.nn_replace_table('nn_outputs', neural_net.nn_outputs_query()) -%}
        {%- do neural_net.nn_replace_table('nn_predictions', neural_net.nn_predictions_query()) -%}
        {%- do neural_net.nn_replace_table('nn_confusion_matrix', neural_net.nn_confusion_matrix_query()) -%}
        {%- do neural_net.nn_replace_table('nn_metrics', neural_net.nn_metrics_query()) -%}
        {%- do neural_net.nn_replace_table('nn_model_versions', neural_net.nn_model_versions_query(spec.network)) -%}
    {%- endif -%}
{%- endmacro -%}

{#- Fails, before anything is written (--full-refresh too), when the network's schema holds another network's
    history: two networks would write the same relations (a generate_schema_name that gives both one schema). -#}
{%- macro nn_check_history_owner(history, network) -%}
    {%- if neural_net.nn_find_relation(history) is none -%}{{ return(none) }}{%- endif -%}
    {%- set rows = run_query("select run_settings from " ~ history ~ " where iteration = 0").rows -%}
    {%- set owner = fromjson(rows[0][0]).get('network') if rows else none -%}
    {%- if owner is not none and owner != network -%}
        {{ neural_net.nn_fail("network " ~ network ~ " would write into " ~ history ~ ", which holds the history of network " ~ owner
            ~ ": two networks would write the same relations. Give each network a schema of its own (the project's "
            ~ "generate_schema_name gives both " ~ history.schema ~ "); nothing was changed") }}
    {%- endif -%}
{%- endmacro -%}

{#- The fingerprint of the rows the history was trained on (nn_input_fingerprint, kept in its preprocessing),
    or none: no history, --full-refresh, or one the driver wrote (it rebuilds nn_examples on every run). -#}
{%- macro nn_trained_fingerprint(history) -%}
    {%- if not neural_net.nn_history_exists() -%}{{ return(none) }}{%- endif -%}
    {%- set rows = run_query("select preprocessing from " ~ history ~ " where iteration = (select max(iteration) from "
                             ~ history ~ ")").rows -%}
    {{ return(fromjson(rows[0][0]).get('input_fingerprint') if rows else none) }}
{%- endmacro -%}

{#- on_new_data: continue: builds the rows as they are now (nn_examples_query) into a table of their own
    (nn_staged_examples), and checks them against the history that `start` (nn_training_start) continues:
    each label value at the class number the model was trained with, and as many classes as it has outputs
    (a class added or gone would move the others' numbers); each feature of the kind its preprocessing was
    fitted for. Fails naming the problem, the staged table dropped: nn_examples and the history are left as
    they were. -#}
{%- macro nn_stage_continued_examples(start) -%}
    {%- set staged = neural_net.nn_staged_examples() -%}
    {%- do neural_net.nn_drop_if_exists(staged) -%}
    {%- call statement('nn_staged_examples') -%}
        {{ get_create_table_as_sql(False, staged, neural_net.nn_examples_query()) }}
    {%- endcall -%}
    {%- do adapter.cache_added(staged) -%}
    {%- do neural_net.nn_commit() -%}
    {%- set problems = [] -%}
    {%- if start.spec.task != 'regression' -%}
        {%- set outputs = start.dims[-1] -%}
        {%- set classes = start.preprocessing.get('classes') -%}
        {%- set pairs = run_query("select distinct label, cast(label_value as " ~ dbt.type_string() ~ ") from " ~ staged ~ " order by 1, 2").rows -%}
        {%- set labels = pairs | map(attribute=0) | map('int') | list -%}
        {%- if start.spec.n_classes is none and (labels | max) + 1 != outputs -%}
            {%- do problems.append("its classes are now 0 .. " ~ (labels | max) ~ ", the network has " ~ outputs ~ " outputs") -%}
        {%- endif -%}
        {%- for label, value in pairs if classes is not none and (label | int >= classes | length or classes[label | int] != value) -%}
            {%- do problems.append("the label's values are now " ~ (pairs | map(attribute=1) | unique | sort | list | tojson)
                                   ~ ", the network was trained on " ~ (classes | tojson)) if loop.first -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set kinds = neural_net.nn_feature_kind_problem(staged, start.preprocessing) -%}
    {%- if kinds is not none -%}{%- do problems.append(kinds) -%}{%- endif -%}
    {%- if problems -%}
        {%- do neural_net.nn_drop_if_exists(staged) -%}
        {{ neural_net.nn_fail("on_new_data: continue cannot train " ~ start.spec.network ~ " on its rows as they are: "
            ~ problems | join("; ") ~ ". The network has an input for each feature and an output for each class it was "
            ~ "trained on: set on_new_data: retrain to train a new version on the rows as they are; nothing was changed") }}
    {%- endif -%}
{%- endmacro -%}

{#- The table on_new_data: continue builds the network's rows in before they replace nn_examples. -#}
{%- macro nn_staged_examples() -%}
    {{ return(neural_net.nn_ref('nn_examples').incorporate(path={'identifier': 'nn_examples__continued'}, type='table')) }}
{%- endmacro -%}

{#- The training rows of the network's nn_examples (neither held out nor set aside for validation), counted as
    nn_numeric_statistics counts them. -#}
{%- macro nn_training_row_count() -%}
    {{ return(run_query("select count(*) from " ~ neural_net.nn_ref('nn_examples') ~ " where not is_holdout and not is_validation").rows[0][0] | int) }}
{%- endmacro -%}

{#- Keeps the trained version: renames nn_training, nn_model (with its nn_plan, nn_inputs and nn_outputs) and
    nn_metrics to nn_training_v<n>, nn_model_v<n> (nn_plan_v<n>, ...) and nn_metrics_v<n>, n the first number not taken (1 for the first version; those that do not exist, as
    nn_metrics after a build stopped before it, are skipped), and returns the history's new relation. -#}
{%- macro nn_archive_version(history) -%}
    {%- for version in range(1, 10000) -%}
        {%- set archived = history.incorporate(path={'identifier': history.identifier ~ '_v' ~ version}, type='table') -%}
        {%- if neural_net.nn_find_relation(archived) is none -%}
            {%- for name in ['nn_training', 'nn_model', 'nn_plan', 'nn_inputs', 'nn_outputs', 'nn_metrics'] -%}
                {%- set existing = neural_net.nn_find_relation(neural_net.nn_ref(name)) -%}
                {%- if existing is not none -%}
                    {%- do adapter.rename_relation(existing, existing.incorporate(path={'identifier': name ~ '_v' ~ version}, type='table')) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do neural_net.nn_commit() -%}
            {{ return(archived) }}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro -%}

{#- The relation as the warehouse has it, or none. -#}
{%- macro nn_find_relation(relation) -%}
    {{ return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) }}
{%- endmacro -%}

{#- Drops the outputs that say a network is up to date (made last, in step 3 of nn_train_network). -#}
{%- macro nn_drop_outputs() -%}
    {%- do neural_net.nn_drop_if_exists(neural_net.nn_ref('nn_model_versions')) -%}
    {%- do neural_net.nn_drop_if_exists(neural_net.nn_ref('nn_metrics')) -%}
{%- endmacro -%}

{%- macro nn_drop_if_exists(relation) -%}
    {%- set existing = neural_net.nn_find_relation(relation) -%}
    {%- if existing is not none -%}{%- do adapter.drop_relation(existing) -%}{%- do neural_net.nn_commit() -%}{%- endif -%}
{%- endmacro -%}

{#- Replaces the network's table `name` with the result of `sql`, and commits. -#}
{%- macro nn_replace_table(name, sql) -%}
    {%- set relation = neural_net.nn_ref(name) -%}
    {%- do neural_net.nn_drop_if_exists(relation) -%}
    {%- call statement(name) -%}
        {{ get_create_table_as_sql(False, relation.incorporate(type='table'), sql) }}
    {%- endcall -%}
    {%- do adapter.cache_added(relation.incorporate(type='table')) -%}  {#- the next queries look it up -#}
    {%- do neural_net.nn_commit() -%}
{%- endmacro -%}
