{#- Per-row attributions, gradient x input: for each row of `relation` and each feature of the network, how much
    the feature moved the network's output for that row, to first order. The output explained is the score
    (logit) of the row's predicted class, or a regression's predicted value; the gradient of it with respect to
    each input of the network, times the input (after preprocessing), summed over a categorical feature's
    one-hot inputs, is the feature's attribution. Unlike Shapley values or integrated gradients, the
    attributions need not add up to the output's distance from any baseline.

        select * from ({{ neural_net.explain(ref('new_customers'), key='customer_id', network=ref('churn')) }}) as attributions

    One row per row of `relation` and feature: `key`'s column, feature, attribution (NULL where a number is
    NULL and training did not impute it). The network is evaluated with a column per parameter, so it may have at most as
    many parameters as the engine's columns layout (4,096; PostgreSQL 400). Checked against numpy's gradient of the same output (tests/python/test_feature_importance.py, test_explain_equals_numpys_gradient_times_input). -#}
{%- macro explain(relation, key, network=none, version=none) -%}
    {%- set model = neural_net.nn_network_model(network, version) -%}
    {%- if not execute -%}{{ return("select 1 as feature") }}{%- endif -%}
    {%- set relation = neural_net.nn_relation(relation, 'explain') if relation is string else relation -%}
    {%- set stored = neural_net.nn_stored_model(model) -%}
    {%- set spec, dims, preprocessing = stored.spec, stored.dims, stored.preprocessing -%}
    {%- set parameters = neural_net.nn_parameters(dims) | length -%}
    {%- set most = neural_net.nn_capability('max_parameters') -%}
    {%- if parameters > most -%}
        {{ neural_net.nn_fail("explain: the network has " ~ parameters ~ " parameters; explain evaluates it with a column per parameter, at most "
            ~ "{:,}".format(most) ~ " on " ~ target.type) }}
    {%- endif -%}
    {%- do neural_net.nn_scored_columns(relation, preprocessing) -%}  {#- each feature is there, of a type it was trained as -#}
    {%- set features = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- do features.append("cast(rows_to_explain." ~ neural_net.nn_quote(feature.name, "feature column of " ~ relation)
                               ~ " as " ~ (dbt.type_string() if feature.kind == 'categorical' else neural_net.nn_float_type()) ~ ")") -%}
    {%- endfor -%}
    {%- set inputs_per_feature = [] -%}
    {%- for feature in preprocessing.features -%}
        {%- do inputs_per_feature.append(neural_net.nn_inputs_of_feature(feature, features[loop.index0])) -%}
    {%- endfor -%}
    {%- set inputs = inputs_per_feature | sum(start=[]) -%}
    {%- set inner -%}
select
    rows_to_explain.{{ neural_net.nn_quote(key, "key column of " ~ relation) }} as nn_key,
{%- for input in inputs %}
    {{ input }} as {{ neural_net.nn_unit(0, loop.index0) }},
{%- endfor %}
{%- for column in neural_net.nn_scoring_columns(dims, 'model', 'columns') %}
    {{ column }}{{ "," if not loop.last }}
{%- endfor %}
from {{ relation }} as rows_to_explain
cross join {{ model }} as model
    {%- endset -%}
    {%- set ns = namespace(sql=neural_net.nn_forward(spec, dims, inner, 'columns')) -%}
    {%- set output_layer = dims | length - 1 -%}
    {#- g{l}_i: the gradient of the explained output with respect to h{l}_i, layer by layer down to the inputs -#}
    {%- set columns = [] -%}
    {%- for i in range(dims[output_layer - 1]) -%}
        {%- if spec.task == 'regression' -%}
            {%- do columns.append(("g" ~ (output_layer - 1) ~ "_" ~ i, neural_net.nn_weight(output_layer, i, 0) ~ " * " ~ neural_net.nn_float(preprocessing.target.std))) -%}
        {%- else -%}
            {%- set pairs = [] -%}
            {%- for c in range(dims[output_layer]) -%}{%- do pairs.append((c, neural_net.nn_weight(output_layer, i, c))) -%}{%- endfor -%}
            {%- do columns.append(("g" ~ (output_layer - 1) ~ "_" ~ i, neural_net.nn_case_lookup("predicted_class", pairs))) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "the gradient at the last hidden layer", columns, "gradient_" ~ (output_layer - 1)) -%}
    {%- for layer in range(output_layer - 1, 0, -1) -%}
        {%- set columns = [] -%}
        {%- for i in range(dims[layer - 1]) -%}
            {%- set terms = [] -%}
            {%- for j in range(dims[layer]) -%}
                {%- do terms.append(neural_net.nn_weight(layer, i, j) ~ " * g" ~ layer ~ "_" ~ j ~ " * "
                                    ~ neural_net.nn_activation_backward(spec.activation, neural_net.nn_unit(layer, j))) -%}
            {%- endfor -%}
            {%- do columns.append(("g" ~ (layer - 1) ~ "_" ~ i, neural_net.nn_balanced(terms, '+'))) -%}
        {%- endfor -%}
        {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "the gradient at layer " ~ (layer - 1), columns, "gradient_" ~ (layer - 1)) -%}
    {%- endfor -%}
    {#- a feature's attribution: the sum over its inputs of input x gradient -#}
    {%- set selects = [] -%}
    {%- set position = namespace(next=0) -%}
    {%- for feature in preprocessing.features -%}
        {%- set width = inputs_per_feature[loop.index0] | length -%}
        {%- set terms = [] -%}
        {%- for i in range(position.next, position.next + width) -%}{%- do terms.append("h0_" ~ i ~ " * g0_" ~ i) -%}{%- endfor -%}
        {%- set position.next = position.next + width -%}
        {%- do selects.append("select nn_key as " ~ neural_net.nn_quote(key, "key column of " ~ relation) ~ ", "
                              ~ neural_net.nn_string_literal(feature.name) ~ " as feature, " ~ terms | join(" + ") ~ " as attribution from explained") -%}
    {%- endfor -%}
with explained as (

{{ ns.sql }}

)

{{ selects | join("\nunion all\n") }}
{%- endmacro -%}
