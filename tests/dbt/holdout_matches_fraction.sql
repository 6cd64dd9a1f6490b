-- The held-out share of the distinct examples is holdout_fraction, and with early_stopping the validation share
-- of the other ones is validation_fraction, each within five binomial standard deviations: a hash that picked
-- rows unevenly (or a split that leaked into another) would fail it. Distinct: equal rows are one row to the
-- split (nn_examples_query), on one side together. Yields a row per split that is off.
{%- set spec = nn_spec() %}
with examples as (

    select distinct
    {%- for feature in spec.features %}
        x_{{ loop.index0 }},
    {%- endfor %}
        label,
        is_holdout,
        is_validation
    from {{ ref('nn_examples') }}

),

shares as (

    select
        'holdout' as split,
        count(*) as examples,
        avg(case when is_holdout then 1.0 else 0.0 end) as share,
        {{ nn_float(spec.holdout_fraction) }} as fraction
    from examples

    union all

    select
        'validation' as split,
        count(*) as examples,
        avg(case when is_validation then 1.0 else 0.0 end) as share,
        {{ nn_float(spec.validation_fraction if spec.early_stopping else 0) }} as fraction
    from examples
    where not is_holdout

)

select *
from shares
where abs(share - fraction) > 5 * sqrt(fraction * (1 - fraction) / examples) + 1.0 / examples
