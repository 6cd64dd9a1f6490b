{#- Fails for every row of the training history where a parameter is NULL, NaN or infinite. -#}
{% test parameters_finite(model) %}
    {%- set spec = nn_spec() -%}
    {%- set parameters = nn_parameters(nn_dims(spec)) -%}
select iteration
from {{ model }}
where not (
{%- for p in parameters %}
    {{ "and " if not loop.first }}coalesce({{ nn_is_finite(p.name) }}, false)
{%- endfor %}
)
{% endtest %}
