{#- Adam (Kingma and Ba, 2015): running means of the gradient (m) and of its square (v), corrected for their
    start at zero, give each parameter its own step size.
      m = beta1 m + (1 - beta1) g
      v = beta2 v + (1 - beta2) g^2
      p -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)      t = 1 on the first step -#}
{%- macro adam_update(spec, p, value, g, previous) -%}
    {%- set m = "(" ~ neural_net.nn_float(spec.beta1) ~ " * " ~ previous.m ~ " + " ~ neural_net.nn_float(1 - spec.beta1) ~ " * " ~ g ~ ")" -%}
    {%- set v = "(" ~ neural_net.nn_float(spec.beta2) ~ " * " ~ previous.v ~ " + " ~ neural_net.nn_float(1 - spec.beta2) ~ " * " ~ g ~ " * " ~ g ~ ")" -%}
    {%- set m_hat = m ~ " / (1 - power(" ~ neural_net.nn_float(spec.beta1) ~ ", iteration))" -%}
    {%- set v_hat = v ~ " / (1 - power(" ~ neural_net.nn_float(spec.beta2) ~ ", iteration))" -%}
    {{ return({
        p: value ~ " - " ~ neural_net.nn_float(spec.lr) ~ " * (" ~ m_hat ~ ") / (sqrt(" ~ v_hat ~ ") + " ~ neural_net.nn_float(spec.epsilon) ~ ")",
        'm_' ~ p: m,
        'v_' ~ p: v,
    }) }}
{%- endmacro -%}
