{#- Preprocessing of the features: fitted once, on the training rows only, when a training run starts; stored
    with every row of the history (column `preprocessing`, JSON) and so with the model; applied identically by
    training, predictions, analyses and the export. The fit and its application sit side by side here.

    classes     the label values of classes 0, 1, ... when the label holds names or yes/no values
                (nn_label_classes); null when it holds class numbers.
    features, one entry per feature, in the order of `features`:
      name      the column
      mean, std the training rows' mean and population standard deviation (NULLs not counted)
      impute    the value a NULL is replaced by: the mean when missing = impute, else null (NULLs never get here)
      center, scale
                what the network sees: (value - center) / scale. standardize = true: the mean and the standard
                deviation, except that a feature constant on the training rows is only centered (scale 1: its
                deviation is 0 and it carries no information). standardize = false: 0 and 1, the value as it is.
-#}
{%- macro nn_preprocessing(spec) -%}
    {%- set examples = ref('nn_examples') -%}
    {%- set n = spec.features | length -%}
    {%- if not execute -%}
        {{ return(nn_identity_preprocessing(spec.features)) }}  {#- parsing: the data is not read yet -#}
    {%- endif -%}
    {%- set query -%}
        select
        {%- for i in range(n) %}
            avg(x_{{ i }}) as mean_{{ i }},
            stddev_pop(x_{{ i }}) as std_{{ i }},
        {%- endfor %}
            count(*) as training_rows
        from {{ examples }}
        where not is_holdout
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- if row[2 * n] == 0 -%}
        {{ nn_fail("no training rows: every row of " ~ examples ~ " is held out (holdout_fraction " ~ spec.holdout_fraction ~ ")") }}
    {%- endif -%}
    {%- set features = [] -%}
    {%- for name in spec.features -%}
        {%- set mean = row[2 * loop.index0] -%}
        {%- set std = row[2 * loop.index0 + 1] -%}
        {%- if mean is none -%}
            {{ nn_fail("feature " ~ name ~ " is NULL in every training row: there is nothing to learn from or to impute with") }}
        {%- endif -%}
        {%- set mean = mean | float -%}
        {%- set std = std | float -%}
        {%- set constant = std <= 1e-10 * ([1, mean | abs] | max) -%}
        {%- if spec.standardize and constant -%}
            {{ log("nn_training: feature " ~ name ~ " is constant (" ~ mean ~ ") on the training rows: centered, not scaled", info=True) }}
        {%- endif -%}
        {%- do features.append({
            'name': name,
            'mean': mean,
            'std': std,
            'impute': mean if spec.missing == 'impute' else none,
            'center': mean if spec.standardize else 0.0,
            'scale': (1.0 if constant else std) if spec.standardize else 1.0,
        }) -%}
    {%- endfor -%}
    {%- set labels = run_query("select label, max(label_value) from " ~ examples ~ " group by label order by label").rows -%}
    {%- set classes = none if labels[0][1] is none else labels | map(attribute=1) | list -%}
    {{ return({'features': features, 'classes': classes}) }}
{%- endmacro -%}

{#- Features passed as they are (the parse-time placeholder: no SQL built with it is ever run). -#}
{%- macro nn_identity_preprocessing(names) -%}
    {%- set features = [] -%}
    {%- for name in names -%}
        {%- do features.append({'name': name, 'mean': none, 'std': none, 'impute': none, 'center': 0.0, 'scale': 1.0}) -%}
    {%- endfor -%}
    {{ return({'features': features, 'classes': none}) }}
{%- endmacro -%}

{#- The network's input i, h0_i, from the raw feature column: (coalesce(column, impute) - center) / scale, with
    the steps that do nothing left out. -#}
{%- macro nn_preprocessed_input(preprocessing, i, column) -%}
    {%- set feature = preprocessing.features[i] -%}
    {%- set value = column if feature.impute is none else "coalesce(" ~ column ~ ", " ~ nn_float(feature.impute) ~ ")" -%}
    {%- if feature.center != 0 -%}
        {%- set value = "(" ~ value ~ " - " ~ nn_float(feature.center) ~ ")" -%}
    {%- endif -%}
    {%- if feature.scale != 1 -%}
        {%- set value = value ~ " / " ~ nn_float(feature.scale) -%}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro -%}
