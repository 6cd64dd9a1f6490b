{#- What the latest row of the history in `model` (nn_model, or a kept nn_model_v<n>) was trained with:
    {settings: the run's resolved settings (nn_run_settings), preprocessing: its fitted preprocessing
    (nn_preprocessing), iteration, invocation_id: of the dbt run that wrote the row}. The history keeps both on every row, so that each block stays one atomic
    statement that carries what it was trained with; this is the one place they are read back for a trained
    model, to write nn_plan, nn_inputs and nn_outputs, which everything that uses the model reads. -#}
{%- macro nn_trained_plan(model) -%}
    {%- set rows = run_query("select run_settings, preprocessing, iteration, invocation_id from " ~ model).rows -%}
    {%- if rows | length != 1 -%}
        {{ neural_net.nn_fail(model ~ " holds " ~ (rows | length) ~ " rows, not one trained model: run nn_training first") }}
    {%- endif -%}
    {{ return({'settings': fromjson(rows[0][0]), 'preprocessing': fromjson(rows[0][1]), 'iteration': rows[0][2] | int,
               'invocation_id': rows[0][3]}) }}
{%- endmacro -%}
