{#- The rows one iteration computes on, {fitted, validation}: the training rows, or batch_size of them, and with
    early stopping the validation rows (estimated from validation_fraction); none while dbt parses. -#}
{%- macro nn_step_rows(spec, preprocessing) -%}
    {%- set training_rows = preprocessing.get('training_rows') -%}
    {%- if training_rows is none -%}{{ return(none) }}{%- endif -%}
    {{ return({
        'fitted': [spec.batch_size or training_rows, training_rows] | min,
        'validation': ((training_rows * spec.validation_fraction / (1 - spec.validation_fraction)) | round | int) if spec.early_stopping else 0,
    }) }}
{%- endmacro -%}

{#- The rows one iteration reads in all (nn_step_rows: fitted plus validation); none while dbt parses or where the
    preprocessing is not known. -#}
{%- macro nn_rows_per_step(spec, preprocessing) -%}
    {%- set step_rows = neural_net.nn_step_rows(spec, preprocessing) if preprocessing is not none else none -%}
    {{ return(none if step_rows is none else step_rows.fitted + step_rows.validation) }}
{%- endmacro -%}
