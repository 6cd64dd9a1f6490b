-- The body_mass network predicts the mass of penguins it never saw: R² at least 0.7 on new_penguins (the
-- rows with a known mass). Fails with the R² it reached.
with scored as (

    select prediction, cast(body_mass_g as double) as actual
    from {{ ref('scored_body_mass') }}
    where body_mass_g is not null

),

fit as (

    select 1 - sum(power(actual - prediction, 2)) / sum(power(actual - (select avg(actual) from scored), 2)) as r2
    from scored

)

select r2 from fit where r2 < 0.7 or r2 is null
