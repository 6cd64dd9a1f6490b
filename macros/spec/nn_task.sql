{#- What the network learns, as nn_examples holds it: 'classification' (label: class numbers) or 'regression'
    (label: the numeric target). nn_validate_input decides it when nn_examples is built, from the task var or,
    when that is null, from the label: floats, decimals and over 100 distinct numbers make a regression. -#}
{%- macro nn_task(spec) -%}
    {%- set examples = neural_net.nn_ref('nn_examples') -%}
    {%- if not execute -%}
        {{ return(spec.task or 'classification') }}  {#- parsing: the data is not read yet -#}
    {%- endif -%}
    {%- set labels = adapter.get_columns_in_relation(examples) | selectattr('name', 'in', ['label', 'LABEL']) | list -%}
    {%- if not labels -%}
        {{ neural_net.nn_fail(examples ~ " has no label column: build nn_examples first (dbt run -s nn_examples)") }}
    {%- endif -%}
    {%- set task = 'classification' if neural_net.nn_is_integer_column(labels[0]) else 'regression' -%}
    {%- if spec.task is not none and spec.task != task -%}
        {{ neural_net.nn_fail("task is " ~ spec.task ~ ", but " ~ examples ~ " was built for " ~ task ~ ": run nn_examples again with the same vars") }}
    {%- endif -%}
    {{ return(task) }}
{%- endmacro -%}

{#- The spec with the task filled in, and the defaults that depend on it where the vars are null: the optimizer
    (nn_default_optimizer) and its learning rate (nn_default_learning_rate). Training uses this spec, and stores
    it in run_settings. -#}
{%- macro nn_with_task(spec, task) -%}
    {%- set optimizer = spec.optimizer or neural_net.nn_default_optimizer(task) -%}
    {%- set resolved = dict(spec) -%}
    {%- do resolved.update({'task': task, 'optimizer': optimizer,
                            'lr': spec.lr if spec.lr is not none else neural_net.nn_default_learning_rate(optimizer, task)}) -%}
    {{ return(resolved) }}
{%- endmacro -%}
