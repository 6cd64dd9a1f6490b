{#- The trained model's class probabilities (a regression: its predicted value) on a grid over the plane of the
    first two features, in their own units (the other features held at their mean, or their most frequent
    level): what the decision boundary looks like. neural-net-train --plot draws it. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set trained = nn_trained_model(nn_spec()) -%}
{%- set spec = trained.spec -%}
{%- set dims = trained.dims -%}
{%- set steps = 80 -%}
{%- set features = trained.preprocessing.features -%}
{%- set drawable = features | length >= 2 and features[0].kind != 'categorical' and features[1].kind != 'categorical' -%}
{%- if not drawable and execute -%}
    {{ nn_fail("nn_decision_grid draws the plane of the first two features, which must both be numeric") }}
{%- endif -%}
{%- if drawable -%}
{%- set grid -%}
(
    -- rows shaped like nn_examples: the first two features on the grid, the others at their typical value
    select
        ranges.min_0 + (ranges.max_0 - ranges.min_0) * steps_x.step / {{ steps - 1 }} as grid_x,
        ranges.min_1 + (ranges.max_1 - ranges.min_1) * steps_y.step / {{ steps - 1 }} as grid_y,
        ranges.min_0 + (ranges.max_0 - ranges.min_0) * steps_x.step / {{ steps - 1 }} as x_0,
        ranges.min_1 + (ranges.max_1 - ranges.min_1) * steps_y.step / {{ steps - 1 }} as x_1
    {%- for feature in features[2:] %}
        {%- set i = loop.index0 + 2 %},
        {{ nn_string_literal(feature.levels[0]) if feature.kind == 'categorical' else 'ranges.mean_' ~ i }} as x_{{ i }}
    {%- endfor %}
    from ranges
    cross join steps as steps_x
    cross join steps as steps_y
) as grid
{%- endset -%}

with ranges as (

    select
    {%- for feature in features if feature.kind != 'categorical' %}
        {%- set i = features.index(feature) %}
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

{{ nn_scoring_query(spec, dims, trained.preprocessing, ref('nn_model'), grid, nn_example_features(trained.preprocessing, 'grid'),
                    ['grid.grid_x', 'grid.grid_y']) }}

)

select
    grid_x,
    grid_y,
{%- if spec.task == 'regression' %}
    {{ nn_target_value(trained.preprocessing, 'score_0') }} as predicted_value
{%- else %}
{%- for c in range(dims[-1]) %}
    {{ nn_probability(c) }}{{ "," if not loop.last }}
{%- endfor %}
{%- endif %}
from scored
{%- else %}
-- parsing a model with fewer than two numeric features: there is no plane to draw (refused when run)
select 1 as grid_x
{%- endif %}
