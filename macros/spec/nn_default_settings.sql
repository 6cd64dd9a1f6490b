{#- Every setting of a network and of its training, with its default. In this project each one is a dbt var of
    the same name:  dbt run --vars '{iterations: 1000, lr: 1.0, hidden: [8, 8], activation: tanh}'
    A named network (nn_network) takes them from its own model's config instead; nn_setting_value says which
    source wins. settings.yml declares each one (nn_settings_schema); docs/settings.md describes them. -#}
{%- macro nn_default_settings() -%}
    {%- set defaults = {} -%}
    {%- for name, setting in neural_net.nn_settings_schema().items() -%}{%- do defaults.update({name: setting.default}) -%}{%- endfor -%}
    {{ return(defaults) }}
{%- endmacro -%}
