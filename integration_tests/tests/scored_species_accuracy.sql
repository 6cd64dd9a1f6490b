-- The species network names the species of penguins it never saw: at least 90% of new_penguins. Fails with
-- the accuracy it reached.
with scored as (

    select scored.penguin_id, scored.prediction, penguins.species
    from {{ ref('scored_species') }} as scored
    join {{ ref('penguins') }} as penguins using (penguin_id)

)

select avg(case when prediction = species then 1.0 else 0.0 end) as accuracy
from scored
having avg(case when prediction = species then 1.0 else 0.0 end) < 0.9
