{#- The one place parameter names are made. Layer l (1-based) maps dims[l-1] units to dims[l] units:
      w{l}_{i}_{j}   weight from unit i of layer l-1 to unit j of layer l  (h_l = act(h_{l-1} W_l + b_l))
      b{l}_{j}       bias of unit j of layer l
    Order: layer by layer, each layer's weights (row-major) then its biases. -#}
{%- macro nn_parameters(dims) -%}
    {%- set parameters = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- for i in range(dims[layer - 1]) -%}
            {%- for j in range(dims[layer]) -%}
                {%- do parameters.append({'name': nn_weight(layer, i, j), 'kind': 'weight', 'layer': layer, 'i': i, 'j': j}) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- for j in range(dims[layer]) -%}
            {%- do parameters.append({'name': nn_bias(layer, j), 'kind': 'bias', 'layer': layer, 'j': j}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(parameters) }}
{%- endmacro -%}

{%- macro nn_weight(layer, i, j) -%}w{{ layer }}_{{ i }}_{{ j }}{%- endmacro -%}
{%- macro nn_bias(layer, j) -%}b{{ layer }}_{{ j }}{%- endmacro -%}
{#- Per-row values: h{l}_{j} is the activation of unit j of layer l (h0 = the features), dz{l}_{j} the gradient
    of the row's loss with respect to that unit's pre-activation. -#}
{%- macro nn_unit(layer, j) -%}h{{ layer }}_{{ j }}{%- endmacro -%}
{%- macro nn_delta(layer, j) -%}dz{{ layer }}_{{ j }}{%- endmacro -%}
{%- macro nn_score(c) -%}score_{{ c }}{%- endmacro -%}
{%- macro nn_probability(c) -%}probability_{{ c }}{%- endmacro -%}
