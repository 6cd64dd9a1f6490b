{#- The shape of the network stored in nn_model, read from the settings it was trained with (run_settings).
    Everything that uses a trained model (predictions, analyses, tests) takes the shape from here, not from
    the current vars: a later run with other vars then cannot score with a misread network. Returns a spec
    (nn_spec) whose activation and task are the trained ones, the trained dims, and the preprocessing the model
    was trained with (nn_preprocessing).

    Fails, naming both lists, when the current features are not the ones the model was trained on. -#}
{%- macro nn_trained_model(spec) -%}
    {%- set model = neural_net.nn_ref('nn_model') -%}  {#- at parse time too: the dependency on nn_model -#}
    {%- if not execute -%}
        {{ return({'spec': spec, 'dims': [spec.features | length] + spec.hidden + [1 if spec.task == 'regression' else spec.n_classes or 2],
                   'preprocessing': neural_net.nn_identity_preprocessing(spec)}) }}
    {%- endif -%}
    {%- set stored = neural_net.nn_stored_model(model) -%}
    {%- if stored.spec.features != spec.features -%}
        {{ neural_net.nn_fail("the model in " ~ model ~ " was trained on features " ~ stored.spec.features ~ ", but the features var is "
            ~ spec.features ~ ": train again with --full-refresh, or set the features back") }}
    {%- endif -%}
    {%- set trained = dict(spec) -%}
    {%- do trained.update({'activation': stored.spec.activation, 'hidden': stored.spec.hidden, 'task': stored.spec.task}) -%}
    {{ return({'spec': trained, 'dims': stored.dims, 'preprocessing': stored.preprocessing}) }}
{%- endmacro -%}

{#- The network in `model` (nn_model) alone, whatever the vars say: {spec: its features, activation, hidden
    sizes and task; dims; preprocessing; input_relation: the relation it was trained on when the input_relation
    setting named one, else none (the example seed, or a named network's own model)}. Fails when no network is stored there. -#}
{%- macro nn_stored_model(model) -%}
    {%- if adapter.get_relation(database=model.database, schema=model.schema, identifier=model.identifier) is none -%}
        {%- set hint = "Train one first (python scripts/train.py, or dbt run)" if project_name == 'neural_net'
                       else "Build the network first: dbt build --select <network>+ trains a materialized='neural_net' network and then what scores with it" -%}
        {{ neural_net.nn_fail("no trained network: " ~ model ~ " does not exist. " ~ hint) }}
    {%- endif -%}
    {%- set rows = run_query("select run_settings, preprocessing from " ~ model).rows -%}
    {%- if rows | length != 1 -%}
        {{ neural_net.nn_fail(model ~ " holds " ~ (rows | length) ~ " rows, not one trained model: run nn_training first") }}
    {%- endif -%}
    {%- set settings = fromjson(rows[0][0]) -%}
    {%- set preprocessing = fromjson(rows[0][1]) -%}
    {%- set input_relation = settings.get('input_relation') -%}
    {{ return({'spec': {'features': settings.features, 'activation': settings.activation, 'hidden': settings.dims[1:-1],
                        'task': preprocessing.get('task', 'classification'), 'layout': 'auto'},
               'dims': settings.dims, 'preprocessing': preprocessing,
               'input_relation': neural_net.nn_relation(input_relation, 'input_relation') if input_relation is not none else none}) }}
{%- endmacro -%}
