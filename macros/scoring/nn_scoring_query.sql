{#- The one forward pass of every scoring: nn_predictions, predict (so nn_scored_input, predict.py and the
    consumer's models) and the nn_decision_grid analysis all score through here. Returns nn_forward's SELECT of
    the trained network in `model` (nn_model, or a kept version of it) over `rows`:

      rows         "<relation or (subquery)> as <alias>": the rows to score
      features     SQL over those rows for each feature the network was trained on, in its order (text for a
                   categorical one); they are preprocessed here as in training (nn_feature_inputs)
      passthrough  "<SQL> as <name>" (or "<alias>.*") columns that come along

    and the model's `spec` (activation, task, layout), `dims` and `preprocessing` (nn_trained_model,
    nn_stored_model). Its output holds the passthrough columns, then score_c and, for a classification,
    probability_c and predicted_class (nn_forward). -#}
{%- macro nn_scoring_query(spec, dims, preprocessing, model, rows, features, passthrough) -%}
    {%- set layout = neural_net.nn_layout(spec, dims) -%}
    {%- set inputs -%}
select
{%- for column in passthrough %}
    {{ column }},
{%- endfor %}
    -- the network's inputs, preprocessed as in training (nn_feature_inputs)
{%- for input in neural_net.nn_feature_inputs(preprocessing, features) %}
    {{ input }} as {{ neural_net.nn_unit(0, loop.index0) }},
{%- endfor %}
    scoring_parameters.*
from {{ rows }}
cross join (
    -- the parameters as the forward pass reads them in the {{ layout }} layout (nn_scoring_columns), computed once
    select
{%- for column in neural_net.nn_scoring_columns(dims, 'model', layout) %}
        {{ column }}{{ "," if not loop.last }}
{%- endfor %}
    from {{ model }} as model{{ neural_net.nn_subquery_fence() }}
) as scoring_parameters
    {%- endset -%}
    {{ return(neural_net.nn_forward(spec, dims, inputs, layout)) }}
{%- endmacro -%}
