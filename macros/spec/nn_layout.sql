{#- How one iteration's SQL holds the parameters; the stored state is the same arrays either way, so a history
    trained in one layout continues in the other.

    columns   every parameter is a column of the row (nn_iteration): the SQL has a few terms per parameter, so
              its text and planning time grow with the parameter count (at most nn_capability('max_parameters')).
    arrays    a list per layer (nn_iteration_arrays): a unit's pre-activation is one dot product of lists;
              the SQL grows with the widest layer, not with the parameters.
              Its list functions are macros/engine/nn_list.sql and macros/math/nn_dense_lists.sql.
    auto      nn_auto_layout: arrays for a network of more than nn_arrays_from_parameters() parameters,
              and on DuckDB also for one of more than 100 trained on few rows; columns otherwise.
    preprocessing  the fitted preprocessing (nn_preprocessing), where training knows it: its rows per step
              steer DuckDB's auto. Every macro of a block reads the layout nn_training_start resolved with it.
-#}
{%- macro nn_layout(spec, dims, preprocessing=none) -%}
    {%- set layout = spec.get('layout', 'auto') -%}
    {%- set has_arrays = neural_net.nn_capability('max_array_parameters') > 0 -%}
    {%- if layout == 'arrays' and not has_arrays -%}
        {{ neural_net.nn_fail("layout: arrays has no list functions on " ~ target.type ~ " (macros/engine/nn_list.sql); use layout: columns (or auto)") }}
    {%- endif -%}
    {%- if layout == 'auto' -%}
        {%- set rows = neural_net.nn_rows_per_step(spec, preprocessing) -%}
        {%- set layout = neural_net.nn_auto_layout(neural_net.nn_parameter_count(dims), rows) if has_arrays else 'columns' -%}
    {%- endif -%}
    {#- every user of the layout, scoring a trained model too, meets the limit before writing a column per parameter -#}
    {%- set count = neural_net.nn_parameter_count(dims) -%}
    {%- set limit = neural_net.nn_capability('max_parameters') if layout == 'columns' else neural_net.nn_capability('max_array_parameters') -%}
    {%- if count > limit -%}
        {{ neural_net.nn_fail("the network " ~ (dims | join('-')) ~ " has " ~ count ~ " parameters; on " ~ target.type
            ~ " this project trains at most " ~ limit ~ " in the " ~ layout ~ " layout ("
            ~ ("one iteration's SQL has a column per parameter" if layout == 'columns' else "each iteration copies every parameter")
            ~ ", see docs/limits.md)"
            ~ (". layout: arrays trains up to " ~ neural_net.nn_capability('max_array_parameters') if layout == 'columns' and neural_net.nn_capability('max_array_parameters') > count else "")
            ~ ". Use fewer features or smaller hidden layers.") }}
    {%- endif -%}
    {#- nn_predictions selects each example's features beside the network's inputs, each layer's arrays and
        list, the softmax's columns and a score and probability per class, in one SELECT -#}
    {%- set most = neural_net.nn_capability('max_select_columns') -%}
    {%- set columns = (spec.features | length) + dims[0] + 3 * (dims | length - 1) + 2 * dims[-1] + 16 -%}
    {%- if most is not none and columns > most -%}
        {{ neural_net.nn_fail("the network reads " ~ (spec.features | length) ~ " features as " ~ dims[0] ~ " inputs; scoring selects each feature "
            ~ "and each input in one SELECT, and " ~ target.type ~ " takes at most " ~ most ~ " columns in one (about " ~ columns
            ~ " here, see docs/limits.md). Use fewer features, or fewer levels of a categorical one.") }}
    {%- endif -%}
    {{ return(layout) }}
{%- endmacro -%}

{#- What `layout: auto` picks for a network of `parameters` trained on `rows` per step (none: not known, as
    when a trained model is scored). Measured (docs/benchmarks.md, "Columns or arrays for small networks"): the
    defaults' 2-16-2 on 100k rows trains 3.4x faster in columns; 64-32-10 plans for 19 s per block in columns and
    none in arrays. -#}
{%- macro nn_auto_layout(parameters, rows) -%}
    {{ return(adapter.dispatch('nn_auto_layout', 'neural_net')(parameters, rows)) }}
{%- endmacro -%}

{%- macro default__nn_auto_layout(parameters, rows) -%}
    {{ return('arrays' if parameters > neural_net.nn_arrays_from_parameters() else 'columns') }}
{%- endmacro -%}

{#- DuckDB: an iteration in columns costs about 0.03 ms per parameter whatever the rows, up to a few thousand,
    plus up to 0.4 s of planning per block; in arrays it costs about 1 ms plus 5 us per row of the step. So
    arrays also for more than 100 parameters on at most 4 rows per parameter (2026-12-06, ms per iteration,
    columns / arrays: 4-16-3 on 120 rows 3.30 / 1.64, on 800 rows 3.14 / 5.55; 10-16-3 on 320 rows 6.58 /
    2.61; 2-32-2 on 800 rows 4.29 / 7.51; 2-2-2 on 1,600 rows 0.22 / 3.08). -#}
{%- macro duckdb__nn_auto_layout(parameters, rows) -%}
    {%- set few_rows = rows is not none and parameters > 100 and rows <= 4 * parameters -%}
    {{ return('arrays' if parameters > neural_net.nn_arrays_from_parameters() or few_rows else 'columns') }}
{%- endmacro -%}

{%- macro nn_arrays_from_parameters() -%}{{ return(256) }}{%- endmacro -%}

{#- The number of weights and biases of a network of these layer sizes. -#}
{%- macro nn_parameter_count(dims) -%}
    {%- set ns = namespace(count=0) -%}
    {%- for layer in range(1, dims | length) -%}
        {%- set ns.count = ns.count + (dims[layer - 1] + 1) * dims[layer] -%}
    {%- endfor -%}
    {{ return(ns.count) }}
{%- endmacro -%}
