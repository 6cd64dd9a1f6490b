{#- One iteration of gradient descent in the arrays layout (nn_layout; DuckDB): the same math as nn_iteration,
    with each layer's activations, deltas and parameters held as lists, so that the SQL grows with the widest
    layer instead of with the number of parameters. The recursive term of the block (nn_training_block), in
    named steps:

      parameters     the previous state, read once (MATERIALIZED), with each layer's weights as the passes
                     read them: unit_weights_{l} (a list of each unit's incoming weights, nn_layer_arrays) and
                     input_weights_{l} (each input's outgoing weights, for the backward pass)
      rows_scored    per training row (MATERIALIZED): the forward pass (nn_forward_arrays), the row's loss and
                     the deltas of every layer, output to input:
                       dz{L}  = d loss / d score                        (softmax: probability - one_hot(label))
                       dz{l}  = [(dz{l+1} . input_weights_{l+1}[i]) act'(h{l}[i]) for each unit i of layer l]
      layer_{l}      d loss / d w{l}: one GROUP BY over (row, unit j of layer l) with one sum(h{l-1}[i] dz{l}[j])
                     per input i, so one row per unit holding its incoming weights' gradient sums
      totals         loss, accuracy and early stopping's columns of the step, as in nn_iteration
      gradients      g = sum / rows + reg w (nn_mean_gradient's math), element by element
    and the optimizer's update, element by element (macros/optimizers, with p = w{l}[k]). A step whose loss or
    parameters are not finite yields no row: the recursion ends there, as in nn_iteration. -#}
{%- macro nn_iteration_arrays(spec, dims, preprocessing, previous, training_rows, stop_at) -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set weighted = preprocessing.get('class_weights') is not none -%}
    {%- set batches = nn_batches(spec.batch_size, preprocessing.get('training_rows')) -%}
    {%- set scalars = ['iteration', 'sum_squared_weights'] + nn_early_stopping_columns(spec) -%}

    {#- the row's part of the loss and of the output deltas, weighed and masked as in nn_iteration -#}
    {%- if spec.task == 'regression' -%}
        {%- set row_loss = nn_squared_error() | replace('score_0', 'scores[1]') -%}
        {%- set output_delta = "[" ~ nn_float(2) ~ " * (scores[1] - target)]" -%}
        {%- set output_delta_of = none -%}
    {%- else -%}
        {%- set row_loss = "log_sum_exp - scores[label + 1]" -%}
        {%- set output_delta_of = "probability - (case when label = class - 1 then 1 else 0 end)" -%}
    {%- endif -%}
    {%- if weighted -%}
        {%- set row_loss = "row_weight * (" ~ row_loss ~ ")" -%}
        {%- if output_delta_of -%}{%- set output_delta_of = "row_weight * (" ~ output_delta_of ~ ")" -%}
        {%- else -%}{%- set output_delta = "[row_weight * (" ~ nn_float(2) ~ " * (scores[1] - target))]" -%}{%- endif -%}
    {%- endif -%}
    {%- if output_delta_of -%}
        {%- if spec.early_stopping -%}{%- set output_delta_of = "case when is_validation then " ~ nn_float(0) ~ " else " ~ output_delta_of ~ " end" -%}{%- endif -%}
        {%- set output_delta = "list_transform(probabilities, lambda probability, class: " ~ output_delta_of ~ ")" -%}
    {%- elif spec.early_stopping -%}
        {%- set output_delta = "case when is_validation then [" ~ nn_float(0) ~ "] else " ~ output_delta ~ " end" -%}
    {%- endif -%}

    {%- set ns = namespace(sql=none) -%}
    {%- set read = scalars[:] -%}
    {%- for layer in range(1, output_layer + 1) -%}{%- do read.extend(['unit_weights_' ~ layer, 'b' ~ layer]) -%}{%- endfor -%}
    {%- for layer in range(2, output_layer + 1) -%}{%- do read.append('input_weights_' ~ layer) -%}{%- endfor -%}
    {%- set ns.sql -%}
select
    training_rows.*,
    parameters.{{ read | join(",\n    parameters.") }}
from {{ training_rows }} as training_rows
cross join parameters
{%- if batches is not none %}
where {{ "training_rows.is_validation or " if spec.early_stopping }}{{ nn_in_batch(batches, 'training_rows.row_index', 'parameters.iteration') }}
{%- endif %}
    {%- endset -%}
    {%- set ns.sql = nn_forward_arrays(spec, dims, ns.sql) -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "backward, output layer: d loss / d score" ~ (" = 2 (score - target)" if spec.task == 'regression' else " = probability - one_hot(label)"),
                                    [('row_loss', row_loss), (nn_delta_list(output_layer), output_delta)], "output_deltas") -%}
    {%- for layer in range(output_layer - 1, 0, -1) -%}
        {%- set ns.sql = nn_add_columns(ns.sql, "backward, hidden layer " ~ layer ~ ": d loss / d pre-activation, one element per unit", [(nn_delta_list(layer),
            "list_transform(input_weights_" ~ (layer + 1) ~ ", lambda outgoing, unit: list_inner_product(" ~ nn_delta_list(layer + 1) ~ ", outgoing) * "
            ~ nn_activation_backward(spec.activation, "h" ~ layer ~ "[unit]") ~ ")")], "deltas_" ~ layer) -%}
    {%- endfor -%}
    {%- set kept = scalars + ['label', 'row_loss'] + (['predicted_class'] if spec.task != 'regression' else []) + (['is_validation'] if spec.early_stopping else []) -%}
    {%- for layer in range(1, output_layer + 1) -%}{%- do kept.extend(['h' ~ (layer - 1), nn_delta_list(layer)]) -%}{%- endfor -%}
    {%- set state = nn_state_arrays(spec, dims) -%}
with parameters as materialized (

    -- the previous state, read once, with each layer's weights per unit and per input
    {%- set weights = [nn_balanced(nn_squared_weight_sums(dims, 'previous'), "+") ~ " as sum_squared_weights"] -%}
    {%- for alias, expression in nn_layer_arrays(dims, 'previous') if alias.startswith('unit_weights_') -%}{%- do weights.append(expression ~ " as " ~ alias) -%}{%- endfor -%}
    {%- for layer in range(2, output_layer + 1) -%}
        {%- do weights.append("list_transform(range(" ~ dims[layer - 1] ~ "), lambda input: list_transform(range(" ~ dims[layer] ~ "), lambda unit: previous.w"
                              ~ layer ~ "[unit * " ~ dims[layer - 1] ~ " + input + 1])) as input_weights_" ~ layer) -%}
    {%- endfor %}
    select
        previous.*,
        {{ weights | join(",\n        ") }}
    from {{ previous }} as previous
    where iteration < {{ stop_at }}
    {%- if spec.early_stopping %}
        and {{ nn_still_training(spec) }}
    {%- endif %}

),

rows_scored as materialized (

    -- every training row of the step: forward pass, loss, and each layer's deltas
    select
        {{ kept | join(",\n        ") }}
    from (
        {{ ns.sql | indent(8) }}
    ) as backward

),
{%- for layer in range(1, output_layer + 1) %}

layer_{{ layer }} as (

    -- d loss / d w{{ layer }}, summed over the rows: a row per (training row, unit of layer {{ layer }}), grouped by unit
    select
        unit,
        {{ nn_array(nn_input_gradient_sums(dims[layer - 1])) | indent(8) }} as weight_sums,
        sum(delta) as bias_sum
    from (
        select
            h{{ layer - 1 }} as inputs,
            unnest({{ nn_delta_list(layer) }}) as delta,
            generate_subscripts({{ nn_delta_list(layer) }}, 1) as unit
        from rows_scored
    ) as unit_rows
    group by unit

),
{%- endfor %}

totals as (

    -- the step's loss (of the previous parameters), accuracy, and early stopping's columns
    select
        any_value(iteration) + 1 as iteration,
        avg({{ nn_on_fit_rows(spec, 'row_loss') }}) + {{ nn_l2_penalty(spec.reg, 'sum_squared_weights') }} as loss,
        {{ ("cast(null as " ~ nn_float_type() ~ ")") if spec.task == 'regression' else "avg(" ~ nn_on_fit_rows(spec, "case when predicted_class = label then " ~ nn_float(1) ~ " else " ~ nn_float(0) ~ " end") ~ ")" }} as train_accuracy,
{%- for alias, expression in nn_early_stopping_aggregates(spec, nn_l2_penalty(spec.reg, 'sum_squared_weights')) %}
        {{ expression }} as {{ alias }},
{%- endfor %}
        {{ nn_fit_row_count(spec) }} as fit_rows
    from rows_scored
    -- an aggregate over no rows still yields a row; this ends the recursion instead
    having count(*) > 0

),

gradients as (

    -- g = mean over the rows of d loss / d p, plus reg p for a weight (nn_mean_gradient), element by element
    select
        totals.*,
{%- for array in state %}
        parameters.{{ array }},
{%- endfor %}
{%- for layer in range(1, output_layer + 1) %}
        list_transform(layer_{{ layer }}.weight_sums, lambda weight_sum, position: weight_sum / totals.fit_rows + {{ nn_float(spec.reg) }} * parameters.w{{ layer }}[position]) as g_w{{ layer }},
        list_transform(layer_{{ layer }}.bias_sums, lambda bias_sum: bias_sum / totals.fit_rows) as g_b{{ layer }}{{ "," if not loop.last }}
{%- endfor %}
    from totals
    cross join parameters
{%- for layer in range(1, output_layer + 1) %}
    cross join (
        select flatten(list(weight_sums order by unit)) as weight_sums, list(bias_sum order by unit) as bias_sums
        from layer_{{ layer }}
    ) as layer_{{ layer }}
{%- endfor %}

),

step as (

    -- the optimizer's step, element by element (macros/optimizers)
    {%- set sizes = nn_array_sizes(dims) -%}
    {%- set updates = {} -%}
    {%- for array in nn_parameter_arrays(dims) -%}
        {%- do updates.update(nn_optimizer_update(spec, {'name': array ~ '[k]'}, array ~ '[k]', 'g_' ~ array ~ '[k]')) -%}
    {%- endfor -%}
    {%- set columns = ['iteration', 'loss', 'train_accuracy'] -%}
    {%- for array in state -%}
        {%- do columns.append("list_transform(range(1, " ~ (sizes[array.split('_')[-1]] + 1) ~ "), lambda k: " ~ updates[array ~ '[k]'] ~ ") as " ~ array) -%}
    {%- endfor -%}
    {%- do columns.extend(nn_early_stopping_columns(spec)) %}
    select
        {{ columns | join(",\n        ") }}
    from gradients

)

select * from step
-- a step that overflowed ends the recursion: the history never holds a non-finite row
where {{ nn_state_arrays_are_finite(spec, dims) }}
{%- endmacro -%}

{#- the per-row list of layer l's deltas -#}
{%- macro nn_delta_list(layer) -%}dz{{ layer }}{%- endmacro -%}

{#- sum(inputs[i] * delta) for each input i: one unit's incoming weights' gradient sums -#}
{%- macro nn_input_gradient_sums(fan_in) -%}
    {%- set sums = [] -%}
    {%- for i in range(fan_in) -%}{%- do sums.append("sum(inputs[" ~ (i + 1) ~ "] * delta)") -%}{%- endfor -%}
    {{ return(sums) }}
{%- endmacro -%}

{#- sum of the squares of each layer's weights, for the L2 term -#}
{%- macro nn_squared_weight_sums(dims, relation) -%}
    {%- set sums = [] -%}
    {%- for layer in range(1, dims | length) -%}{%- do sums.append("list_inner_product(" ~ relation ~ ".w" ~ layer ~ ", " ~ relation ~ ".w" ~ layer ~ ")") -%}{%- endfor -%}
    {{ return(sums) }}
{%- endmacro -%}

{#- True when the loss (and validation loss) and every parameter of the arrays are finite. -#}
{%- macro nn_state_arrays_are_finite(spec, dims) -%}
    {%- set checks = [nn_is_finite('loss')] + ([nn_is_finite('validation_loss')] if spec.early_stopping else []) -%}
    {%- for array in nn_parameter_arrays(dims) -%}
        {%- do checks.append("list_bool_and(list_transform(" ~ array ~ ", lambda value: " ~ nn_is_finite('value') ~ "))") -%}
    {%- endfor -%}
    {{ checks | join(" and ") }}
{%- endmacro -%}
