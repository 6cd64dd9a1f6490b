-- Penguins the networks never saw, without their species: the rows a downstream model scores.
select penguin_id, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex
from {{ ref('penguins') }}
where penguin_id % 5 = 0
