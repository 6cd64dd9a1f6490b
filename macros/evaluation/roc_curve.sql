{#- The ROC curve of one class's scores, as scikit-learn's roc_curve(drop_intermediate=False) gives it: one row
    per group (group_by's values; one group without it) and distinct score, highest first, with
      threshold   the score (NULL on the first row, where nothing is predicted positive: scikit-learn's inf)
      fpr, tpr    the share of the negative and of the positive rows whose score is >= threshold
    `score` is the probability column of the class `positive`; a row is positive when its `label` equals it.
    Rows with a NULL label or score are left out. -#}
{%- macro roc_curve(relation, label, score, positive, group_by=none) -%}
    {%- set float = neural_net.nn_float_type() -%}
with scored as (

    {{ neural_net.nn_evaluation_rows(relation, {'actual': label, 'score': score}, ['actual', 'score'], group_by) }}

),

thresholds as (

    select
        nn_group,
        score as threshold,
        sum(case when actual = {{ neural_net.nn_class_literal(positive) }} then 1 else 0 end) as positives,
        sum(case when actual = {{ neural_net.nn_class_literal(positive) }} then 0 else 1 end) as negatives
    from scored
    group by nn_group, score

),

cumulative as (

    select
        nn_group,
        threshold,
        sum(positives) over (partition by nn_group order by threshold desc rows between unbounded preceding and current row) as true_positives,
        sum(negatives) over (partition by nn_group order by threshold desc rows between unbounded preceding and current row) as false_positives,
        sum(positives) over (partition by nn_group) as all_positives,
        sum(negatives) over (partition by nn_group) as all_negatives
    from thresholds
    union all
    select nn_group, cast(null as {{ float }}), 0, 0, sum(positives), sum(negatives)
    from thresholds
    group by nn_group

)

select
    {{ neural_net.nn_group_column(group_by) }}threshold,
    false_positives / nullif(cast(all_negatives as {{ float }}), 0) as fpr,
    true_positives / nullif(cast(all_positives as {{ float }}), 0) as tpr
from cumulative
{%- endmacro -%}
