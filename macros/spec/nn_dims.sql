{#- Units per layer, input to output: [n_inputs, hidden..., n_outputs]; too large a network is refused.
    n_inputs counts the network's inputs under the preprocessing: one per numeric feature, one per one-hot input
    of a categorical one (nn_network_inputs). n_outputs is nn_output_count. -#}
{%- macro nn_dims(spec, preprocessing) -%}
    {%- set dims = [neural_net.nn_network_inputs(preprocessing, 'examples') | length] + spec.hidden + [neural_net.nn_output_count(spec, preprocessing.task)] -%}
    {%- do neural_net.nn_layout(spec, dims) -%}  {#- refuses a network too large for its layout #}
    {{ return(dims) }}
{%- endmacro -%}

{#- One output per class; a regression's one output is its prediction. -#}
{%- macro nn_output_count(spec, task) -%}
    {{ return(1 if task == 'regression' else neural_net.nn_class_count(spec)) }}
{%- endmacro -%}

{#- The n_classes var, or max(label) + 1 read from nn_examples when the var is null. -#}

{%- macro nn_class_count(spec) -%}
    {%- if spec.n_classes is not none -%}
        {{ return(spec.n_classes) }}
    {%- endif -%}
    {%- set examples = neural_net.nn_ref('nn_examples') -%}
    {%- if not execute -%}
        {{ return(2) }}  {#- parsing: the data is not read yet; the count only shapes SQL that is not run -#}
    {%- endif -%}
    {%- set result = run_query("select max(label) + 1 from " ~ examples) -%}
    {%- set count = result.columns[0].values()[0] -%}
    {%- if count is none -%}
        {{ neural_net.nn_fail("the input relation has no rows") }}
    {%- endif -%}
    {{ return(count | int) }}
{%- endmacro -%}
