{#- How the rows of `relation` compare with the rows a network was trained on, feature by feature: one row per
    feature of the network (`network` and `version` as predict takes them), with
      feature, kind          its name; number or category
      scored_rows            the rows of `relation`; null_rows: those where the feature is NULL
      training_mean, training_minimum, training_maximum
                             a number's on the training rows (nn_inputs)
      scored_mean, scored_minimum, scored_maximum
                             the same on `relation`'s rows
      rows_out_of_range      rows whose value lies outside the training range widened by `margin` of it on
                             each side (as predict's out_of_range_margin); a category's: rows whose value is
                             none of the levels that have an input of their own (pooled, or never seen)
    (docs/evaluation.md has an example) -#}
{%- macro drift_summary(relation, network=none, version=none, margin=0) -%}
    {%- set model = neural_net.nn_network_model(network, version) -%}
    {%- if not execute -%}{{ return("select 1 as feature") }}{%- endif -%}
    {%- do neural_net.nn_check_margin(margin, 'drift_summary', 'margin') -%}
    {%- set relation = neural_net.nn_relation(relation, 'drift_summary') if relation is string else relation -%}
    {%- set preprocessing = neural_net.nn_stored_model(model).preprocessing -%}
    {%- do neural_net.nn_scored_columns(relation, preprocessing) -%}  {#- each feature is there, of a type it was trained as -#}
    {%- set float = neural_net.nn_float_type() -%}
    {%- set selects = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- set column = neural_net.nn_quote(feature.name, "feature column of " ~ relation) -%}
        {%- if feature.kind == 'numeric' -%}
            {%- set value = "cast(" ~ column ~ " as " ~ float ~ ")" -%}
            {%- set known = feature.get('minimum') is not none -%}
            {%- set outside = "sum(case when " ~ neural_net.nn_outside_range(feature, value, margin) ~ " then 1 else 0 end)"
                              if known else "cast(null as " ~ dbt.type_bigint() ~ ")" -%}
            {%- set statistics = [neural_net.nn_float(feature.mean), neural_net.nn_typed_literal(feature.get('minimum'), 'float'),
                                  neural_net.nn_typed_literal(feature.get('maximum'), 'float'), "avg(" ~ value ~ ")", "min(" ~ value ~ ")", "max(" ~ value ~ ")"] -%}
        {%- else -%}
            {%- set levels = [] -%}
            {%- for level in feature.levels -%}{%- do levels.append(neural_net.nn_string_literal(level)) -%}{%- endfor -%}
            {%- set text = "cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")" -%}
            {%- set outside = "sum(case when " ~ column ~ " is not null and " ~ text ~ " not in (" ~ levels | join(", ") ~ ") then 1 else 0 end)" -%}
            {%- set statistics = ["cast(null as " ~ float ~ ")"] * 6 -%}
        {%- endif -%}
        {%- do selects.append("select " ~ neural_net.nn_string_literal(feature.name) ~ " as feature, "
            ~ neural_net.nn_string_literal('number' if feature.kind == 'numeric' else 'category') ~ " as kind, "
            ~ "count(*) as scored_rows, sum(case when " ~ column ~ " is null then 1 else 0 end) as null_rows, "
            ~ statistics[0] ~ " as training_mean, " ~ statistics[1] ~ " as training_minimum, " ~ statistics[2] ~ " as training_maximum, "
            ~ statistics[3] ~ " as scored_mean, " ~ statistics[4] ~ " as scored_minimum, " ~ statistics[5] ~ " as scored_maximum, "
            ~ outside ~ " as rows_out_of_range from " ~ relation) -%}
    {%- endfor -%}
    {{ return(selects | join("\nunion all\n")) }}
{%- endmacro -%}
