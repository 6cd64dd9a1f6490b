{#- Every input row with its prediction under the trained model: the predicted class and the class
    probabilities, or for a regression the predicted value.
    The SELECT of the network's nn_predictions: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_predictions_query() -%}
{%- set trained = neural_net.nn_trained_model(neural_net.nn_spec()) -%}
{%- set spec = trained.spec -%}
{%- set dims = trained.dims -%}
{%- set layout = neural_net.nn_layout(spec, dims) -%}
{%- set n_classes = dims[-1] -%}
{%- set inputs -%}
select
    examples.*,
{%- for input in neural_net.nn_network_inputs(trained.preprocessing, 'examples') %}
    {{ input }} as {{ neural_net.nn_unit(0, loop.index0) }},
{%- endfor %}
    -- the parameters as the forward pass reads them in the {{ layout }} layout (nn_scoring_columns)
{%- for column in neural_net.nn_scoring_columns(dims, 'model', layout) %}
    {{ column }}{{ "," if not loop.last }}
{%- endfor %}
from {{ neural_net.nn_ref('nn_examples') }} as examples
cross join {{ neural_net.nn_ref('nn_model') }} as model
{%- endset -%}

with scored as (

{{ neural_net.nn_forward(spec, dims, inputs, layout) }}

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
