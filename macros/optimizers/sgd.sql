{#- Gradient descent: p -= lr g. -#}
{%- macro sgd_update(spec, p, value, g) -%}
    {{ return({p: value ~ " - " ~ nn_float(spec.lr) ~ " * " ~ g}) }}
{%- endmacro -%}
