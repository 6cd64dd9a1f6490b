{#- How good a regression's predictions are, as scikit-learn measures them, for any relation of labels and
    predictions (nn_predictions' actual_value and predicted_value, or a model that scores with predict). One
    row per group (group_by's values; one group without it):
      examples            the rows measured (a NULL label or prediction is left out)
      rmse, mae           root_mean_squared_error, mean_absolute_error
      r2                  r2_score: 1 - sum((y - prediction)^2) / sum((y - mean y)^2); NULL for a constant label
      explained_variance  explained_variance_score: 1 - var(y - prediction) / var(y) (population variances);
                          NULL for a constant label
    Each equals scikit-learn's on the same rows to 1e-9 (tests/python/test_evaluation_metrics.py). -#}
{%- macro regression_metrics(relation, label, prediction, group_by=none) -%}
    {%- set float = neural_net.nn_float_type() -%}
with scored as (

    {{ neural_net.nn_evaluation_rows(relation, {'actual': label, 'predicted': prediction}, ['actual', 'predicted'], group_by) }}

),

means as (

    select
        nn_group,
        count(*) as examples,
        avg(cast(actual as {{ float }})) as mean_actual,
        avg(cast(actual as {{ float }}) - predicted) as mean_error
    from scored
    group by nn_group

),

sums as (

    select
        scored.nn_group,
        sum(power(scored.actual - scored.predicted, 2)) as squared_error,
        sum(abs(scored.actual - scored.predicted)) as absolute_error,
        sum(power(scored.actual - means.mean_actual, 2)) as squared_deviation,
        sum(power(scored.actual - scored.predicted - means.mean_error, 2)) as squared_error_deviation
    from scored
    inner join means on means.nn_group = scored.nn_group
    group by scored.nn_group

)

select
    {{ neural_net.nn_group_column(group_by) | replace('nn_group as', 'means.nn_group as') }}means.examples,
    sqrt(sums.squared_error / means.examples) as rmse,
    sums.absolute_error / means.examples as mae,
    1 - sums.squared_error / nullif(sums.squared_deviation, 0) as r2,
    1 - sums.squared_error_deviation / nullif(sums.squared_deviation, 0) as explained_variance
from means
inner join sums on sums.nn_group = means.nn_group
{%- endmacro -%}
