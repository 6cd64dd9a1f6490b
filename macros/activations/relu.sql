{#- ReLU: h = max(z, 0). dh/dz = 1 where z > 0 (exactly where h > 0), else 0. -#}
{%- macro relu_forward(z) -%}greatest({{ z }}, 0){%- endmacro -%}
{%- macro relu_backward(h) -%}(case when {{ h }} > 0 then 1 else 0 end){%- endmacro -%}
