{#- tanh: h = tanh(z). dh/dz = 1 - h^2. -#}
{%- macro tanh_forward(z) -%}tanh({{ z }}){%- endmacro -%}
{%- macro tanh_backward(h) -%}(1 - {{ h }} * {{ h }}){%- endmacro -%}
