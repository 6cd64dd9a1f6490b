{#- Every input row with its prediction under the trained model: the predicted class and the class
    probabilities, or for a regression the predicted value.
    The SELECT of the network's nn_predictions: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_predictions_query() -%}
{%- set trained = neural_net.nn_trained_model(neural_net.nn_spec()) -%}
{%- set spec = trained.spec -%}
{%- set dims = trained.dims -%}
{%- set n_classes = dims[-1] -%}

with scored as (

{{ neural_net.nn_scoring_query(spec, dims, trained.preprocessing, neural_net.nn_ref('nn_model'), neural_net.nn_ref('nn_examples') ~ " as examples",
                               neural_net.nn_example_features(trained.preprocessing, 'examples'), ['examples.*']) }}

),

final as (

    select
        example_id,
        case when is_holdout then 'holdout' when is_validation then 'validation' else 'train' end as split,
    {%- for feature in spec.features %}
        x_{{ loop.index0 }} as {{ neural_net.nn_quote(feature) }},
    {%- endfor %}
    {%- if spec.task == 'regression' %}
        label as actual_value,
        -- the output, mapped back from the standardized target to the label's units
        {{ neural_net.nn_target_value(trained.preprocessing, 'score_0') }} as predicted_value
    {%- else %}
        label as actual_class,
        predicted_class,
        -- the label values themselves: the class numbers, or the names the label column holds
        {{ neural_net.nn_class_label('label', trained.preprocessing.get('classes')) | indent(8) }} as actual_label,
        {{ neural_net.nn_class_label('predicted_class', trained.preprocessing.get('classes')) | indent(8) }} as predicted_label,
        -- one probability per class, named after the class when its label value is a plain identifier
    {%- for column in neural_net.nn_probability_columns(trained.preprocessing.get('classes'), n_classes, spec.features) %}
        {{ neural_net.nn_probability(loop.index0) }} as {{ column }},
    {%- endfor %}
        -- -ln(probability of the actual class), computed from scores so that it never takes ln(0)
        {{ neural_net.nn_cross_entropy(n_classes) | indent(8) }} as log_loss
    {%- endif %}
    from scored

)

select * from final
{%- endmacro -%}
