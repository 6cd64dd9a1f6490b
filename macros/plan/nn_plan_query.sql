{#- nn_plan: one row, the trained model's resolved plan in typed columns: its task, shape and every setting it
    was trained with, as nn_training_start resolved them (defaults filled in: reg, lr, ...), and the rows it
    was trained on; the model's iteration and the invocation_id of its row say which model the plan is of
    (nn_stored_model and the test plan_is_the_models check that they are nn_model's). predict, nn_predictions, the analyses and the export read the network's shape and task
    from here (nn_stored_model); the features' preprocessing is nn_inputs, the classes nn_outputs.
    The SELECT of the network's nn_plan (the package's model, and the neural_net materialization). -#}
{%- macro nn_plan_query() -%}
    {%- set model = neural_net.nn_ref('nn_model') -%}  {#- at parse time too: the dependency on nn_model -#}
    {%- if not execute -%}{{ return("select 1 as iteration") }}{%- endif -%}
    {%- set trained = neural_net.nn_trained_plan(model) -%}
    {%- set settings = trained.settings -%}
    {%- set preprocessing = trained.preprocessing -%}
    {%- set dims = settings.dims -%}
    {%- set columns = [
        ('network', 'string', settings.get('network')),
        ('iteration', 'integer', trained.iteration),
        ('invocation_id', 'string', trained.invocation_id),
        ('task', 'string', preprocessing.get('task', 'classification')),
        ('label', 'string', settings.label),
        ('input_relation', 'string', settings.get('input_relation')),
        ('features', 'integer', preprocessing.features | length),
        ('inputs', 'integer', dims[0]),
        ('hidden', 'string', dims[1:-1] | join(',')),
        ('outputs', 'integer', dims[-1]),
        ('activation', 'string', settings.activation),
        ('init', 'string', settings.init),
        ('seed', 'integer', settings.seed),
        ('standardize', 'boolean', settings.standardize),
        ('missing', 'string', settings.missing),
        ('max_categories', 'integer', settings.max_categories),
        ('optimizer', 'string', settings.optimizer),
        ('lr', 'float', settings.lr),
        ('momentum', 'float', settings.get('momentum')),
        ('beta1', 'float', settings.get('beta1')),
        ('beta2', 'float', settings.get('beta2')),
        ('epsilon', 'float', settings.get('epsilon')),
        ('reg', 'float', settings.reg),
        ('batch_size', 'integer', settings.get('batch_size')),
        ('class_weight', 'string', settings.get('class_weight')),
        ('holdout_fraction', 'float', settings.holdout_fraction),
        ('holdout_fold', 'integer', settings.get('holdout_fold', 0)),
        ('split', 'string', settings.get('split')),
        ('early_stopping', 'boolean', settings.get('early_stopping', false)),
        ('validation_fraction', 'float', settings.get('validation_fraction')),
        ('patience', 'integer', settings.get('patience')),
        ('training_rows', 'integer', preprocessing.get('training_rows')),
        ('continued_from', 'integer', preprocessing.get('continued_from')),
        ('input_fingerprint', 'string', preprocessing.get('input_fingerprint')),
    ] -%}
    {%- set names = [] -%}
    {%- for name, kind, value in columns -%}{%- do names.append((name, kind)) -%}{%- endfor -%}
    {{ return(neural_net.nn_literal_rows(names, [columns | map(attribute=2) | list])) }}
{%- endmacro -%}
