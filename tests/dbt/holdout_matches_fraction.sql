-- The held-out share of the examples is holdout_fraction, within five binomial standard deviations: a hash
-- that picked rows unevenly (or a split that leaked into training) would fail it. Yields one row.
with examples as (

    select is_holdout from {{ ref('nn_examples') }}

),

shares as (

    select
        count(*) as examples,
        avg(case when is_holdout then 1.0 else 0.0 end) as holdout_share,
        {{ nn_float(nn_spec().holdout_fraction) }} as holdout_fraction
    from examples

)

select *
from shares
where abs(holdout_share - holdout_fraction)
    > 5 * sqrt(holdout_fraction * (1 - holdout_fraction) / examples) + 1.0 / examples
