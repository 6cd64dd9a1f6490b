{#- Gradient descent: p -= lr g. -#}
{%- macro sgd_update(spec, p, value, g, previous) -%}
    {{ return({p: value ~ " - " ~ neural_net.nn_float(spec.lr) ~ " * " ~ g}) }}
{%- endmacro -%}
