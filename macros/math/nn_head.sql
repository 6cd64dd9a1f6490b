{#- The head's per-row loss and d loss / d score, written once for both layouts (nn_iteration's columns,
    nn_backward_arrays' lists): softmax cross-entropy (nn_softmax_cross_entropy) or, for a regression, the
    squared error (nn_squared_error). With class_weight both weigh row_weight; with early stopping the delta is
    0 on the validation rows: they are measured, not learned from. `reads` says how the layout reads a row:
      score            a regression's one output score
      score_at_label   the score of the row's label (a classification)
      probability, class_number
                       the probability and number of the class the delta is for (a column per class, or a
                       lambda's element and index)
    Returns {row_loss, output_delta}. -#}
{%- macro nn_head(spec, preprocessing, reads) -%}
    {%- if spec.task == 'regression' -%}
        {%- set row_loss = neural_net.nn_squared_error(reads.score) -%}
        {%- set output_delta = neural_net.nn_squared_error_gradient(reads.score) -%}
    {%- else -%}
        {%- set row_loss = neural_net.nn_cross_entropy_of(reads.score_at_label) -%}
        {%- set output_delta = neural_net.nn_softmax_cross_entropy_gradient(reads.probability, reads.class_number) -%}
    {%- endif -%}
    {%- if preprocessing.get('class_weights') is not none -%}
        {%- set row_loss = "row_weight * (" ~ row_loss ~ ")" -%}
        {%- set output_delta = "row_weight * (" ~ output_delta ~ ")" -%}
    {%- endif -%}
    {%- if spec.early_stopping -%}
        {%- set output_delta = "case when is_validation then " ~ neural_net.nn_float(0) ~ " else " ~ output_delta ~ " end" -%}
    {%- endif -%}
    {{ return({'row_loss': row_loss, 'output_delta': output_delta}) }}
{%- endmacro -%}
