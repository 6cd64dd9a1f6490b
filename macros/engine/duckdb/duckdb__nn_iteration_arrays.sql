{#- One iteration in the arrays layout on DuckDB: the recursive term of the block (duckdb__nn_training_block),
    in named steps:

      parameters     the previous state, read once (MATERIALIZED), with its sum of squared weights
      layer_weights_{l}
                     layer l's weights as the passes read them, reshaped by unnest and GROUP BY:
                     unit_weights_{l} (each unit's incoming weights) and input_weights_{l} (each input's
                     outgoing weights, for the backward pass)
      rows_scored    per training row (MATERIALIZED, nn_backward_arrays): the forward pass (nn_forward_arrays),
                     the row's loss and the deltas of every layer, output to input:
                       dz{L}  = d loss / d score                        (softmax: probability - one_hot(label))
                       dz{l}  = [(dz{l+1} . input_weights_{l+1}[i]) act'(h{l}[i]) for each unit i of layer l]
      activation_columns_{l}, delta_columns_{l}
                     h{l} and dz{l} as columns: per unit, its values over the rows in row_id order (nn_columns_of_lists);
                     in full batch the inputs' columns, activation_columns_0, are the block's
                     training_input_columns (duckdb__nn_training_block), computed once
      layer_gradient_{l}
                     the sums over the rows of d loss / d w{l}[j, i] = h{l-1}[i] dz{l}[j]: one dot product of
                     two columns per weight, in w{l}'s order; and of d loss / d b{l}[j] = dz{l}[j]
      totals         loss, accuracy and early stopping's columns of the step, as in nn_iteration
      gradients      g = sum / rows + reg w (nn_mean_gradient's math), element by element
    and the optimizer's update, element by element (macros/optimizers, with p = w{l}[k]). A step whose loss or
    parameters are not finite yields no row: the recursion ends there, as in nn_iteration. -#}
{%- macro duckdb__nn_iteration_arrays(spec, dims, preprocessing, previous, training_rows, stop_at, carry, recursive, block_batches) -%}
    {%- if carry or not recursive -%}
        {{ neural_net.nn_fail("internal: on DuckDB the arrays layout's iteration is the recursive block's") }}
    {%- endif -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set batches = neural_net.nn_batches(spec.batch_size, preprocessing.get('training_rows')) -%}
    {%- set scalars = ['iteration', 'sum_squared_weights'] + neural_net.nn_early_stopping_columns(spec) -%}

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
{{ neural_net.nn_step_rows_where(spec, batches, block_batches) }}
    {%- endset -%}
    {%- set ns.sql = neural_net.nn_backward_arrays(spec, dims, preprocessing, ns.sql) -%}
    {%- set kept = scalars + ['row_id', 'label', 'row_loss'] + (['predicted_class'] if spec.task != 'regression' else []) + (['is_validation'] if spec.early_stopping else []) -%}
    {%- for layer in range(1, output_layer + 1) -%}{%- do kept.extend(['h' ~ (layer - 1), neural_net.nn_delta_list(layer)]) -%}{%- endfor -%}
    {%- set state = neural_net.nn_state_arrays(spec, dims) -%}
with parameters as materialized (

    -- the previous state, read once
    {{ neural_net.nn_previous_state(spec, previous, stop_at, true, [neural_net.nn_balanced(neural_net.nn_squared_weight_sums(dims, 'previous'), "+") ~ " as sum_squared_weights"]) | indent(4) }}

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
{%- for kind, values in ([('activation', 'h' ~ layer)] if layer < output_layer else []) + ([('delta', neural_net.nn_delta_list(layer))] if layer > 0 else []) %}

{{ kind }}_columns_{{ layer }} as (

    -- {{ values }} as columns: per unit of layer {{ layer }}, its values over the rows (in row_id order)
    {%- if layer == 0 and batches is none %}
    select * from training_input_columns
    {%- else %}
    {{ neural_net.nn_columns_of_lists(values, 'rows_scored') | indent(4) }}
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
        {{ neural_net.nn_any_value('iteration') }} + 1 as iteration,
{%- for alias, expression in neural_net.nn_step_measures(spec) %}
        {{ expression }} as {{ alias }},
{%- endfor %}
        {{ neural_net.nn_fit_row_count(spec) }} as fit_rows
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
{%- for alias, expression in neural_net.nn_mean_gradient_lists(spec, dims, neural_net.nn_layer_sums(dims, 'layer_{}.weight_sums'), neural_net.nn_layer_sums(dims, 'layer_{}.bias_sums'), 'totals.fit_rows', 'parameters') %}
        {{ expression }} as {{ alias }}{{ "," if not loop.last }}
{%- endfor %}
    from totals
    cross join parameters
{%- for layer in range(1, output_layer + 1) %}
    cross join layer_gradient_{{ layer }} as layer_{{ layer }}
{%- endfor %}

),

step as (

    -- the optimizer's step, element by element (macros/optimizers)
    select
        {{ (['iteration', 'loss', 'train_accuracy'] + neural_net.nn_step_lists(spec, dims) + neural_net.nn_early_stopping_columns(spec)) | join(",\n        ") }}
    from gradients

)

select * from step
-- a step that overflowed ends the recursion: the history never holds a non-finite row
where {{ neural_net.nn_state_is_finite(spec, dims, 'arrays') }}
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
