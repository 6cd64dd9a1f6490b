{#- The trained model with one column per parameter, w{l}_{i}_{j} and b{l}_{j} (nn_parameters): what
    `scripts/train.py --export` reads, on every engine. nn_model stores an array per layer and kind. -#}
{%- set trained = nn_trained_model(nn_spec()) -%}

select
    model.iteration,
    model.run_settings,
    model.preprocessing,
{%- for column in nn_unpack(nn_array_layout(trained.dims), 'model') %}
    {{ column }}{{ "," if not loop.last }}
{%- endfor %}
from {{ ref('nn_model') }} as model
