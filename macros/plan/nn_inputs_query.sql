{#- nn_inputs: one row per input of the trained network (input_index: the first layer's unit), saying how it
    is computed from a feature of the rows scored (nn_preprocessing fitted it on the training rows):
      kind number   (coalesce(feature, impute) - center) / scale; impute NULL: a NULL is not imputed (the
                    row is refused in training, its outputs NULL when scored). mean and std are the training
                    rows' statistics, minimum and maximum their range.
      kind level    1 when the feature equals `level`, else 0 (a categorical feature: one row per level kept)
      kind other    1 for a value not among the feature's levels; levels_pooled rarer levels share it
      kind missing  1 when the feature is NULL (missing: impute, and the training rows held NULLs)
    predict, nn_predictions, the analyses and the export apply the preprocessing from here (nn_stored_model).
    The SELECT of the network's nn_inputs (the package's model, and the neural_net materialization). -#}
{%- macro nn_inputs_query() -%}
    {%- set model = neural_net.nn_ref('nn_model') -%}  {#- at parse time too: the dependency on nn_model -#}
    {%- if not execute -%}{{ return("select 1 as input_index") }}{%- endif -%}
    {%- set preprocessing = neural_net.nn_trained_plan(model).preprocessing -%}
    {%- set rows = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- set f = loop.index0 -%}
        {%- if feature.kind == 'numeric' -%}
            {%- do rows.append([f, feature.name, 'number', none, none, feature.mean, feature.std, feature.impute, feature.center, feature.scale,
                                 feature.get('minimum'), feature.get('maximum')]) -%}
        {%- else -%}
            {%- for level in feature.levels -%}
                {%- do rows.append([f, feature.name, 'level', level, none, none, none, none, none, none, none, none]) -%}
            {%- endfor -%}
            {%- if feature.pooled_levels > 0 -%}
                {%- do rows.append([f, feature.name, 'other', none, feature.pooled_levels, none, none, none, none, none, none, none]) -%}
            {%- endif -%}
            {%- if feature.null_level -%}
                {%- do rows.append([f, feature.name, 'missing', none, none, none, none, none, none, none, none, none]) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set numbered = [] -%}
    {%- for row in rows -%}{%- do numbered.append([loop.index0] + row) -%}{%- endfor -%}
    {{ return(neural_net.nn_literal_rows(
        [('input_index', 'integer'), ('feature_index', 'integer'), ('feature', 'string'), ('kind', 'string'), ('level', 'string'),
         ('levels_pooled', 'integer'), ('mean', 'float'), ('std', 'float'), ('impute', 'float'), ('center', 'float'), ('scale', 'float'),
         ('minimum', 'float'), ('maximum', 'float')],
        numbered)) }}
{%- endmacro -%}
