{#- The trained model's parameters, as `scripts/train.py --export` reads them on every engine: one column per
    parameter, w{l}_{i}_{j} and b{l}_{j} (nn_parameters); in the arrays layout (nn_layout: a network too wide for
    a column per parameter), each stored array as text, w1, b1, ... (w{l} unit by unit: the incoming weights of
    unit j from position j * dims[l-1]). -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set trained = nn_trained_model(nn_spec()) -%}
{%- set arrays = nn_layout(trained.spec, trained.dims) == 'arrays' -%}

select
    model.iteration,
    model.run_settings,
{%- if arrays %}
{%- for array in nn_parameter_arrays(trained.dims) %}
    {{ nn_list_as_text('model.' ~ array) }} as {{ array }}{{ "," if not loop.last }}
{%- endfor %}
{%- else %}
{%- for column in nn_unpack(nn_array_layout(trained.dims), 'model') %}
    {{ column }}{{ "," if not loop.last }}
{%- endfor %}
{%- endif %}
from {{ ref('nn_model') }} as model
