{#- An ARRAY of training states (structs), for engines whose block is an unrolled chain of iterations
    (nn_training_block): the history of the block rides along the chain in one column, so that every iteration
    is read exactly once, by the next one, and the block's result is read from the last iteration alone.

    nn_state_struct(columns)          one state as a struct with these fields
    nn_state_array(struct)            an array holding one state
    nn_state_array_append(array, s)   the array with one more state
    nn_state_array_rows(relation, a, columns)
                                      a SELECT of one row per state in column `a` of the one-row relation
    The SQL standard has no struct with named fields that every engine reads back by name: a new engine
    provides nn_state_struct and nn_state_array_rows (nn_unsupported). -#}

{%- macro nn_state_struct(columns) -%}{{ return(adapter.dispatch('nn_state_struct', 'neural_net')(columns)) }}{%- endmacro -%}
{%- macro default__nn_state_struct(columns) -%}{{ neural_net.nn_unsupported('nn_state_struct') }}{%- endmacro -%}
{%- macro bigquery__nn_state_struct(columns) -%}
    struct(
    {%- for column in columns %}
        {{ column }} as {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
    )
{%- endmacro -%}
{%- macro spark__nn_state_struct(columns) -%}
    named_struct(
    {%- for column in columns %}
        '{{ column }}', {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
    )
{%- endmacro -%}

{%- macro nn_state_array(state) -%}{{ return(neural_net.nn_array([state])) }}{%- endmacro -%}

{%- macro nn_state_array_append(array, state) -%}{{ return(adapter.dispatch('nn_state_array_append', 'neural_net')(array, state)) }}{%- endmacro -%}
{%- macro default__nn_state_array_append(array, state) -%}({{ array }} || {{ neural_net.nn_state_array(state) }}){%- endmacro -%}
{%- macro bigquery__nn_state_array_append(array, state) -%}array_concat({{ array }}, {{ neural_net.nn_state_array(state) }}){%- endmacro -%}
{%- macro spark__nn_state_array_append(array, state) -%}concat({{ array }}, {{ neural_net.nn_state_array(state) }}){%- endmacro -%}

{%- macro nn_state_array_rows(relation, array, columns) -%}{{ return(adapter.dispatch('nn_state_array_rows', 'neural_net')(relation, array, columns)) }}{%- endmacro -%}
{%- macro default__nn_state_array_rows(relation, array, columns) -%}{{ neural_net.nn_unsupported('nn_state_array_rows') }}{%- endmacro -%}
{%- macro spark__nn_state_array_rows(relation, array, columns) -%}
select state.*
from (select explode({{ array }}) as state from {{ relation }}) as states
{%- endmacro -%}
{%- macro bigquery__nn_state_array_rows(relation, array, columns) -%}
{#- the fields by name: the BigQuery emulator cannot expand state.* once a field is an ARRAY(SELECT ...) -#}
select
{%- for column in columns %}
    state.{{ column }}{{ "," if not loop.last }}
{%- endfor %}
from {{ relation }}
cross join unnest({{ relation }}.{{ array }}) as state
{%- endmacro -%}
