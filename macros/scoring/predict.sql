{#- Scores every row of `relation` with the trained network, as a subquery for a downstream model:

        select * from {{ neural_net.predict(ref('new_customers')) }}
        select * from {{ neural_net.predict(ref('new_customers'), network='churn') }}
        select * from {{ neural_net.predict(ref('new_customers'), network=ref('churn'), version=2) }}

    Returns every column of `relation`, then `prediction` (the label value of the predicted class, or a
    regression's predicted value) and, for a classification, one probability column per class (named as in
    nn_predictions). The network, its shape and its preprocessing are read from nn_model, whatever the vars
    say; the features are the relation's columns of the same names, standardized, imputed and one-hot encoded
    as in training. A level never seen in training is all zeros (or "other"). A NULL number is imputed when
    training had missing: impute, else the row's outputs are NULL; a NULL category is its own level when training
    saw NULLs with missing: impute, else all zeros, like a level never seen. The SQL holds one expression per input of the
    network and, above 256 parameters, the weights as lists (nn_layout): its size does not grow with the hidden
    layers' widths.

    `relation`: a relation (ref, source) or its name as 'schema.table'. `network`: the network to score with (a
    model with meta.neural_net, see nn_network); by default the one nn_network names, else this project's own.
    `version`: a version of the network (nn_model_versions) to score with; by default the latest.
    `out_of_range_margin`: when set (a number >= 0), one more column, features_out_of_range: the numeric
    features (comma-separated, in the network's order) whose value lies outside the training rows' range
    widened by that share of it on each side, [minimum - m (maximum - minimum), maximum + m (maximum -
    minimum)], else NULL. A network scores such rows, but far outside its range its outputs mean little. Fails at
    compile time naming the problem (a version that does not exist too):
    no trained network (or no network of that name), the relation missing or lacking a feature, a feature of a type it was not trained as, a
    column already called prediction or like a probability column. On PostgreSQL the subquery has its alias
    (nn_derived_table): write none after it. -#}
{%- macro predict(relation, network=none, version=none, out_of_range_margin=none) -%}
    {%- set model = neural_net.nn_network_model(network, version) -%}
    {%- if not execute -%}{{ return(neural_net.nn_derived_table("select 1 as prediction")) }}{%- endif -%}
    {%- set relation = neural_net.nn_relation(relation, 'predict') if relation is string else relation -%}
    {%- set stored = neural_net.nn_stored_model(model) -%}
    {%- set preprocessing = stored.preprocessing -%}
    {%- set dims = stored.dims -%}
    {%- set columns = neural_net.nn_scored_columns(relation, preprocessing) -%}
    {%- set classification = stored.spec.task != 'regression' -%}
    {%- set probability_columns = neural_net.nn_probability_columns(preprocessing.get('classes'), dims[-1], columns | map(attribute='name') | list) if classification else [] -%}
    {%- set taken = columns | map(attribute='name') | map('lower') | list -%}
    {%- set flagged = [] if out_of_range_margin is none else ['features_out_of_range'] -%}
    {%- for name in ['prediction'] + probability_columns + flagged -%}
        {%- if name in taken -%}
            {{ neural_net.nn_fail("predict: " ~ relation ~ " already has a column named " ~ name ~ ", which the scores would take: rename it") }}
        {%- endif -%}
    {%- endfor -%}
    {#- every column of the relation passes through, under its own name: quoted (nn_quote), or refused -#}
    {%- set quoted = neural_net.nn_quoted(columns | map(attribute='name') | list, "predict: column of " ~ relation) -%}
    {%- set names = {} -%}
    {%- for column in columns -%}{%- do names.update({column.name | lower: quoted[loop.index0]}) -%}{%- endfor -%}
    {%- set features = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- set column = "rows_to_score." ~ names[feature.name | lower] -%}
        {%- do features.append("cast(" ~ column ~ " as " ~ (dbt.type_string() if feature.kind == 'categorical' else neural_net.nn_float_type()) ~ ")") -%}
    {%- endfor -%}
    {#- a NaN or infinite number, or a NULL one that training did not impute: the row cannot be scored (its
        outputs are NULL), as training refuses such values -#}
    {%- set unscorable = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- set value = features[loop.index0] -%}
        {%- if feature.kind == 'numeric' -%}
            {%- if feature.impute is none -%}{%- do unscorable.append(value ~ " is null") -%}{%- endif -%}
            {%- do unscorable.append("(" ~ value ~ " is not null and not " ~ neural_net.nn_is_finite(value) ~ ")") -%}
        {%- endif -%}
    {%- endfor -%}
    {#- the relation's columns under names the network's own columns cannot take -#}
    {%- set passthrough = [] -%}
    {%- for column in columns -%}{%- do passthrough.append("rows_to_score." ~ quoted[loop.index0] ~ " as nn_column_" ~ loop.index0) -%}{%- endfor -%}
    {%- do passthrough.append((neural_net.nn_balanced(unscorable, 'or') if unscorable else 'false') ~ " as nn_unscorable") -%}
    {%- if flagged -%}
        {%- do passthrough.append(neural_net.nn_out_of_range(preprocessing, features, out_of_range_margin) ~ " as nn_out_of_range") -%}
    {%- endif -%}
    {#- a row whose outputs overflowed (a feature far outside the training range) is not scored either: its
        outputs are NULL, never NaN -#}
    {%- set finite = [] -%}
    {%- for c in range(dims[-1]) -%}{%- do finite.append(neural_net.nn_is_finite(neural_net.nn_score(c))) -%}{%- endfor -%}
    {%- if not classification -%}{%- do finite.append(neural_net.nn_is_finite(neural_net.nn_target_value(preprocessing, neural_net.nn_score(0)))) -%}{%- endif -%}
    {%- set scored -%}
select
{%- for column in columns %}
    nn_column_{{ loop.index0 }} as {{ quoted[loop.index0] }},
{%- endfor %}
{%- if classification %}
    case when nn_scorable then {{ neural_net.nn_class_label('predicted_class', preprocessing.get('classes')) | indent(4) }} end as prediction
    {%- for column in probability_columns %},
    case when nn_scorable then {{ neural_net.nn_probability(loop.index0) }} end as {{ column }}
    {%- endfor %}
{%- else %}
    case when nn_scorable then {{ neural_net.nn_target_value(preprocessing, 'score_0') }} end as prediction
{%- endif %}
{%- if flagged %},
    nn_out_of_range as features_out_of_range
{%- endif %}
from (
    select
        *,
        not nn_unscorable and (
{{ neural_net.nn_balanced(finite, 'and') }}
        ) as nn_scorable
    from (
{{ neural_net.nn_scoring_query(stored.spec, dims, preprocessing, model, relation ~ " as rows_to_score", features, passthrough) }}
    ) as outputs
) as scored
{%- endset -%}
    {{ return(neural_net.nn_derived_table(scored)) }}
{%- endmacro -%}

{#- The columns of `relation` (dbt Column objects), after checking that each feature the network was trained on
    is there, of a type its preprocessing takes: a number for a numeric feature; text, boolean or whole numbers
    for a categorical one. -#}
{%- macro nn_scored_columns(relation, preprocessing) -%}
    {%- set columns = adapter.get_columns_in_relation(relation) -%}
    {%- if not columns -%}
        {{ neural_net.nn_fail("predict: " ~ relation ~ " does not exist or has no columns") }}
    {%- endif -%}
    {%- set by_name = {} -%}
    {%- for column in columns -%}{%- do by_name.update({column.name | lower: column}) -%}{%- endfor -%}
    {%- set problems = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- set column = by_name.get(feature.name | lower) -%}
        {%- if column is none -%}
            {%- do problems.append("feature " ~ feature.name ~ " is missing") -%}
        {%- elif feature.kind == 'numeric' and not neural_net.nn_is_numeric_column(column) -%}
            {%- do problems.append("feature " ~ feature.name ~ " has type " ~ column.data_type ~ ", but the network was trained on it as a number") -%}
        {%- elif feature.kind == 'categorical' and not (neural_net.nn_is_text_or_boolean_column(column) or neural_net.nn_is_integer_column(column)) -%}
            {%- do problems.append("feature " ~ feature.name ~ " has type " ~ column.data_type ~ ", but the network was trained on it as categories (text, boolean or whole numbers)") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ neural_net.nn_fail("predict: cannot score " ~ relation ~ ": " ~ problems | join("; ") ~ " (its columns: " ~ (columns | map(attribute='name') | join(', ')) ~ ")") }}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro -%}


{#- The features, of `features` (SQL per feature, as predict casts them), whose value is outside the training
    range widened by `margin` of it on each side: their names joined by ', ', or NULL when none is (or the
    model kept no ranges: fitted before they were). -#}
{%- macro nn_out_of_range(preprocessing, features, margin) -%}
    {%- do neural_net.nn_check_margin(margin, 'predict', 'out_of_range_margin') -%}
    {%- set flags = [] -%}
    {%- for i in range(preprocessing.features | length) if preprocessing.features[i].kind == 'numeric'
                                                           and preprocessing.features[i].get('minimum') is not none -%}
        {%- set feature = preprocessing.features[i] -%}
        {%- do flags.append("case when " ~ neural_net.nn_outside_range(feature, features[i], margin)
                            ~ " then " ~ neural_net.nn_string_literal(', ' ~ feature.name) ~ " else '' end") -%}
    {%- endfor -%}
    {%- if not flags -%}{{ return("cast(null as " ~ dbt.type_string() ~ ")") }}{%- endif -%}
    {{ return("nullif(substr(" ~ neural_net.nn_concat(flags) ~ ", 3), '')") }}
{%- endmacro -%}
