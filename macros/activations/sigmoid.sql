{#- sigmoid: h = 1 / (1 + exp(-z)), written as 0.5 + 0.5 tanh(z / 2): the same function, but exp(-z) cannot
    overflow for very negative z. dh/dz = h (1 - h). -#}
{%- macro sigmoid_forward(z) -%}({{ neural_net.nn_float(0.5) }} + {{ neural_net.nn_float(0.5) }} * tanh({{ neural_net.nn_float(0.5) }} * ({{ z }}))){%- endmacro -%}
{%- macro sigmoid_backward(h) -%}({{ h }} * (1 - {{ h }})){%- endmacro -%}
