{#- The network and training settings, read (nn_settings) and checked once. Every model, test and analysis gets its
    settings from here, so a bad setting fails the same way everywhere, before any SQL runs.

    Returns a dict:
      features, label              column names in the input relation
      task                         the task var: classification, regression, or none (decided from the label by
                                   nn_validate_input; nn_task reads the decision)
      categorical                  the features to one-hot encode, or none: the text and boolean ones
      max_categories, standardize, missing
                                   preprocessing of the features (nn_preprocessing)
      dims                         units per layer: [n_features, hidden..., n_classes]; n_classes is none
                                   until the data has been read (see nn_class_count)
      activation, init, seed, iterations, holdout_fraction, holdout_fold
      min_accuracy, min_r2         the bars of the metric tests, or none: beat the baseline (nn_metrics)
      split_key                    the column whose hash splits the rows, or none: the hash of the row's values
      optimizer, lr, momentum, beta1, beta2, epsilon
                                   the update rule (macros/optimizers); optimizer and lr are none when their
                                   vars are null: their defaults depend on the task, and nn_with_task fills
                                   them in
      reg                          the L2 strength, or none when its var is null: nn_training_start fills in
                                   its default (nn_default_reg), which depends on the task and training rows
      batch_size                   rows per mini-batch (nn_batches), or none: full batch
      early_stopping, validation_fraction, patience
                                   stop when the validation rows' loss stops falling (nn_early_stopping)
      block_size                   the var, or none: nn_block_size resolves it per engine
      layout                       how an iteration's SQL holds the parameters: auto, columns or arrays
                                   (nn_layout)
-#}
{%- macro nn_spec() -%}
    {%- set settings = neural_net.nn_settings() -%}
    {%- set schema = neural_net.nn_settings_schema() -%}
    {%- set unread_vars = neural_net.nn_unread_vars_message(neural_net.nn_network(), building=false) if execute and not neural_net.nn_materializing() else none -%}
    {%- if unread_vars is not none -%}{{ neural_net.nn_fail(unread_vars) }}{%- endif -%}
    {%- set features = neural_net.nn_identifier_list(settings.features, 'features') -%}
    {%- set label = neural_net.nn_identifier(settings.label, 'label') -%}
    {%- if label in features -%}
        {{ neural_net.nn_fail("label column " ~ label ~ " is also listed in features") }}
    {%- endif -%}
    {%- for name in features + [label] -%}
        {%- if name | lower in neural_net.nn_reserved_columns() -%}
            {{ neural_net.nn_fail("column " ~ name ~ " clashes with a column the project adds; rename it in a view first") }}
        {%- endif -%}
    {%- endfor -%}

    {%- set categorical_var = settings.categorical -%}
    {%- set categorical = categorical_var if categorical_var in [none, []] else neural_net.nn_identifier_list(categorical_var, 'categorical') -%}
    {%- for name in categorical or [] -%}
        {%- if name not in features -%}
            {{ neural_net.nn_fail("categorical lists " ~ name ~ ", which is not among the features " ~ features) }}
        {%- endif -%}
    {%- endfor -%}

    {%- set hidden_var = settings.hidden -%}
    {%- set hidden_items = hidden_var.split(',') if hidden_var is string else ([hidden_var] if hidden_var is number else hidden_var) -%}
    {%- if hidden_items is not iterable or hidden_items is mapping -%}
        {{ neural_net.nn_fail("hidden must be a list of layer sizes such as [8, 8]; got " ~ (hidden_var | tojson)) }}
    {%- endif -%}
    {%- set hidden = [] -%}
    {%- for size in hidden_items -%}
        {%- do hidden.append(neural_net.nn_number(size, 'hidden layer size', minimum=schema.hidden.minimum, maximum=schema.hidden.maximum, integer=true)) -%}
    {%- endfor -%}
    {%- if hidden | length > schema.hidden.max_items -%}
        {{ neural_net.nn_fail("hidden allows at most " ~ schema.hidden.max_items ~ " hidden layers; got " ~ (hidden | length)) }}
    {%- endif -%}

    {#- every setting of a plain type (a number, a boolean, a choice) as settings.yml declares it; the others here -#}
    {%- set spec = {'network': neural_net.nn_network(), 'input_relation': settings.input_relation, 'features': features, 'label': label,
                    'hidden': hidden, 'categorical': categorical,
                    'split_key': none if settings.split_key is none else neural_net.nn_identifier(settings.split_key, 'split_key')} -%}
    {%- for name, setting in schema.items() if setting.type in ['number', 'integer', 'boolean', 'choice'] -%}
        {%- do spec.update({name: neural_net.nn_checked_setting(name, settings[name], setting)}) -%}
    {%- endfor -%}
    {%- set task, init, n_classes = spec.task, spec.init, spec.n_classes -%}

    {%- if spec.holdout_fold > 0 and spec.holdout_fraction == 0 -%}
        {{ neural_net.nn_fail("holdout_fold " ~ spec.holdout_fold ~ " needs rows held out: set holdout_fraction above 0") }}
    {%- elif (spec.holdout_fold + 1) * spec.holdout_fraction > 1 + 1e-9 -%}
        {{ neural_net.nn_fail("holdout_fold " ~ spec.holdout_fold ~ " is past the last fold: with holdout_fraction " ~ spec.holdout_fraction
            ~ " the folds are 0 .. " ~ ((1 / spec.holdout_fraction + 1e-9) | int - 1)) }}
    {%- endif -%}
    {%- if spec.split_key is not none and spec.split_key | lower == label | lower -%}
        {{ neural_net.nn_fail("split_key " ~ spec.split_key ~ " is the label: each class would fall on one side of the split; name a column that identifies a row") }}
    {%- endif -%}
    {%- if spec.on_new_data == 'continue' and spec.early_stopping -%}
        {{ neural_net.nn_fail("on_new_data: continue does not go with early_stopping: the best iteration was measured on the "
            ~ "validation rows of the data before; use on_new_data: retrain (or warn)") }}
    {%- endif -%}
    {%- if init == 'article' and (features | length != 2 or hidden != [2] or n_classes not in [none, 2] or task == 'regression') -%}
        {{ neural_net.nn_fail("init: article holds the 2018 article's weights for 2 features, hidden [2] and 2 classes; got "
                   ~ (features | length) ~ " features and hidden " ~ hidden ~ ". Use init: he") }}
    {%- endif -%}
    {{ return(spec) }}
{%- endmacro -%}

{#- Columns the project adds next to the user's features and label. -#}
{%- macro nn_reserved_columns() -%}
    {{ return(['example_id', 'is_holdout', 'is_validation', 'split', 'actual_class', 'predicted_class', 'label_value',
               'actual_label', 'predicted_label', 'actual_value', 'predicted_value']) }}
{%- endmacro -%}

{#- The settings that define one training run, as JSON. A history must not mix two runs (see nn_training_start);
    iterations and block_size are not among them: they say how far and in what steps, not what is trained. -#}
{%- macro nn_run_settings(spec, dims) -%}
    {%- set settings = {
        'input_relation': spec.input_relation, 'features': spec.features, 'label': spec.label, 'task': spec.task, 'dims': dims,
        'categorical': spec.categorical, 'max_categories': spec.max_categories,
        'standardize': spec.standardize, 'missing': spec.missing,
        'activation': spec.activation, 'init': spec.init, 'seed': spec.seed, 'reg': spec.reg,
        'optimizer': spec.optimizer, 'lr': spec.lr,
        'momentum': spec.momentum if spec.optimizer == 'momentum' else none,
        'beta1': spec.beta1 if spec.optimizer == 'adam' else none,
        'beta2': spec.beta2 if spec.optimizer == 'adam' else none,
        'epsilon': spec.epsilon if spec.optimizer == 'adam' else none,
        'class_weight': spec.class_weight, 'holdout_fraction': spec.holdout_fraction,
        'split': 'key ' ~ spec.split_key if spec.split_key else 'row values',
    } -%}
    {#- only when set: a full-batch history written before batch_size existed stays resumable -#}
    {%- if spec.batch_size is not none -%}{%- do settings.update({'batch_size': spec.batch_size}) -%}{%- endif -%}
    {%- if spec.network is not none -%}{%- do settings.update({'network': spec.network}) -%}{%- endif -%}
    {%- if spec.holdout_fold > 0 -%}{%- do settings.update({'holdout_fold': spec.holdout_fold}) -%}{%- endif -%}
    {%- if spec.early_stopping -%}
        {%- do settings.update({'early_stopping': true, 'validation_fraction': spec.validation_fraction, 'patience': spec.patience}) -%}
    {%- endif -%}
    {{ return(tojson(settings, sort_keys=true)) }}
{%- endmacro -%}
