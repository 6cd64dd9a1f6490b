{#- The task of the trained model ('classification' or 'regression'), as its nn_plan says: one query, for what
    needs nothing else of the model (nn_metrics, nn_confusion_matrix). While parsing: the vars' task. -#}
{%- macro nn_trained_task() -%}
    {%- set plan = neural_net.nn_ref('nn_plan') -%}  {#- at parse time too: the dependency on nn_plan -#}
    {%- if not execute -%}{{ return(neural_net.nn_spec().task or 'classification') }}{%- endif -%}
    {{ return(run_query("select task from " ~ plan).rows[0][0]) }}
{%- endmacro -%}
