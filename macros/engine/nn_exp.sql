{#- e^x for the softmax's shifted scores (x <= 0). PostgreSQL raises an error where a float result underflows to 0
    (exp(-746), or a product of two tiny numbers), where the other engines give 0: there e^x is 0 below
    x = -600 (e^-600 = 2.6e-261, far below what changes a parameter, and far enough above the smallest float
    that the products made from it do not underflow). -#}
{%- macro nn_exp(x) -%}{{ return(adapter.dispatch('nn_exp', 'neural_net')(x)) }}{%- endmacro -%}
{%- macro default__nn_exp(x) -%}exp({{ x }}){%- endmacro -%}
{%- macro postgres__nn_exp(x) -%}case when {{ x }} < -600 then {{ neural_net.nn_float(0) }} else exp({{ x }}) end{%- endmacro -%}
