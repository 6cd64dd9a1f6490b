{#- One iteration of gradient descent in the arrays layout (nn_layout; DuckDB): the same math as nn_iteration,
    with each layer's activations, deltas and parameters held as lists, so that the SQL grows with the widest
    layer instead of with the number of parameters. The recursive term of the block (nn_training_block), in
    named steps:

      parameters     the previous state, read once (MATERIALIZED), with its sum of squared weights
      layer_weights_{l}
                     layer l's weights as the passes read them, reshaped by unnest and GROUP BY:
                     unit_weights_{l} (each unit's incoming weights) and input_weights_{l} (each input's
                     outgoing weights, for the backward pass)
      rows_scored    per training row (MATERIALIZED): the forward pass (nn_forward_arrays), the row's loss and
                     the deltas of every layer, output to input:
                       dz{L}  = d loss / d score                        (softmax: probability - one_hot(label))
                       dz{l}  = [(dz{l+1} . input_weights_{l+1}[i]) act'(h{l}[i]) for each unit i of layer l]
      activation_columns_{l}, delta_columns_{l}
                     h{l} and dz{l} as columns: per unit, its values over the rows in row_id order (nn_columns_of_lists);
                     in full batch the inputs' columns, activation_columns_0, are the block's
                     training_input_columns (nn_training_block), computed once
      layer_gradient_{l}
                     the sums over the rows of d loss / d w{l}[j, i] = h{l-1}[i] dz{l}[j]: one dot product of
                     two columns per weight, in w{l}'s order; and of d loss / d b{l}[j] = dz{l}[j]
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
    {%- set ns.sql -%}
select
    training_rows.*,
    parameters.{{ scalars | join(",\n    parameters.") }},
{%- for layer in range(1, output_layer + 1) %}
    layer_weights_{{ layer }}.unit_weights_{{ layer }},
    {%- if layer > 1 %}
    layer_weights_{{ layer }}.input_weights_{{ layer }},
    {%- endif %}
    parameters.b{{ layer }}{{ "," if not loop.last }}
{%- endfor %}
from {{ training_rows }} as training_rows
cross join parameters
{%- for layer in range(1, output_layer + 1) %}
cross join layer_weights_{{ layer }}
{%- endfor %}
{%- if batches is not none %}
where {{ "training_rows.is_validation or " if spec.early_stopping }}{{ nn_in_batch(batches, 'training_rows.row_index', 'parameters.iteration') }}
{%- endif %}
    {%- endset -%}
    {%- set ns.sql = nn_forward_arrays(spec, dims, ns.sql, inputs_as_list=true) -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "backward, output layer: d loss / d score" ~ (" = 2 (score - target)" if spec.task == 'regression' else " = probability - one_hot(label)"),
                                    [('row_loss', row_loss), (nn_delta_list(output_layer), output_delta)], "output_deltas") -%}
    {%- for layer in range(output_layer - 1, 0, -1) -%}
        {%- set ns.sql = nn_add_columns(ns.sql, "backward, hidden layer " ~ layer ~ ": d loss / d pre-activation, one element per unit", [(nn_delta_list(layer),
            "list_transform(input_weights_" ~ (layer + 1) ~ ", lambda outgoing, unit: list_inner_product(" ~ nn_delta_list(layer + 1) ~ ", outgoing) * "
            ~ nn_activation_backward(spec.activation, "h" ~ layer ~ "[unit]") ~ ")")], "deltas_" ~ layer) -%}
    {%- endfor -%}
    {%- set kept = scalars + ['row_id', 'label', 'row_loss'] + (['predicted_class'] if spec.task != 'regression' else []) + (['is_validation'] if spec.early_stopping else []) -%}
    {%- for layer in range(1, output_layer + 1) -%}{%- do kept.extend(['h' ~ (layer - 1), nn_delta_list(layer)]) -%}{%- endfor -%}
    {%- set state = nn_state_arrays(spec, dims) -%}
with parameters as materialized (

    -- the previous state, read once
    select
        previous.*,
        {{ nn_balanced(nn_squared_weight_sums(dims, 'previous'), "+") }} as sum_squared_weights
    from {{ previous }} as previous
    where iteration < {{ stop_at }}
    {%- if spec.early_stopping %}
        and {{ nn_still_training(spec) }}
    {%- endif %}

),
{%- for layer in range(1, output_layer + 1) %}
{%- set fan_in = dims[layer - 1] %}

weights_{{ layer }} as (

    -- layer {{ layer }}'s weights one per row: w{{ layer }} holds the {{ fan_in }} incoming weights of unit j from position j * {{ fan_in }}
    select unnest(w{{ layer }}) as weight, generate_subscripts(w{{ layer }}, 1) - 1 as position
    from parameters

),

layer_weights_{{ layer }} as (

    -- as the passes read them: per unit its incoming weights (forward), per input its outgoing ones (backward)
    select
        (
            select list(incoming order by unit)
            from (
                select position // {{ fan_in }} as unit, list(weight order by position) as incoming
                from weights_{{ layer }}
                group by position // {{ fan_in }}
            ) as units
        ) as unit_weights_{{ layer }},
        (
            select list(outgoing order by input)
            from (
                select position % {{ fan_in }} as input, list(weight order by position) as outgoing
                from weights_{{ layer }}
                group by position % {{ fan_in }}
            ) as inputs
        ) as input_weights_{{ layer }}

),
{%- endfor %}

rows_scored as materialized (

    -- every training row of the step: forward pass, loss, and each layer's deltas; row_id pairs them up below
    select
        {{ kept | join(",\n        ") }}
    from (
        {{ ns.sql | indent(8) }}
    ) as backward

),
{%- for layer in range(output_layer + 1) %}
{%- for kind, values in ([('activation', 'h' ~ layer)] if layer < output_layer else []) + ([('delta', nn_delta_list(layer))] if layer > 0 else []) %}

{{ kind }}_columns_{{ layer }} as (

    -- {{ values }} as columns: per unit of layer {{ layer }}, its values over the rows (in row_id order)
    {%- if layer == 0 and batches is none %}
    select * from training_input_columns
    {%- else %}
    {{ nn_columns_of_lists(values, 'rows_scored') | indent(4) }}
    {%- endif %}

),
{%- endfor %}
{%- endfor %}
{%- for layer in range(1, output_layer + 1) %}

layer_gradient_{{ layer }} as (

    -- the sums over the rows of d loss / d w{{ layer }}[unit j, input i] = h{{ layer - 1 }}[i] dz{{ layer }}[j]: one dot product of two
    -- columns per weight, in w{{ layer }}'s order; and of d loss / d b{{ layer }}[j] = dz{{ layer }}[j]
    select
        (
            select list(list_inner_product(inputs.column_values, deltas.column_values) order by deltas.unit, inputs.unit)
            from activation_columns_{{ layer - 1 }} as inputs
            cross join delta_columns_{{ layer }} as deltas
        ) as weight_sums,
        (select list(list_sum(column_values) order by unit) from delta_columns_{{ layer }}) as bias_sums

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
    cross join layer_gradient_{{ layer }} as layer_{{ layer }}
{%- endfor %}

),

step as (

    -- the optimizer's step, element by element (macros/optimizers)
    {%- set updates = {} -%}
    {%- for array in nn_parameter_arrays(dims) -%}
        {%- do updates.update(nn_optimizer_update(spec, {'name': array ~ '[k]'}, array ~ '[k]', 'g_' ~ array ~ '[k]')) -%}
    {%- endfor -%}
    {%- set columns = ['iteration', 'loss', 'train_accuracy'] -%}
    {%- for array in state -%}
        {#- over the array itself, whose element the update reads as array[k] (faster than over a range) -#}
        {%- do columns.append("list_transform(" ~ array ~ ", lambda element, k: " ~ updates[array ~ '[k]'] ~ ") as " ~ array) -%}
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

{#- A list per row, as columns: per position (unit) of the list, its values over the rows in row_id order. -#}
{%- macro nn_columns_of_lists(values, rows) -%}
select unit, list(value order by row_id) as column_values
from (
    select row_id, unnest({{ values }}) as value, generate_subscripts({{ values }}, 1) as unit
    from {{ rows }}
) as unit_rows
group by unit
{%- endmacro -%}

{#- the per-row list of layer l's deltas -#}
{%- macro nn_delta_list(layer) -%}dz{{ layer }}{%- endmacro -%}

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
