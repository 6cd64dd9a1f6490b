{#- The one place parameter names are made. Layer l (1-based) maps dims[l-1] units to dims[l] units:
      w{l}_{i}_{j}   weight from unit i of layer l-1 to unit j of layer l  (h_l = act(h_{l-1} W_l + b_l))
      b{l}_{j}       bias of unit j of layer l
    Order: layer by layer, each layer's weights (row-major) then its biases.

    The training state stores them as arrays (nn_parameter_arrays): w{l} holds layer l's weights unit by
    unit, the dims[l-1] incoming weights of unit j from position j * dims[l-1]; b{l} its biases. Each
    parameter knows its `array` and `position` (from 0). Per row, the math works on the scalar names. -#}
{%- macro nn_parameters(dims) -%}
    {%- set parameters = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- for i in range(dims[layer - 1]) -%}
            {%- for j in range(dims[layer]) -%}
                {%- do parameters.append({'name': neural_net.nn_weight(layer, i, j), 'kind': 'weight', 'layer': layer, 'i': i, 'j': j,
                                          'array': 'w' ~ layer, 'position': j * dims[layer - 1] + i}) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- for j in range(dims[layer]) -%}
            {%- do parameters.append({'name': neural_net.nn_bias(layer, j), 'kind': 'bias', 'layer': layer, 'j': j,
                                      'array': 'b' ~ layer, 'position': j}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(parameters) }}
{%- endmacro -%}

{#- The state's parameter arrays, in order: w1, b1, w2, b2, ... -#}
{%- macro nn_parameter_arrays(dims) -%}
    {%- set arrays = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- do arrays.extend(['w' ~ layer, 'b' ~ layer]) -%}
    {%- endfor -%}
    {{ return(arrays) }}
{%- endmacro -%}

{#- Scalar columns from arrays: [(array, [(position, scalar name), ...]), ...] maps each stored array to the
    per-row names of its elements. `prefix` names an optimizer's state ('m_': the arrays m_w1, ... hold m_w1_0_0,
    ...). -#}
{%- macro nn_array_layout(dims, prefix='') -%}
    {%- set elements = {} -%}
    {%- for array in neural_net.nn_parameter_arrays(dims) -%}{%- do elements.update({array: []}) -%}{%- endfor -%}
    {%- for p in neural_net.nn_parameters(dims) -%}
        {%- do elements[p.array].append((p.position, prefix ~ p.name)) -%}
    {%- endfor -%}
    {%- set layout = [] -%}
    {%- for array in neural_net.nn_parameter_arrays(dims) -%}
        {%- do layout.append((prefix ~ array, elements[array] | sort(attribute='0'))) -%}
    {%- endfor -%}
    {{ return(layout) }}
{%- endmacro -%}

{%- macro nn_weight(layer, i, j) -%}w{{ layer }}_{{ i }}_{{ j }}{%- endmacro -%}
{%- macro nn_bias(layer, j) -%}b{{ layer }}_{{ j }}{%- endmacro -%}
{#- Per-row values: h{l}_{j} is the activation of unit j of layer l (h0 = the features), dz{l}_{j} the gradient
    of the row's loss with respect to that unit's pre-activation. -#}
{%- macro nn_unit(layer, j) -%}h{{ layer }}_{{ j }}{%- endmacro -%}
{%- macro nn_delta(layer, j) -%}dz{{ layer }}_{{ j }}{%- endmacro -%}
{%- macro nn_score(c) -%}score_{{ c }}{%- endmacro -%}
{%- macro nn_probability(c) -%}probability_{{ c }}{%- endmacro -%}

{#- {array: its number of elements} for the parameter arrays w1, b1, w2, b2, ... -#}
{%- macro nn_array_sizes(dims) -%}
    {%- set sizes = {} -%}
    {%- for layer in range(1, dims | length) -%}
        {%- do sizes.update({'w' ~ layer: dims[layer - 1] * dims[layer], 'b' ~ layer: dims[layer]}) -%}
    {%- endfor -%}
    {{ return(sizes) }}
{%- endmacro -%}
