{#- One iteration of gradient descent in the arrays layout (nn_layout): the same math as nn_iteration, with
    each layer's activations, deltas and parameters held as lists, so that the SQL grows with the widest layer
    instead of with the number of parameters. Two forms: the generic one below, one pass for the chained block
    (Spark, BigQuery, PostgreSQL: default__nn_training_block and
    postgres__nn_training_block), and DuckDB's recursive term of its block, in
    macros/engine/duckdb/duckdb__nn_iteration_arrays.sql. -#}
{%- macro nn_iteration_arrays(spec, dims, preprocessing, previous, training_rows, stop_at, carry=[], recursive=true, block_batches=false) -%}
    {{ return(adapter.dispatch('nn_iteration_arrays', 'neural_net')(spec, dims, preprocessing, previous, training_rows, stop_at, carry, recursive, block_batches)) }}
{%- endmacro -%}

{#- The same iteration as one pass over the rows, for the chained block of Spark, BigQuery and PostgreSQL (nn_training_block):
    the previous state is read once, and the sums over the rows of d loss / d w{l}[j, i] = dz{l}[j] h{l-1}[i]
    come from the same aggregate as the loss (nn_dense_gradient_sums). `carry`
    passes columns of `previous` through; recursive = false adds is_finite instead of filtering. -#}
{%- macro default__nn_iteration_arrays(spec, dims, preprocessing, previous, training_rows, stop_at, carry, recursive, block_batches) -%}
    {%- do neural_net.nn_check_step_value_size(spec, dims, preprocessing) -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set batches = neural_net.nn_batches(spec.batch_size, preprocessing.get('training_rows')) -%}
    {%- set state = neural_net.nn_state_arrays(spec, dims) -%}
    {%- set ns = namespace(sql=none) -%}
    {%- set ns.sql -%}
select
    training_rows.*,
    parameters.*
from {{ training_rows }} as training_rows
cross join (
    -- the previous state, read once, with its sum of squared weights (the passes read w{l} and b{l} as they
    -- are: nn_layer_arrays)
    {{ neural_net.nn_previous_state(spec, previous, stop_at, recursive, [neural_net.nn_balanced(neural_net.nn_squared_weight_sums(dims, 'previous'), "+") ~ " as sum_squared_weights"]) | indent(4) }}
) as parameters
{{ neural_net.nn_step_rows_where(spec, batches, block_batches) }}
    {%- endset -%}
    {%- set ns.sql = neural_net.nn_backward_arrays(spec, dims, preprocessing, ns.sql) -%}
    {%- set sums, summed, weight_sums, bias_sums = [], [], [], [] -%}
    {%- for layer in range(1, output_layer + 1) -%}
        {%- set gradient = neural_net.nn_dense_gradient_sums(dims, layer, neural_net.nn_delta_list(layer), "h" ~ (layer - 1)) -%}
        {%- do sums.extend(gradient.aggregates) -%}
        {%- do summed.extend(gradient.columns) -%}
        {%- do weight_sums.append(gradient.weight_sums) -%}
        {%- do bias_sums.append(gradient.bias_sums) -%}
    {%- endfor -%}
select
    step.*,
    {{ neural_net.nn_state_is_finite(spec, dims, 'arrays') | indent(4) }} as is_finite
from (

-- the optimizer's step, element by element (macros/optimizers)
select
    {{ (['iteration'] + carry + ['loss', 'train_accuracy'] + neural_net.nn_step_lists(spec, dims) + neural_net.nn_early_stopping_columns(spec)) | join(",\n    ") }}
from (

    -- g = mean over the rows of d loss / d p, plus reg p for a weight (nn_mean_gradient), element by element
    select
        totals.*,
{%- for alias, expression in neural_net.nn_mean_gradient_lists(spec, dims, weight_sums, bias_sums, 'fit_rows', 'totals') %}
        {{ expression }} as {{ alias }}{{ "," if not loop.last }}
{%- endfor %}
    from (

        -- what the gradient's sums over the rows are read from (nn_dense_gradient_sums)
        select
            totals.*{{ "," if summed }}
{%- for alias, expression in summed %}
            {{ expression }} as {{ alias }}{{ "," if not loop.last }}
{%- endfor %}
        from (

            -- the step's loss (of the previous parameters), accuracy, early stopping's columns, and what each
            -- layer's d loss / d w{l} and d loss / d b{l} are summed from (nn_dense_gradient_sums)
            select
                {{ neural_net.nn_any_value('iteration') }} + 1 as iteration,
{%- for column in carry + state %}
                {{ neural_net.nn_any_value(column) }} as {{ column }},
{%- endfor %}
{%- for alias, expression in neural_net.nn_step_measures(spec) + sums %}
                {{ expression }} as {{ alias }},
{%- endfor %}
                {{ neural_net.nn_fit_row_count(spec) }} as fit_rows
            from (
                {{ ns.sql | indent(16) }}
            ) as rows_scored
            -- an aggregate over no rows still yields a row; this ends the block instead
            having count(*) > 0

        ) as totals

    ) as totals

) as gradients

) as step
{%- if recursive %}
where {{ neural_net.nn_state_is_finite(spec, dims, 'arrays') }}
{%- endif %}
{%- endmacro -%}

{#- (alias, SQL) of g_w{l} and g_b{l}: the mean gradient (nn_mean_gradient's math), element by element, from the
    sums over the rows (`weight_sums`, `bias_sums`: a list of SQL, layer 1 first), over `fit_rows` rows, with L2
    on the weights of `parameters` (a relation holding w{l}). -#}
{%- macro nn_mean_gradient_lists(spec, dims, weight_sums, bias_sums, fit_rows, parameters) -%}
    {%- set columns = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- do columns.append(('g_w' ~ layer, neural_net.nn_list_transform(weight_sums[layer - 1], "weight_sum, position",
            "weight_sum / " ~ fit_rows ~ " + " ~ neural_net.nn_float(spec.reg) ~ " * " ~ neural_net.nn_list_at(parameters ~ ".w" ~ layer, "position")))) -%}
        {%- do columns.append(('g_b' ~ layer, neural_net.nn_list_transform(bias_sums[layer - 1], "bias_sum", "bias_sum / " ~ fit_rows))) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- "<SQL> as <array>" of the next state's arrays: the optimizer's update (macros/optimizers) of each element,
    from the elements at the same position of the array, its gradient g_<array> and its state (m_<array>, v_<array>;
    nn_lists_transform). -#}
{%- macro nn_step_lists(spec, dims) -%}
    {%- set kinds = neural_net.nn_optimizer_state(spec.optimizer) -%}
    {%- set columns = {} -%}
    {%- for array in neural_net.nn_parameter_arrays(dims) -%}
        {%- set read, previous = [array, 'g_' ~ array], {} -%}
        {%- for kind in kinds -%}
            {%- do read.append(kind ~ '_' ~ array) -%}
            {%- do previous.update({kind: '{' ~ kind ~ '_' ~ array ~ '}'}) -%}
        {%- endfor -%}
        {%- for output, update in neural_net.nn_optimizer_update(spec, {'name': array}, '{' ~ array ~ '}', '{g_' ~ array ~ '}', previous).items() -%}
            {%- do columns.update({output: neural_net.nn_lists_transform(read, update) ~ " as " ~ output}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set ordered = [] -%}
    {%- for array in neural_net.nn_state_arrays(spec, dims) -%}{%- do ordered.append(columns[array]) -%}{%- endfor -%}
    {{ return(ordered) }}
{%- endmacro -%}

{#- `template` ({} for the layer) for each layer, layer 1 first -#}
{%- macro nn_layer_sums(dims, template) -%}
    {%- set sums = [] -%}
    {%- for layer in range(1, dims | length) -%}{%- do sums.append(template.replace('{}', layer | string)) -%}{%- endfor -%}
    {{ return(sums) }}
{%- endmacro -%}

{#- sum of the squares of each layer's weights, for the L2 term -#}
{%- macro nn_squared_weight_sums(dims, relation) -%}
    {%- set sums = [] -%}
    {%- for layer in range(1, dims | length) -%}{%- do sums.append(neural_net.nn_list_dot(relation ~ ".w" ~ layer, relation ~ ".w" ~ layer)) -%}{%- endfor -%}
    {{ return(sums) }}
{%- endmacro -%}
