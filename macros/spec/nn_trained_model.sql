{#- The shape of the network stored in nn_model, read from the plan it was trained with (nn_stored_model).
    Everything that uses a trained model (predictions, analyses, tests) takes the shape from here, not from
    the current vars: a later run with other vars then cannot score with a misread network. Returns a spec
    (nn_spec) whose activation and task are the trained ones, the trained dims, and the preprocessing the model
    was trained with (nn_preprocessing).

    Fails, naming both lists, when the current features are not the ones the model was trained on. -#}
{%- macro nn_trained_model(spec) -%}
    {%- set model = neural_net.nn_ref('nn_model') -%}  {#- at parse time too: the dependencies on nn_model and ... -#}
    {%- for name in ['nn_plan', 'nn_inputs', 'nn_outputs'] -%}{%- do neural_net.nn_ref(name) -%}{%- endfor -%}  {#- ... its plan -#}
    {%- if not execute -%}
        {{ return({'spec': spec, 'dims': [spec.features | length] + spec.hidden + [1 if spec.task == 'regression' else spec.n_classes or 2],
                   'preprocessing': neural_net.nn_identity_preprocessing(spec)}) }}
    {%- endif -%}
    {%- set stored = neural_net.nn_stored_model(model) -%}
    {%- do neural_net.nn_check_trained_features(model, stored.spec.features, spec) -%}
    {%- set trained = dict(spec) -%}
    {%- do trained.update({'activation': stored.spec.activation, 'hidden': stored.spec.hidden, 'task': stored.spec.task}) -%}
    {{ return({'spec': trained, 'dims': stored.dims, 'preprocessing': stored.preprocessing}) }}
{%- endmacro -%}

{#- Fails, naming both lists, when the current features are not the ones the model in `model` was trained on. -#}
{%- macro nn_check_trained_features(model, trained_features, spec) -%}
    {%- if trained_features != spec.features -%}
        {{ neural_net.nn_fail("the model in " ~ model ~ " was trained on features " ~ trained_features ~ ", but the features var is "
            ~ spec.features ~ ": train again with --full-refresh, or set the features back") }}
    {%- endif -%}
{%- endmacro -%}

{#- The network in `model` (nn_model, or a kept nn_model_v<n>) alone, whatever the vars say, read from the
    typed relations beside it (nn_plan, nn_inputs and nn_outputs, suffixed as `model` is): {spec: its features,
    activation, hidden sizes and task; dims; preprocessing, as nn_preprocessing fitted it; input_relation: the
    relation it was trained on when the input_relation setting named one, else none (the example seed, or a
    named network's own model)}. Fails when no network is stored there. -#}
{%- macro nn_stored_model(model) -%}
    {%- if adapter.get_relation(database=model.database, schema=model.schema, identifier=model.identifier) is none -%}
        {%- set hint = "Train one first (python scripts/train.py, or dbt run)" if project_name == 'neural_net'
                       else "Build the network first: dbt build --select <network>+ trains a materialized='neural_net' network and then what scores with it" -%}
        {{ neural_net.nn_fail("no trained network: " ~ model ~ " does not exist. " ~ hint) }}
    {%- endif -%}
    {%- set relations = {} -%}
    {%- for name in ['nn_plan', 'nn_inputs', 'nn_outputs'] -%}
        {%- set relation = model.incorporate(path={'identifier': model.identifier | replace('nn_model', name)}) -%}
        {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
            {{ neural_net.nn_fail("the model in " ~ model ~ " has no " ~ relation ~ " beside it, which holds its " ~
                {'nn_plan': 'shape and settings', 'nn_inputs': 'preprocessing', 'nn_outputs': 'classes'}[name]
                ~ " (a model trained before those relations were written): build it again (dbt build, or scripts/train.py) to write them") }}
        {%- endif -%}
        {%- do relations.update({name: relation}) -%}
    {%- endfor -%}
    {%- set plan = run_query("select plan.task, plan.activation, plan.inputs, plan.hidden, plan.outputs, plan.input_relation, "
                             ~ "plan.training_rows, plan.iteration = model.iteration and plan.invocation_id = model.invocation_id from "
                             ~ relations.nn_plan ~ " as plan cross join " ~ model ~ " as model").rows -%}
    {%- if plan | length != 1 or not plan[0][7] -%}
        {{ neural_net.nn_fail(relations.nn_plan ~ " is not the plan of the model in " ~ model ~ " (it was written for another build"
            ~ (", or holds " ~ (plan | length) ~ " rows" if plan | length != 1 else "") ~ "): build the model and what follows it "
            ~ "again (dbt build -s nn_model+, or the network's own dbt build)") }}
    {%- endif -%}
    {%- set task, activation, inputs, hidden, outputs, input_relation, training_rows = plan[0][:7] -%}
    {%- set dims = [inputs | int] + (hidden.split(',') | map('int') | list if hidden else []) + [outputs | int] -%}
    {%- set preprocessing = {'task': task, 'training_rows': training_rows | int if training_rows is not none else none,
                             'features': neural_net.nn_stored_features(relations.nn_inputs)} -%}
    {%- do preprocessing.update(neural_net.nn_stored_outputs(relations.nn_outputs, task)) -%}
    {%- set described = neural_net.nn_network_inputs(preprocessing, 'rows') | length -%}
    {%- if dims[0] != described -%}
        {{ neural_net.nn_fail(relations.nn_inputs ~ " describes " ~ described ~ " inputs, but the network in "
            ~ model ~ " has " ~ dims[0] ~ ": they were not written by one build; build it again") }}
    {%- endif -%}
    {{ return({'spec': {'features': preprocessing.features | map(attribute='name') | list, 'activation': activation, 'hidden': dims[1:-1],
                        'task': task, 'layout': 'auto'},
               'dims': dims, 'preprocessing': preprocessing,
               'input_relation': neural_net.nn_relation(input_relation, 'input_relation') if input_relation is not none else none}) }}
{%- endmacro -%}

{#- The features of nn_preprocessing, as nn_inputs (nn_inputs_query) lists their inputs, in feature order. -#}
{%- macro nn_stored_features(inputs) -%}
    {%- set features = [] -%}
    {%- for row in run_query("select feature_index, feature, kind, level, levels_pooled, mean, std, impute, center, scale, minimum, maximum from "
                             ~ inputs ~ " order by input_index").rows -%}
        {%- set index, name, kind, level, levels_pooled = row[0] | int, row[1], row[2], row[3], row[4] -%}
        {%- set numbers = [] -%}
        {%- for value in row[5:] -%}{%- do numbers.append(value | float if value is not none else none) -%}{%- endfor -%}
        {%- if index == features | length -%}  {#- the feature's first input -#}
            {%- do features.append({'name': name, 'kind': 'numeric', 'mean': numbers[0], 'std': numbers[1], 'impute': numbers[2],
                                    'center': numbers[3], 'scale': numbers[4], 'minimum': numbers[5], 'maximum': numbers[6]}
                                   if kind == 'number' else {'name': name, 'kind': 'categorical', 'levels': [], 'pooled_levels': 0, 'null_level': false}) -%}
        {%- endif -%}
        {%- set feature = features[index] -%}
        {%- if kind == 'level' -%}{%- do feature.levels.append(level) -%}
        {%- elif kind == 'other' -%}{%- do feature.update({'pooled_levels': levels_pooled | int}) -%}
        {%- elif kind == 'missing' -%}{%- do feature.update({'null_level': true}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(features) }}
{%- endmacro -%}

{#- nn_preprocessing's classes, class_weights and target, as nn_outputs (nn_outputs_query) holds them. -#}
{%- macro nn_stored_outputs(outputs, task) -%}
    {%- set rows = run_query("select class_value, class_weight, target_mean, target_std from " ~ outputs ~ " order by output_index").rows -%}
    {%- if task == 'regression' -%}
        {{ return({'target': {'mean': rows[0][2] | float, 'std': rows[0][3] | float}, 'classes': none, 'class_weights': none}) }}
    {%- endif -%}
    {{ return({'target': none,
               'classes': rows | map(attribute=0) | list if rows[0][0] is not none else none,
               'class_weights': rows | map(attribute=1) | map('float') | list if rows[0][1] is not none else none}) }}
{%- endmacro -%}
