{#- One iteration of gradient descent, as one SELECT that yields one row: the next state. Full batch, or the
    step's mini-batch with batch_size (nn_batches).

    preprocessing  the fitted preprocessing (nn_preprocessing): its class_weights decide whether rows weigh
    previous  a relation (or CTE name) holding states; the one with iteration < stop_at is stepped from.
              It is referenced exactly once.
    training_rows
              a relation (or CTE name) holding the training rows as nn_training_rows selects them: the network's
              inputs h0_*, label, and target or row_weight where the task or class_weight needs them.
    carry     columns of `previous` passed through unchanged (the chained block carries its history so).
    block_batches
              true: training_rows holds the block's batches (nn_block_batch_rows), each row tagged with its step.
    recursive true: where the block must end, the step yields no row (the recursive block stops there): a
              step whose loss or parameters are not finite, a state early stopping stopped at. The chained
              block passes false: the step then has one more column, is_finite (nn_state_is_finite), and
              nn_training keeps no row past an early stop (nn_stopped_iteration).

    The pieces (CS231n's case study), each in its own file:
      forward    nn_forward: dense layers (nn_dense_layer), activations, the head: softmax
                 (nn_softmax_cross_entropy) or, for a regression, the linear output (nn_squared_error)
      backward   dz{L+1}_c = d loss / d score_c                             nn_head, as both layouts write it
                 dz{l}_j   = (d loss / d h{l}_j) act'(h{l}_j)              nn_dense_backward, output to input
      gradient   mean over the rows, with L2 weight decay                   nn_mean_gradient
      update     the optimizer's step, and its state                        macros/optimizers
    The loss and accuracy reported on the new row are those of the PREVIOUS parameters: the forward pass of
    this iteration measures them on its way to the gradient.

    This is the columns layout; in the arrays layout (nn_layout) the same math is nn_iteration_arrays.
-#}
{%- macro nn_iteration(spec, dims, preprocessing, previous, training_rows, stop_at, carry=[], recursive=true, block_batches=false) -%}
    {%- if neural_net.nn_layout(spec, dims) == 'arrays' -%}
        {{ return(neural_net.nn_iteration_arrays(spec, dims, preprocessing, previous, training_rows, stop_at, carry, recursive, block_batches)) }}
    {%- endif -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set n_classes = dims[output_layer] -%}
    {%- set batches = neural_net.nn_batches(spec.batch_size, preprocessing.get('training_rows')) -%}

    {#- The previous state, with its squared-weight sum for the L2 term, crossed with every training row (or with
        the rows of this step's mini-batch). -#}
    {%- set ns = namespace(sql=None) -%}
    {%- set ns.sql -%}
select
    parameters.*,
    training_rows.*
from {{ training_rows }} as training_rows
cross join (
    select
        *,
        {{ neural_net.nn_sum_squared_weights(dims) | indent(8) }} as sum_squared_weights
    from (
        -- the state's arrays, one column per element (nn_unpack_state)
        {{ neural_net.nn_previous_state(spec, previous, stop_at, recursive, neural_net.nn_unpack_state(spec, dims, 'previous')) | indent(8) }}
    ) as previous_state
) as parameters
{{ neural_net.nn_step_rows_where(spec, batches, block_batches) }}
    {%- endset -%}

    {%- set ns.sql = neural_net.nn_forward(spec, dims, ns.sql) -%}

    {#- Backward pass, output to input: the head's loss and deltas (nn_head), a column per class -#}
    {%- set columns = [] -%}
    {%- for c in range(n_classes) -%}
        {%- set head = neural_net.nn_head(spec, preprocessing, {'score': neural_net.nn_score(0), 'score_at_label': neural_net.nn_at_label(n_classes, 'score_'),
                                                                'probability': neural_net.nn_probability(c), 'class_number': c}) -%}
        {%- if loop.first -%}{%- do columns.append(('row_loss', head.row_loss)) -%}{%- endif -%}
        {%- do columns.append((neural_net.nn_delta(output_layer, c), head.output_delta)) -%}
    {%- endfor -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "backward, output layer: d loss / d score" ~ (" = 2 (score - target)" if spec.task == 'regression' else " = probability - one_hot(label)"), columns, "output_deltas") -%}
    {%- for layer in range(output_layer - 1, 0, -1) -%}
        {%- set columns = [] -%}
        {%- for j in range(dims[layer]) -%}
            {%- do columns.append((neural_net.nn_delta(layer, j), "(\n    " ~ neural_net.nn_dense_backward(dims, layer + 1, j) | indent(4) ~ "\n) * " ~ neural_net.nn_activation_backward(spec.activation, neural_net.nn_unit(layer, j)))) -%}
        {%- endfor -%}
        {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "backward, hidden layer " ~ layer ~ ": d loss / d pre-activation", columns, "deltas_" ~ layer) -%}
    {%- endfor -%}

    {#- Update: one aggregate over the step's training rows gives the gradient g_p, the optimizer the step. sgd keeps
        no state and uses g_p once, so its step is written inside the aggregate; momentum and Adam read g_p and
        their state several times, so they take it from one level up. -#}
    {%- set state = neural_net.nn_optimizer_state_columns(spec.optimizer, dims) -%}
    {%- set in_one_level = not state -%}
    {%- set aggregates = [] -%}
    {%- for p in neural_net.nn_parameters(dims) -%}
        {%- set gradient = neural_net.nn_mean_gradient(p, neural_net.nn_dense_gradient(p), spec.reg, neural_net.nn_fit_row_count(spec)) -%}
        {%- if in_one_level -%}
            {%- do aggregates.append((p.name, (neural_net.nn_optimizer_update(spec, p, neural_net.nn_any_value(p.name), "(" ~ gradient ~ ")").values() | list)[0])) -%}
        {%- else -%}
            {%- do aggregates.append((p.name, neural_net.nn_any_value(p.name))) -%}
            {%- do aggregates.append(("g_" ~ p.name, gradient)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set ns.sql -%}
select
    {{ neural_net.nn_any_value('iteration') }} + 1 as iteration,
{%- for column in carry + state %}
    {{ neural_net.nn_any_value(column) }} as {{ column }},
{%- endfor %}
{%- for alias, expression in neural_net.nn_step_measures(spec) + aggregates %}
    {{ expression }} as {{ alias }}{{ "," if not loop.last }}
{%- endfor %}
from (
{{ ns.sql | indent(4, first=true) }}
) as gradients
-- an aggregate over no rows still yields a row; this ends the recursion instead
having count(*) > 0
    {%- endset -%}
    {%- if not in_one_level -%}
        {%- set updates = {} -%}
        {%- for p in neural_net.nn_parameters(dims) -%}{%- do updates.update(neural_net.nn_optimizer_update(spec, p, p.name, "g_" ~ p.name)) -%}{%- endfor -%}
        {%- set columns = [] -%}
        {%- for column in neural_net.nn_state_scalars(spec, dims) + neural_net.nn_early_stopping_columns(spec) -%}{%- do columns.append((column, updates.get(column, column))) -%}{%- endfor -%}
        {%- set ns.sql = neural_net.nn_select_columns(ns.sql, ['iteration'] + carry + ['loss', 'train_accuracy'], "the optimizer's step", columns, "gradient") -%}
    {%- endif -%}
    {%- set columns = neural_net.nn_pack_state(spec, dims) -%}
    {%- for column in neural_net.nn_early_stopping_columns(spec) -%}{%- do columns.append((column, column)) -%}{%- endfor -%}
    {%- if not recursive -%}{%- do columns.append(('is_finite', neural_net.nn_state_is_finite(spec, dims, 'columns'))) -%}{%- endif -%}
select
    iteration,
{%- for column in carry %}
    {{ column }},
{%- endfor %}
    loss,
    train_accuracy,
    -- the new state, each array gathered from its elements (nn_pack_state)
{%- for alias, expression in columns %}
    {{ expression | indent(4) }} as {{ alias }}{{ "," if not loop.last }}
{%- endfor %}
from (
{{ ns.sql | indent(4, first=true) }}
) as step
{%- if recursive %}
-- a step that overflowed ends the recursion: the history never holds a non-finite row
where {{ neural_net.nn_state_is_finite(spec, dims, 'columns') }}
{%- endif %}
{%- endmacro -%}
