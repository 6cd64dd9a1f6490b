{#- The rows a training block learns from, as a SELECT: every training row (not held out) of nn_examples as
    the network sees it, computed once per block:
      h0_0, h0_1, ...   the network's inputs, preprocessed (nn_network_inputs); with inputs_as_list, one list h0
                        and row_id, the row's number in example_id order (the arrays layout pairs rows by it)
      label             the class number; a regression's target as it is
      target            a regression: what the output learns, the label standardized (nn_standardized_target)
      row_weight        with class_weight = balanced: the row's weight in the loss and so in the gradient
      row_index         with mini-batches: the row's number, 0 .. N-1 in example_id order (nn_batches); the
                        validation rows are numbered apart
      is_validation     with early_stopping: true for the rows set aside to measure the validation loss
    Each iteration of the block reads these columns as they are. (Recomputing the one-hot inputs in every
    iteration made DuckDB plan a block of the mpg table with 64 inputs for 138 s instead of 8 s.) -#}
{%- macro nn_training_rows(spec, preprocessing, examples, inputs_as_list=false) -%}
    {%- set weights = [] -%}
    {%- for weight in preprocessing.get('class_weights') or [] -%}{%- do weights.append((loop.index0, neural_net.nn_float(weight))) -%}{%- endfor -%}
select
{%- if inputs_as_list %}
    -- the arrays layout (nn_layout): the inputs as one list, h0
    cast({{ neural_net.nn_array(neural_net.nn_network_inputs(preprocessing, 'examples')) | indent(4) }} as {{ neural_net.nn_float_list_type() }}) as h0,
    row_number() over (order by examples.example_id) as row_id,
{%- else %}
{%- for input in neural_net.nn_network_inputs(preprocessing, 'examples') %}
    {{ input }} as {{ neural_net.nn_unit(0, loop.index0) }},
{%- endfor %}
{%- endif %}
{%- if spec.task == 'regression' %}
    {{ neural_net.nn_standardized_target(preprocessing, 'examples.label') }} as target,
{%- endif %}
{%- if weights %}
    {{ neural_net.nn_case_lookup('examples.label', weights) | indent(4) }} as row_weight,
{%- endif %}
{%- if neural_net.nn_batches(spec.batch_size, preprocessing.get('training_rows')) is not none %}
    -- a 64-bit number: the batch shuffle multiplies it by a number up to N (Spark's row_number is 32-bit)
    cast(row_number() over ({{ "partition by examples.is_validation " if spec.early_stopping }}order by examples.example_id) - 1 as {{ dbt.type_bigint() }}) as row_index,
{%- endif %}
{%- if spec.early_stopping %}
    examples.is_validation,
{%- endif %}
    examples.label
from {{ examples }} as examples
where not examples.is_holdout
{%- endmacro -%}
