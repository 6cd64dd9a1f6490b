-- Training must lower the loss: the last measured loss is below the first one. Fails as well while fewer than
-- two losses exist (iteration 0 carries none): a history that short shows nothing learned. Yields one row.
with losses as (

    select iteration, loss
    from {{ ref('nn_training') }}
    where loss is not null

),

ends as (

    select
        (select loss from losses order by iteration asc limit 1) as first_loss,
        (select loss from losses order by iteration desc limit 1) as last_loss,
        (select count(*) from losses) as measured

)

select *
from ends
where measured < 2 or not (last_loss < first_loss)
