{#- Fails for every prediction whose class probabilities are not a distribution (each in [0, 1], summing to 1
    within 1e-9) or whose predicted class is not the most probable one. A regression has no probabilities:
    there it checks that every prediction is a number (not NULL, NaN or infinite). -#}
{% test probabilities_are_a_distribution(model) %}
    {%- set trained = neural_net.nn_trained_model(neural_net.nn_spec()) -%}
    {%- if trained.spec.task == 'regression' %}
select *
from {{ model }}
where predicted_value is null or not {{ neural_net.nn_is_finite('predicted_value') }}
    {%- else -%}
    {%- set n_classes = trained.dims[-1] -%}
    {%- set probabilities = neural_net.nn_probability_columns(trained.preprocessing.get('classes'), n_classes, trained.spec.features) -%}
with predictions as (

    select * from {{ model }}

),

checked as (

    select
        example_id,
        predicted_class,
        {{ neural_net.nn_balanced(probabilities, "+") | indent(8) }} as total_probability,
        least({{ probabilities | join(", ") }}) as smallest_probability,
        greatest({{ probabilities | join(", ") }}) as largest_probability,
        case predicted_class
        {%- for c in range(n_classes) %}
            when {{ c }} then {{ probabilities[c] }}
        {%- endfor %}
        end as predicted_probability
    from predictions

)

select *
from checked
where not (
    abs(total_probability - 1) <= {{ neural_net.nn_float(1e-9) }}
    and smallest_probability >= 0
    and largest_probability <= 1
    and predicted_probability = largest_probability
)
    or total_probability is null
    or predicted_probability is null
    {%- endif %}
{% endtest %}
