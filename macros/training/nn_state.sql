{#- A training state, as stored: one row per iteration with these columns, in the order the recursion's UNION
    ALL relies on:
      iteration, loss, train_accuracy
      w1, b1, w2, b2, ...          the parameters, an array per layer and kind (nn_parameter_arrays)
      m_w1, ..., v_w1, ...         the optimizer's state, arrays of the same shapes (nn_optimizer_state)
      validation_loss, ...         early stopping's (nn_early_stopping_columns)
    The math of an iteration works on one scalar column per parameter and state element (nn_state_scalars):
    nn_unpack_state spreads the arrays into them, nn_pack_state gathers them back. -#}
{%- macro nn_state_columns(spec, dims) -%}
    {{ return(['iteration', 'loss', 'train_accuracy'] + neural_net.nn_state_arrays(spec, dims) + neural_net.nn_early_stopping_columns(spec)) }}
{%- endmacro -%}

{#- The state's arrays, by name: the parameters', then the optimizer's state kind by kind (m_w1, ...). -#}
{%- macro nn_state_arrays(spec, dims) -%}
    {%- set arrays = neural_net.nn_parameter_arrays(dims) -%}
    {%- set names = arrays[:] -%}
    {%- for kind in neural_net.nn_optimizer_state(spec.optimizer) -%}
        {%- for array in arrays -%}{%- do names.append(kind ~ '_' ~ array) -%}{%- endfor -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro -%}

{#- [(array, [(position, scalar name), ...]), ...] for the parameters, then the optimizer's state. -#}
{%- macro nn_state_layout(spec, dims) -%}
    {%- set layout = neural_net.nn_array_layout(dims) -%}
    {%- for kind in neural_net.nn_optimizer_state(spec.optimizer) -%}
        {%- do layout.extend(neural_net.nn_array_layout(dims, kind ~ '_')) -%}
    {%- endfor -%}
    {{ return(layout) }}
{%- endmacro -%}

{#- The scalar columns of the parameters and the optimizer's state, as the math names them. -#}
{%- macro nn_state_scalars(spec, dims) -%}
    {{ return(neural_net.nn_parameters(dims) | map(attribute='name') | list + neural_net.nn_optimizer_state_columns(spec.optimizer, dims)) }}
{%- endmacro -%}

{#- "<array element> as <scalar>" for every scalar of the state, reading the arrays of `relation` (an alias). -#}
{%- macro nn_unpack_state(spec, dims, relation) -%}
    {{ return(neural_net.nn_unpack(neural_net.nn_state_layout(spec, dims), relation)) }}
{%- endmacro -%}

{#- The same for the arrays of a layout (nn_array_layout: the parameters alone). -#}
{%- macro nn_unpack(layout, relation) -%}
    {%- set columns = [] -%}
    {%- for array, elements in layout -%}
        {%- for position, name in elements -%}
            {%- do columns.append(neural_net.nn_array_element(relation ~ "." ~ array, position) ~ " as " ~ name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- [(array, SQL of the array built from the scalar columns), ...], in the stored order. -#}
{%- macro nn_pack_state(spec, dims) -%}
    {%- set columns = [] -%}
    {%- for array, elements in neural_net.nn_state_layout(spec, dims) -%}
        {%- do columns.append((array, neural_net.nn_array(elements | map(attribute='1') | list))) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- The SELECT of the state a step starts from: the row of `previous` before iteration stop_at, with `columns`
    (SQL) beside its own. A recursive block also ends where early stopping stopped (nn_still_training); the
    chained one keeps no row past it (nn_stopped_iteration). The same for every layout and block form. -#}
{%- macro nn_previous_state(spec, previous, stop_at, recursive, columns) -%}
select
    previous.*,
{%- for column in columns %}
    {{ column }}{{ "," if not loop.last }}
{%- endfor %}
from {{ previous }} as previous
where iteration < {{ stop_at }}
{%- if spec.early_stopping and recursive %}
    and {{ neural_net.nn_still_training(spec) }}
{%- endif %}
{#- computed once, not once per training row it is joined to -#}
{{- neural_net.nn_subquery_fence() }}
{%- endmacro -%}

{#- True when a state's loss (and validation loss) and every parameter are finite: in the columns layout
    (nn_iteration) each parameter's column, in the arrays layout every element of each array. -#}
{%- macro nn_state_is_finite(spec, dims, layout) -%}
    {%- set checks = [neural_net.nn_is_finite('loss')] + ([neural_net.nn_is_finite('validation_loss')] if spec.early_stopping else []) -%}
    {%- if layout == 'columns' -%}
        {%- for p in neural_net.nn_parameters(dims) -%}{%- do checks.append(neural_net.nn_is_finite(p.name)) -%}{%- endfor -%}
    {%- else -%}
        {%- for array in neural_net.nn_parameter_arrays(dims) -%}
            {%- do checks.append(neural_net.nn_list_all(array, 'value', neural_net.nn_is_finite('value'))) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ neural_net.nn_balanced(checks, "and") }}
{%- endmacro -%}
