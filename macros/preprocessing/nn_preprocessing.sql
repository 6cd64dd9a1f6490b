{#- Preprocessing of the features: fitted once, on the training rows only, when a training run starts; stored
    with every row of the history (column `preprocessing`, JSON) and so with the model; applied identically by
    training, predictions, analyses and the export. The fit and its application sit side by side here.

    task        classification or regression (nn_task)
    training_rows
                how many rows training learns from (neither held out nor set aside for validation); batch_size
                plans its batches from it (nn_batches)
    target      a regression's target: {mean, std} of the label on the training rows (nn_fit_target); else null
    classes     the label values of classes 0, 1, ... when the label holds names or yes/no values
                (nn_label_classes); null when it holds class numbers.
    class_weights
                with class_weight = balanced, the weight of each class's rows in the loss (nn_class_weights);
                else null.
    features, one entry per feature, in the order of `features`; `kind` says which of two:
      numeric: one input, (value - center) / scale
        mean, std   the training rows' mean and population standard deviation (NULLs not counted)
        minimum, maximum
                    the training rows' range (predict's out_of_range_margin, drift_summary); a history
                    fitted before they were kept has none
        impute      the value a NULL is replaced by: the mean when missing = impute, else null (NULLs never get here)
        center, scale
                    standardize = true: the mean and the standard deviation, except that a feature constant on the
                    training rows is only centered (scale 1: its deviation is 0 and it carries no information).
                    standardize = false: 0 and 1, the value as it is.
      categorical (text, boolean, or listed in the categorical var): one-hot, one input per level, each 1 or 0
        levels      the values seen on the training rows, most frequent first (ties by value), at most
                    max_categories of them
        pooled_levels
                    how many rarer levels were left out of `levels`; when any were, one more input, "other", is 1
                    for every value not in `levels`, those rare ones and any never seen in training alike. With
                    no such input, a value never seen in training scores as all zeros.
        null_level  true when missing = impute and the training rows hold NULLs: one more input, 1 for NULL
                    (NULL as a level of its own, as BigQuery ML does)
-#}
{%- macro nn_preprocessing(spec) -%}
    {%- set examples = neural_net.nn_ref('nn_examples') -%}
    {%- if not execute -%}
        {{ return(neural_net.nn_identity_preprocessing(spec)) }}  {#- parsing: the data is not read yet -#}
    {%- endif -%}
    {#- nn_examples holds categorical features as text (nn_validate_input decided which) -#}
    {%- set categorical = [] -%}
    {%- for column in adapter.get_columns_in_relation(examples) -%}
        {%- if modules.re.fullmatch('x_[0-9]+', column.name | lower) and neural_net.nn_is_text_or_boolean_column(column) -%}
            {%- do categorical.append(column.name[2:] | int) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set statistics = neural_net.nn_numeric_statistics(examples, spec, categorical) -%}
    {%- set vocabularies = neural_net.nn_vocabularies(examples, categorical) -%}
    {%- set features = [] -%}
    {%- for name in spec.features -%}
        {%- if loop.index0 in categorical -%}
            {%- do features.append(neural_net.nn_fit_categorical(spec, name, vocabularies.get(loop.index0, []))) -%}
        {%- else -%}
            {%- do features.append(neural_net.nn_fit_numeric(spec, name, statistics.features[loop.index0])) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set task = neural_net.nn_task(spec) -%}
    {%- if task == 'regression' -%}
        {{ return({'task': task, 'training_rows': statistics.training_rows, 'features': features, 'target': neural_net.nn_fit_target(examples),
                   'classes': none, 'class_weights': none}) }}
    {%- endif -%}
    {%- set labels = run_query("select label, max(label_value), sum(case when is_holdout then 0 else 1 end) from "
                               ~ examples ~ " group by label order by label").rows -%}
    {%- set classes = none if labels[0][1] is none else labels | map(attribute=1) | list -%}
    {{ return({'task': task, 'training_rows': statistics.training_rows, 'features': features, 'target': none, 'classes': classes,
               'class_weights': neural_net.nn_class_weights(spec, labels)}) }}
{%- endmacro -%}

{#- A regression's target: the training rows' mean and population standard deviation. The network learns the
    standardized target (nn_standardized_target) and predictions map its output back (nn_target_value), so that
    the same learning rate suits a target in cents and one in millions. -#}
{%- macro nn_fit_target(examples) -%}
    {%- set row = run_query("select avg(label), stddev_pop(label) from " ~ examples ~ " where not is_holdout").rows[0] -%}
    {%- set mean = row[0] | float -%}
    {%- set std = row[1] | float -%}
    {%- do neural_net.nn_check_statistics("label", mean, std) -%}
    {%- if neural_net.nn_is_constant(mean, std) -%}
        {{ neural_net.nn_fail("label is constant (" ~ mean ~ ") on the training rows: there is nothing to regress") }}
    {%- endif -%}
    {{ return({'mean': mean, 'std': std}) }}
{%- endmacro -%}

{#- Values near the largest double (1e308) are finite, but their mean or deviation overflows to infinity,
    which no model can be standardized with. -#}
{%- macro nn_check_statistics(what, mean, std) -%}
    {%- if not (neural_net.nn_is_finite_number(mean) and neural_net.nn_is_finite_number(std)) -%}
        {{ neural_net.nn_fail(what ~ ": its mean (" ~ mean ~ ") or standard deviation (" ~ std ~ ") on the training rows overflows a double; "
            ~ "its values are too large (near 1e308): rescale the column in a view first") }}
    {%- endif -%}
{%- endmacro -%}

{#- A column is constant on the training rows when its deviation is at most 1e-10 of max(1, |mean|): rounding
    leaves a constant column's deviation slightly above 0 on some engines. -#}
{%- macro nn_is_constant(mean, std) -%}
    {{ return(std <= 1e-10 * ([1, mean | abs] | max)) }}
{%- endmacro -%}

{#- (label - mean) / std: what the network's output learns -#}
{%- macro nn_standardized_target(preprocessing, column) -%}
    {{ return("(" ~ column ~ " - " ~ neural_net.nn_float(preprocessing.target.mean) ~ ") / " ~ neural_net.nn_float(preprocessing.target.std)) }}
{%- endmacro -%}

{#- output * std + mean: the network's output as a value of the label -#}
{%- macro nn_target_value(preprocessing, column) -%}
    {{ return(column ~ " * " ~ neural_net.nn_float(preprocessing.target.std) ~ " + " ~ neural_net.nn_float(preprocessing.target.mean)) }}
{%- endmacro -%}

{#- class_weight = balanced: class c's rows weigh N / (C n_c) in the loss (N training rows, n_c of class c, C
    classes; scikit-learn's formula), so every class weighs as much in all as if the classes were equally
    common, and the mean weight is 1. A class with no training row gets 0. none: every row weighs 1. -#}
{%- macro nn_class_weights(spec, labels) -%}
    {%- if spec.class_weight is none -%}{{ return(none) }}{%- endif -%}
    {%- set n_classes = neural_net.nn_class_count(spec) -%}
    {%- set counts = {} -%}
    {%- for row in labels -%}{%- do counts.update({row[0] | int: row[2] | int}) -%}{%- endfor -%}
    {%- set total = counts.values() | sum -%}
    {%- set weights = [] -%}
    {%- for c in range(n_classes) -%}
        {%- do weights.append(total / (n_classes * counts[c]) if counts.get(c, 0) > 0 else 0.0) -%}
    {%- endfor -%}
    {{ return(weights) }}
{%- endmacro -%}

{#- {training_rows: how many, features: {feature index: (mean, std, minimum, maximum)}}: the numeric features' statistics over
    the training rows (early_stopping's validation rows among them), in one pass (nn_feature_statistics). -#}
{%- macro nn_numeric_statistics(examples, spec, categorical) -%}
    {%- set numeric = [] -%}
    {%- for i in range(spec.features | length) if i not in categorical -%}{%- do numeric.append(i) -%}{%- endfor -%}
    {%- set found = neural_net.nn_feature_statistics(examples, numeric) -%}
    {%- set validation_rows, training_rows = found.validation_rows, found.training_rows -%}
    {%- if (training_rows or 0) == 0 -%}
        {{ neural_net.nn_fail("no training rows: every row of " ~ examples ~ " is held out (holdout_fraction " ~ spec.holdout_fraction ~ ")"
                   ~ (" or set aside for validation (validation_fraction " ~ spec.validation_fraction ~ ")" if spec.early_stopping else "")) }}
    {%- endif -%}
    {%- if spec.early_stopping and (validation_rows or 0) == 0 -%}
        {{ neural_net.nn_fail("early_stopping found no validation rows among the " ~ training_rows ~ " training rows of " ~ examples
                   ~ ": raise validation_fraction (now " ~ spec.validation_fraction ~ ") or train without early_stopping") }}
    {%- endif -%}
    {{ return({'training_rows': training_rows | int, 'features': found.features}) }}
{%- endmacro -%}

{#- {feature index: [(value, training rows), ...]} of the categorical features, most frequent first (NULL as
    the value none), in one query. -#}
{%- macro nn_vocabularies(examples, categorical) -%}
    {%- if not categorical -%}{{ return({}) }}{%- endif -%}
    {%- set query -%}
        select feature, level, training_rows
        from (
        {%- for i in categorical %}
            select {{ i }} as feature, x_{{ i }} as level, count(*) as training_rows
            from {{ examples }}
            where not is_holdout
            group by x_{{ i }}
            {{- "\n            union all" if not loop.last }}
        {%- endfor %}
        ) as levels
        order by feature, training_rows desc, level
    {%- endset -%}
    {%- set vocabularies = {} -%}
    {%- for row in run_query(query).rows -%}
        {%- do vocabularies.setdefault(row[0] | int, []).append((row[1], row[2] | int)) -%}
    {%- endfor -%}
    {{ return(vocabularies) }}
{%- endmacro -%}

{%- macro nn_fit_numeric(spec, name, statistics) -%}
    {%- set mean, std, minimum, maximum = statistics -%}
    {%- if mean is none -%}
        {{ neural_net.nn_fail("feature " ~ name ~ " is NULL in every training row: there is nothing to learn from or to impute with") }}
    {%- endif -%}
    {%- set mean = mean | float -%}
    {%- set std = std | float -%}
    {%- do neural_net.nn_check_statistics("feature " ~ name, mean, std) -%}
    {%- set constant = neural_net.nn_is_constant(mean, std) -%}
    {%- if spec.standardize and constant -%}
        {{ log("nn_training: feature " ~ name ~ " is constant (" ~ mean ~ ") on the training rows: centered, not scaled", info=True) }}
    {%- endif -%}
    {{ return({
        'name': name,
        'kind': 'numeric',
        'mean': mean,
        'std': std,
        'impute': mean if spec.missing == 'impute' else none,
        'center': mean if spec.standardize else 0.0,
        'scale': (1.0 if constant else std) if spec.standardize else 1.0,
        'minimum': minimum | float,
        'maximum': maximum | float,
    }) }}
{%- endmacro -%}

{%- macro nn_fit_categorical(spec, name, vocabulary) -%}
    {%- set seen = [] -%}
    {%- set nulls = [] -%}
    {%- for level, count in vocabulary -%}
        {%- do (nulls if level is none else seen).append(level) -%}
    {%- endfor -%}
    {%- if not seen -%}
        {{ neural_net.nn_fail("feature " ~ name ~ " is NULL in every training row: there is nothing to learn from") }}
    {%- endif -%}
    {%- set pooled = [seen | length - spec.max_categories, 0] | max -%}
    {%- if pooled > 0 -%}
        {{ log("nn_training: feature " ~ name ~ " has " ~ (seen | length) ~ " levels on the training rows: the " ~ spec.max_categories
            ~ " most frequent get an input each, the other " ~ pooled ~ " share one (\"other\"; max_categories: " ~ spec.max_categories ~ ")", info=True) }}
    {%- endif -%}
    {{ return({
        'name': name,
        'kind': 'categorical',
        'levels': seen[:spec.max_categories],
        'pooled_levels': pooled,
        'null_level': spec.missing == 'impute' and nulls | length > 0,
    }) }}
{%- endmacro -%}

{#- Features passed as they are (the parse-time placeholder: no SQL built with it is ever run). -#}
{%- macro nn_identity_preprocessing(spec) -%}
    {%- set features = [] -%}
    {%- for name in spec.features -%}
        {%- do features.append({'name': name, 'kind': 'numeric', 'mean': none, 'std': none, 'impute': none, 'center': 0.0, 'scale': 1.0}) -%}
    {%- endfor -%}
    {%- set task = spec.task or 'classification' -%}
    {{ return({'task': task, 'training_rows': none, 'features': features,
               'target': {'mean': 0.0, 'std': 1.0} if task == 'regression' else none, 'classes': none, 'class_weights': none}) }}
{%- endmacro -%}

{#- The network's inputs h0_0, h0_1, ... as SQL expressions over the features x_0, x_1, ... of `relation`
    (an alias of nn_examples or of rows shaped like it): one per numeric feature, one per input of a categorical
    one (its levels, then "other", then NULL). -#}
{%- macro nn_network_inputs(preprocessing, relation) -%}
    {{ return(neural_net.nn_feature_inputs(preprocessing, neural_net.nn_example_features(preprocessing, relation))) }}
{%- endmacro -%}

{#- The features x_0, x_1, ... of `relation` (rows shaped like nn_examples), as columns of it. -#}
{%- macro nn_example_features(preprocessing, relation) -%}
    {%- set columns = [] -%}
    {%- for feature in preprocessing.features -%}{%- do columns.append(relation ~ ".x_" ~ loop.index0) -%}{%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- The same from any SQL for the features: columns[i] is feature i (as text when it is categorical). -#}
{%- macro nn_feature_inputs(preprocessing, columns) -%}
    {%- set inputs = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- do inputs.extend(neural_net.nn_inputs_of_feature(feature, columns[loop.index0])) -%}
    {%- endfor -%}
    {{ return(inputs) }}
{%- endmacro -%}

{#- One feature's network inputs from `column`: a number's one, or a category's one-hot indicators (its levels,
    then the pooled rare levels and NULL when the feature has them). -#}
{%- macro nn_inputs_of_feature(feature, column) -%}
    {%- set inputs = [] -%}
    {%- if feature.kind == 'categorical' -%}
        {%- set levels = [] -%}
        {%- for level in feature.levels -%}{%- do levels.append(neural_net.nn_string_literal(level)) -%}{%- endfor -%}
        {%- for level in levels -%}
            {%- do inputs.append(neural_net.nn_indicator(column ~ " = " ~ level)) -%}
        {%- endfor -%}
        {%- if feature.pooled_levels > 0 -%}
            {%- do inputs.append(neural_net.nn_indicator(column ~ " not in (" ~ levels | join(", ") ~ ")")) -%}
        {%- endif -%}
        {%- if feature.null_level -%}
            {%- do inputs.append(neural_net.nn_indicator(column ~ " is null")) -%}
        {%- endif -%}
    {%- else -%}
        {%- do inputs.append(neural_net.nn_numeric_input(feature, column)) -%}
    {%- endif -%}
    {{ return(inputs) }}
{%- endmacro -%}

{#- (coalesce(column, impute) - center) / scale, with the steps that do nothing left out. -#}
{%- macro nn_numeric_input(feature, column) -%}
    {%- set value = column if feature.impute is none else "coalesce(" ~ column ~ ", " ~ neural_net.nn_float(feature.impute) ~ ")" -%}
    {%- if feature.center != 0 -%}
        {%- set value = "(" ~ value ~ " - " ~ neural_net.nn_float(feature.center) ~ ")" -%}
    {%- endif -%}
    {%- if feature.scale != 1 -%}
        {%- set value = value ~ " / " ~ neural_net.nn_float(feature.scale) -%}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro -%}

{#- 1 where the condition holds, else 0 (also where it is NULL: a NULL or unseen value matches no level). -#}
{%- macro nn_indicator(condition) -%}
    {{ return("case when " ~ condition ~ " then " ~ neural_net.nn_float(1) ~ " else " ~ neural_net.nn_float(0) ~ " end") }}
{%- endmacro -%}
