{#- The trained model's class probabilities on a grid over the plane of the first two features, in their own
    units (the other features held at their mean): what the decision boundary looks like. scripts/train.py --plot draws it. -#}
{%- set trained = nn_trained_model(nn_spec()) -%}
{%- set spec = trained.spec -%}
{%- set dims = trained.dims -%}
{%- set steps = 80 -%}
{%- set inputs -%}
select
    grid.grid_x,
    grid.grid_y,
{%- for i in range(dims[0]) %}
    {%- set raw = 'grid.grid_x' if i == 0 else ('grid.grid_y' if i == 1 else 'ranges.mean_' ~ i) %}
    {{ nn_preprocessed_input(trained.preprocessing, i, raw) }} as {{ nn_unit(0, i) }},
{%- endfor %}
    model.*
from (
    select
        ranges.min_0 + (ranges.max_0 - ranges.min_0) * steps_x.step / {{ steps - 1 }} as grid_x,
        ranges.min_1 + (ranges.max_1 - ranges.min_1) * steps_y.step / {{ steps - 1 }} as grid_y
    from ranges
    cross join steps as steps_x
    cross join steps as steps_y
) as grid
cross join ranges
cross join {{ ref('nn_model') }} as model
{%- endset -%}

with ranges as (

    select
    {%- for i in range(dims[0]) %}
        min(x_{{ i }}) as min_{{ i }},
        max(x_{{ i }}) as max_{{ i }},
        avg(x_{{ i }}) as mean_{{ i }}{{ "," if not loop.last }}
    {%- endfor %}
    from {{ ref('nn_examples') }}

),

steps as (

    {%- for step in range(steps) %}
    select {{ step }} as step{{ " union all" if not loop.last }}
    {%- endfor %}

),

scored as (

{{ nn_forward(spec, dims, inputs) }}

)

select
    grid_x,
    grid_y,
{%- for c in range(dims[-1]) %}
    {{ nn_probability(c) }}{{ "," if not loop.last }}
{%- endfor %}
from scored
