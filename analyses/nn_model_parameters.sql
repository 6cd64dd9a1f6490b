{#- The trained model's parameters, as `neural-net-train --export` reads them on every engine, whatever the layout:
    nn_model's arrays (nn_parameter_arrays) w1, b1, w2, b2, ..., each as text: w{l} holds layer l's weights unit
    by unit (the incoming weights of unit j from position j * dims[l-1]), b{l} its biases. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set trained = nn_trained_model(nn_spec()) -%}

select
    model.iteration,
    model.run_settings,
{%- for array in nn_parameter_arrays(trained.dims) %}
    {{ nn_list_as_text('model.' ~ array) }} as {{ array }}{{ "," if not loop.last }}
{%- endfor %}
from {{ ref('nn_model') }} as model
