{#- The state before any training (iteration 0): one row with iteration, loss, train_accuracy, every
    parameter, the optimizer's state (zeros) and early stopping's (nulls). Loss and accuracy are null: they are
    measured by the first iteration's forward pass.

    init = 'he'       weights ~ N(0, 2 / fan_in) (He et al. 2015), biases 0. The normal numbers come from
                      Box-Muller on the deterministic uniforms of nn_uniform_numerators(seed):
                      weight number k uses uniforms 2k and 2k+1: sqrt(-2 ln u1) cos(2 pi u2).
    init = 'article'  the 2018 article's weights for the 2-2-2 network, biases 0.
    The optimizer's state starts at 0.
-#}
{%- macro nn_initial_state(spec, dims) -%}
    {%- if spec.init == 'he' and neural_net.nn_layout(spec, dims) == 'arrays' -%}
        {{ return(neural_net.nn_initial_state_arrays(spec, dims)) }}
    {%- endif -%}
    {%- set parameters = neural_net.nn_parameters(dims) -%}
    {%- set weights = parameters | selectattr('kind', 'equalto', 'weight') | list -%}
    {%- set values = {} -%}
    {%- if spec.init == 'article' -%}
        {%- set article = neural_net.nn_article_weights() -%}
        {%- for w in weights -%}
            {%- do values.update({w.name: neural_net.nn_float(article[w.layer - 1][w.i][w.j])}) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set numerators = neural_net.nn_uniform_numerators(spec.seed, 2 * weights | length) -%}
        {%- for w in weights -%}
            {%- set u1 = neural_net.nn_uniform_sql(numerators[2 * loop.index0]) -%}
            {%- set u2 = neural_net.nn_uniform_sql(numerators[2 * loop.index0 + 1]) -%}
            {%- do values.update({w.name:
                "sqrt(-2 * ln(" ~ u1 ~ ")) * cos(" ~ neural_net.nn_float(6.283185307179586) ~ " * " ~ u2 ~ ")"
                ~ " * sqrt(" ~ neural_net.nn_float(2.0 / dims[w.layer - 1]) ~ ")"}) -%}
        {%- endfor -%}
    {%- endif -%}
select
    0 as iteration,
    cast(null as {{ neural_net.nn_float_type() }}) as loss,
    cast(null as {{ neural_net.nn_float_type() }}) as train_accuracy,
{%- for array, elements in neural_net.nn_state_layout(spec, dims) %}
    {%- set initial = [] -%}
    {%- for position, name in elements -%}{%- do initial.append(values.get(name, neural_net.nn_float(0))) -%}{%- endfor %}
    {{ neural_net.nn_array(initial) }} as {{ array }}{{ "," if not loop.last }}
{%- endfor %}
{%- if spec.early_stopping %},
    -- nothing measured yet (nn_early_stopping)
    cast(null as {{ neural_net.nn_float_type() }}) as validation_loss,
    cast(null as {{ neural_net.nn_float_type() }}) as best_validation_loss,
    cast(null as {{ dbt.type_int() }}) as best_iteration
{%- endif %}
{%- endmacro -%}

{#- From the 2018 article: W (2 x 2, input i to hidden j) and W2 (2 x 2, hidden j to class c). -#}
{%- macro nn_article_weights() -%}
    {{ return([
        [[-0.00569693, 0.00186517], [0.00414431, 0.0105101]],
        [[-0.01312284, -0.01269512], [0.00379152, -0.01218354]],
    ]) }}
{%- endmacro -%}

{#- The same He initialisation for the arrays layout (nn_layout), whose networks are too wide for an expression
    per weight: the engine makes the uniforms' numerators (nn_uniform_numerators_sql), and each layer's weights
    are computed from them by one nn_list_transform, with the same expression per weight. Weight number k (nn_parameters' order: layer
    by layer, input i then unit j) sits at position j * fan_in + i of its layer's array (unit by unit). -#}
{%- macro nn_initial_state_arrays(spec, dims) -%}
    {%- set ns = namespace(offset=0) -%}
    {%- set weights = {} -%}
    {%- for layer in range(1, dims | length) -%}
        {%- set fan_in, units = dims[layer - 1], dims[layer] -%}
        {%- set number = ns.offset ~ " + " ~ neural_net.nn_integer_remainder("position", fan_in) ~ " * " ~ units ~ " + " ~ neural_net.nn_integer_division("position", fan_in) -%}
        {%- set u1 = neural_net.nn_uniform_sql(neural_net.nn_list_at("numerators", "2 * (" ~ number ~ ") + " ~ neural_net.nn_list_base())) -%}
        {%- set u2 = neural_net.nn_uniform_sql(neural_net.nn_list_at("numerators", "2 * (" ~ number ~ ") + " ~ (neural_net.nn_list_base() + 1))) -%}
        {%- do weights.update({'w' ~ layer: neural_net.nn_list_transform(neural_net.nn_list_range(fan_in * units), "position", "sqrt(-2 * ln(" ~ u1 ~ ")) * cos("
            ~ neural_net.nn_float(6.283185307179586) ~ " * " ~ u2 ~ ") * sqrt(" ~ neural_net.nn_float(2.0 / fan_in) ~ ")")}) -%}
        {%- set ns.offset = ns.offset + fan_in * units -%}
    {%- endfor -%}
    {%- set columns = ['0 as iteration', "cast(null as " ~ neural_net.nn_float_type() ~ ") as loss", "cast(null as " ~ neural_net.nn_float_type() ~ ") as train_accuracy"] -%}
    {%- set sizes = neural_net.nn_array_sizes(dims) -%}
    {%- for array in neural_net.nn_state_arrays(spec, dims) -%}
        {%- set zeros = neural_net.nn_list_transform(neural_net.nn_list_range(sizes[array.split('_')[-1]]), "position", neural_net.nn_float(0)) -%}
        {%- do columns.append(weights.get(array, zeros) ~ " as " ~ array) -%}
    {%- endfor -%}
    {%- if spec.early_stopping -%}
        {%- do columns.extend(["cast(null as " ~ neural_net.nn_float_type() ~ ") as validation_loss", "cast(null as " ~ neural_net.nn_float_type() ~ ") as best_validation_loss",
                               "cast(null as " ~ dbt.type_int() ~ ") as best_iteration"]) -%}
    {%- endif -%}
select
    {{ columns | join(",\n    ") }}
from (
    -- the uniform numbers' numerators (nn_uniform_numerators_sql), two per weight
    {{ neural_net.nn_uniform_numerators_sql(spec.seed, 2 * ns.offset) | indent(4) }}
) as uniforms
{%- endmacro -%}
