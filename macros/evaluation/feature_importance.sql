{#- Permutation importance: how much a trained network's score drops when one feature's values are shuffled
    among the rows it is measured on, feature by feature (a categorical feature's one-hot inputs move together,
    as its values do). The rows are the network's held-out rows (nn_examples), else early stopping's
    validation rows, else its training rows. The shuffle is one fixed permutation, the same on every engine:
    the rows in the order of the MD5 of their example_id, each taking the value of the row half-way round.

        select * from ({{ neural_net.feature_importance(network=ref('churn')) }}) as importance

    One row for the rows as they are (feature NULL), then one per feature, in the network's order:
      feature, examples, split   the feature shuffled; how many rows, and which split they are
      accuracy, log_loss         a classification's on those rows (NULL for a regression)
      r2                         a regression's (NULL for a classification)
      importance                 the unshuffled rows' accuracy (a regression: R²) minus this row's: how much
                                 the network relies on the feature; 0 on the first row
    Checked against numpy on the same rows and permutation (tests/python/test_feature_importance.py). -#}
{%- macro feature_importance(network=none, version=none) -%}
    {%- set model = neural_net.nn_network_model(network, version) -%}
    {%- if not execute -%}{{ return("select 1 as feature") }}{%- endif -%}
    {%- set stored = neural_net.nn_stored_model(model) -%}
    {%- set spec, dims, preprocessing = stored.spec, stored.dims, stored.preprocessing -%}
    {%- set examples = model.incorporate(path={'identifier': 'nn_examples'}) -%}
    {%- set counts = run_query("select sum(case when is_holdout then 1 else 0 end), sum(case when is_validation then 1 else 0 end), count(*) from "
                               ~ examples).rows[0] -%}
    {%- set split, condition, n = ('holdout', 'is_holdout', counts[0]) if counts[0] | int > 0 else
                                  (('validation', 'is_validation', counts[1]) if counts[1] | int > 0 else ('train', 'true', counts[2])) -%}
    {%- set n = n | int -%}
    {%- if n < 2 -%}
        {{ neural_net.nn_fail("feature_importance: " ~ examples ~ " has " ~ n ~ " rows to measure on; a shuffle needs at least 2") }}
    {%- endif -%}
    {%- set float = neural_net.nn_float_type() -%}
    {%- set regression = spec.task == 'regression' -%}
    {%- set measured = [] -%}
    {%- for shuffled in [none] + range(preprocessing.features | length) | list -%}
        {%- set features = [] -%}
        {%- for i in range(preprocessing.features | length) -%}
            {%- do features.append("shuffled_rows.nn_permuted" if i == shuffled else "shuffled_rows.x_" ~ i) -%}
        {%- endfor -%}
        {%- set rows -%}
(
    select original.*, {{ "partner.x_" ~ shuffled if shuffled is not none else "cast(null as " ~ float ~ ")" }} as nn_permuted
    from ordered as original
    inner join ordered as partner on partner.position = mod(original.position + {{ n // 2 }}, {{ n }})
) as shuffled_rows
        {%- endset -%}
        {%- set scored = neural_net.nn_scoring_query(spec, dims, preprocessing, model, rows, features, ['shuffled_rows.label as label']) -%}
        {%- if regression -%}
            {%- set metrics = "cast(null as " ~ float ~ ") as accuracy, cast(null as " ~ float ~ ") as log_loss, "
                              ~ "1 - sum(power(label - " ~ neural_net.nn_target_value(preprocessing, 'score_0') ~ ", 2)) / nullif(sum(power(label - (select avg(label) from ordered), 2)), 0) as r2" -%}
        {%- else -%}
            {%- set metrics = "avg(case when predicted_class = label then " ~ neural_net.nn_float(1) ~ " else " ~ neural_net.nn_float(0) ~ " end) as accuracy, "
                              ~ "avg(" ~ neural_net.nn_cross_entropy(dims[-1]) ~ ") as log_loss, cast(null as " ~ float ~ ") as r2" -%}
        {%- endif -%}
        {%- do measured.append("select " ~ (loop.index0) ~ " as feature_position, "
            ~ (neural_net.nn_string_literal(preprocessing.features[shuffled].name) if shuffled is not none else "cast(null as " ~ dbt.type_string() ~ ")")
            ~ " as feature, count(*) as examples, " ~ metrics ~ "\nfrom (\n" ~ scored ~ "\n) as scored_" ~ loop.index0) -%}
    {%- endfor -%}
with ordered as (

    select
        examples.*,
        row_number() over (order by {{ neural_net.nn_md5_hex("cast(example_id as " ~ dbt.type_string() ~ ")") }}, example_id) - 1 as position
    from {{ examples }} as examples
    where {{ condition }}

),

measured as (

{{ measured | join("\nunion all\n") }}

),

final as (

    select
        measured.feature,
        measured.examples,
        '{{ split }}' as split,
        measured.accuracy,
        measured.log_loss,
        measured.r2,
        baseline.{{ 'r2' if regression else 'accuracy' }} - measured.{{ 'r2' if regression else 'accuracy' }} as importance,
        measured.feature_position
    from measured
    cross join (select * from measured where feature_position = 0) as baseline

)

select feature, examples, split, accuracy, log_loss, r2, importance
from final
order by feature_position
{%- endmacro -%}
