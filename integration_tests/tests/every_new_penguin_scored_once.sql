-- Scoring keeps the rows: every new penguin once in each scored model, no row added or lost. Yields the
-- penguins scored a number of times other than once.
{% for model in ['scored_species', 'scored_body_mass'] %}
select '{{ model }}' as model, new_penguins.penguin_id, count(scored.penguin_id) as times_scored
from {{ ref('new_penguins') }} as new_penguins
left join {{ ref(model) }} as scored using (penguin_id)
group by new_penguins.penguin_id
having count(scored.penguin_id) != 1
{{ "union all" if not loop.last }}
{% endfor %}
