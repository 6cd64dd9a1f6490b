{#- The task of the trained model ('classification' or 'regression'), as its nn_plan says, for what needs
    nothing else of the model (nn_metrics, nn_confusion_matrix); like nn_trained_model, it fails when the
    features var is not what the model was trained on (nn_inputs). Two queries. While parsing: the vars' task. -#}
{%- macro nn_trained_task() -%}
    {%- set model = neural_net.nn_ref('nn_model') -%}  {#- at parse time too: the dependencies on nn_model ... -#}
    {%- set plan, inputs = neural_net.nn_ref('nn_plan'), neural_net.nn_ref('nn_inputs') -%}  {#- ... and its plan -#}
    {%- set spec = neural_net.nn_spec() -%}
    {%- if not execute -%}{{ return(spec.task or 'classification') }}{%- endif -%}
    {%- set trained = run_query("select feature from " ~ inputs ~ " group by feature order by min(input_index)").columns[0].values() | list -%}
    {%- do neural_net.nn_check_trained_features(model, trained, spec) -%}
    {{ return(run_query("select task from " ~ plan).rows[0][0]) }}
{%- endmacro -%}
