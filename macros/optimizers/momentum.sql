{#- Gradient descent with momentum (the heavy ball, as PyTorch writes it): the velocity m accumulates the
    gradients, decaying by `momentum` each step, and the parameter moves along it.
      m = momentum m + g
      p -= lr m -#}
{%- macro momentum_update(spec, p, value, g, previous) -%}
    {%- set velocity = neural_net.nn_float(spec.momentum) ~ " * " ~ previous.m ~ " + " ~ g -%}
    {{ return({
        p: value ~ " - " ~ neural_net.nn_float(spec.lr) ~ " * (" ~ velocity ~ ")",
        'm_' ~ p: velocity,
    }) }}
{%- endmacro -%}
