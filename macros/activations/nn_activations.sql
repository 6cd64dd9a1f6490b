{#- The hidden-layer activations (settings.yml lists them: activation's choices). Each file beside this one
    holds one activation's forward rule and, next to it, its backward rule. The backward rule is written in
    terms of the activation's OUTPUT h, which every activation here allows, so the backward pass never needs
    the pre-activation. -#}

{#- act(z) -#}
{%- macro nn_activation_forward(activation, z) -%}
    {%- if activation == 'relu' -%}{{ neural_net.relu_forward(z) }}
    {%- elif activation == 'tanh' -%}{{ neural_net.tanh_forward(z) }}
    {%- elif activation == 'sigmoid' -%}{{ neural_net.sigmoid_forward(z) }}
    {%- else -%}{{ neural_net.nn_fail("unknown activation " ~ activation) }}
    {%- endif -%}
{%- endmacro -%}

{#- d act / dz, given h = act(z) -#}
{%- macro nn_activation_backward(activation, h) -%}
    {%- if activation == 'relu' -%}{{ neural_net.relu_backward(h) }}
    {%- elif activation == 'tanh' -%}{{ neural_net.tanh_backward(h) }}
    {%- elif activation == 'sigmoid' -%}{{ neural_net.sigmoid_backward(h) }}
    {%- else -%}{{ neural_net.nn_fail("unknown activation " ~ activation) }}
    {%- endif -%}
{%- endmacro -%}
