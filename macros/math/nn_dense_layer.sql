{#- The dense layer l: it maps the dims[l-1] units of layer l-1 to the dims[l] units of layer l.

    forward    z{l}_j = sum_i h{l-1}_i w{l}_i_j + b{l}_j                       the pre-activation of unit j
    backward   given dz{l}_j = d loss / d z{l}_j on a row:
               d loss / d h{l-1}_i = sum_j dz{l}_j w{l}_i_j                    what reaches the layer below
               d loss / d w{l}_i_j = h{l-1}_i dz{l}_j                          the parameters' gradients
               d loss / d b{l}_j   = dz{l}_j
    Every sum is one term per line, as a balanced tree (nn_balanced). -#}

{#- z{layer}_j -#}
{%- macro nn_dense_forward(dims, layer, j) -%}
    {%- set terms = [] -%}
    {%- for i in range(dims[layer - 1]) -%}
        {%- do terms.append(neural_net.nn_unit(layer - 1, i) ~ " * " ~ neural_net.nn_weight(layer, i, j)) -%}
    {%- endfor -%}
    {%- do terms.append(neural_net.nn_bias(layer, j)) -%}
    {{ neural_net.nn_balanced(terms, "+") }}
{%- endmacro -%}

{#- d loss / d h{layer-1}_i, from the deltas dz{layer}_* of this layer -#}
{%- macro nn_dense_backward(dims, layer, i) -%}
    {%- set terms = [] -%}
    {%- for j in range(dims[layer]) -%}
        {%- do terms.append(neural_net.nn_delta(layer, j) ~ " * " ~ neural_net.nn_weight(layer, i, j)) -%}
    {%- endfor -%}
    {{ neural_net.nn_balanced(terms, "+") }}
{%- endmacro -%}

{#- d loss / d p on one row, for a parameter p of nn_parameters -#}
{%- macro nn_dense_gradient(p) -%}
    {%- if p.kind == 'weight' -%}
        {{ neural_net.nn_unit(p.layer - 1, p.i) }} * {{ neural_net.nn_delta(p.layer, p.j) }}
    {%- else -%}
        {{ neural_net.nn_delta(p.layer, p.j) }}
    {%- endif -%}
{%- endmacro -%}
