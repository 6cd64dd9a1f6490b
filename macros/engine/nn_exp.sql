{#- e^x for the softmax's shifted scores (x <= 0). PostgreSQL raises an error where a float result underflows to 0
    (exp(-746); a product or square of numbers that small, as Adam's g * g of a gradient of 1e-170), where the
    other engines give 0: there e^x is 0 below x = -300 (e^-300 = 5e-131: a probability that changes no
    parameter, and whose products and squares stay far above the smallest float). -#}
{%- macro nn_exp(x) -%}{{ return(adapter.dispatch('nn_exp', 'neural_net')(x)) }}{%- endmacro -%}
{%- macro default__nn_exp(x) -%}exp({{ x }}){%- endmacro -%}
{%- macro postgres__nn_exp(x) -%}case when {{ x }} < -300 then {{ neural_net.nn_float(0) }} else exp({{ x }}) end{%- endmacro -%}
