{#- nn_outputs: one row per output of the trained network (output_index: the last layer's unit). For a
    classification, output c is the score of class c: class_value is the label value it stands for (NULL when
    the label holds class numbers: class c is c), class_weight its rows' weight in the loss with
    class_weight: balanced. A regression's one output times target_std plus target_mean is the predicted
    value (the network learns the standardized target). predict, nn_predictions and the export read them
    from here (nn_stored_model).
    The SELECT of the network's nn_outputs (the package's model, and the neural_net materialization). -#}
{%- macro nn_outputs_query() -%}
    {%- set model = neural_net.nn_ref('nn_model') -%}  {#- at parse time too: the dependency on nn_model -#}
    {%- if not execute -%}{{ return("select 1 as output_index") }}{%- endif -%}
    {%- set trained = neural_net.nn_trained_plan(model) -%}
    {%- set preprocessing = trained.preprocessing -%}
    {%- set rows = [] -%}
    {%- if preprocessing.get('task') == 'regression' -%}
        {%- do rows.append([0, none, none, preprocessing.target.mean, preprocessing.target.std]) -%}
    {%- else -%}
        {%- set classes = preprocessing.get('classes') -%}
        {%- set weights = preprocessing.get('class_weights') -%}
        {%- for c in range(trained.settings.dims[-1]) -%}
            {%- do rows.append([c, classes[c] if classes else none, weights[c] if weights else none, none, none]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(neural_net.nn_literal_rows(
        [('output_index', 'integer'), ('class_value', 'string'), ('class_weight', 'float'), ('target_mean', 'float'), ('target_std', 'float')],
        rows)) }}
{%- endmacro -%}
