{#- How well one class's probabilities are calibrated, as scikit-learn's calibration_curve(strategy='uniform')
    measures it: the probabilities fall into `bins` equal bins of [0, 1] (a probability on a bin's upper edge
    belongs to that bin, as numpy.searchsorted puts it); one row per group (group_by's values; one group
    without it) and bin that holds rows:
      bin                 0 .. bins - 1
      examples            its rows
      mean_probability    their mean probability (scikit-learn's prob_pred)
      fraction_positive   the share of them whose label is `positive` (prob_true)
    Rows with a NULL label or probability are left out. -#}
{%- macro calibration_curve(relation, label, probability, positive, bins=10, group_by=none) -%}
    {%- if bins is not integer or bins < 1 or bins > 1000 -%}
        {{ neural_net.nn_fail("calibration_curve: bins must be a whole number from 1 to 1000; got " ~ bins) }}
    {%- endif -%}
    {%- set float = neural_net.nn_float_type() -%}
with scored as (

    {{ neural_net.nn_evaluation_rows(relation, {'actual': label, 'probability': probability}, ['actual', 'probability'], group_by) }}

),

binned as (

    select
        nn_group,
        probability,
        case when actual = {{ neural_net.nn_class_literal(positive) }} then 1 else 0 end as positive,
        -- the inner edges as numpy.linspace(0, 1, bins + 1) computes them: k * (1 / bins)
        case
        {%- for k in range(1, bins) %}
            when probability <= {{ neural_net.nn_float(k * (1.0 / bins)) }} then {{ k - 1 }}
        {%- endfor %}
            else {{ bins - 1 }}
        end as bin
    from scored

)

select
    {{ neural_net.nn_group_column(group_by) }}bin,
    count(*) as examples,
    avg(probability) as mean_probability,
    avg(cast(positive as {{ float }})) as fraction_positive
from binned
group by nn_group, bin
{%- endmacro -%}
