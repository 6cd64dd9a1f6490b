{#- Refuses, before any query runs, a step whose concatenated gradient lists would exceed the engine's
    max_value_bytes (nn_engine_capabilities): the rows of a step are the training rows, or batch_size of them,
    plus with early stopping the validation rows (nn_step_rows). Nothing to check while dbt parses (no row count yet). -#}
{%- macro nn_check_step_value_size(spec, dims, preprocessing) -%}
    {%- set limit = neural_net.nn_capability('max_value_bytes') -%}
    {%- set step_rows = neural_net.nn_step_rows(spec, preprocessing) -%}
    {%- if limit is none or step_rows is none -%}{{ return(none) }}{%- endif -%}
    {%- set fitted_rows, validation_rows = step_rows.fitted, step_rows.validation -%}
    {%- set ns = namespace(layer=1) -%}
    {%- for layer in range(1, dims | length) if dims[layer - 1] * dims[layer] > dims[ns.layer - 1] * dims[ns.layer] -%}{%- set ns.layer = layer -%}{%- endfor -%}
    {%- set weights = dims[ns.layer - 1] * dims[ns.layer] -%}
    {%- set bytes = (fitted_rows + validation_rows) * weights * 8 -%}
    {%- if bytes > limit -%}
        {%- set largest_batch = (limit // (weights * 8)) - validation_rows -%}
        {{ neural_net.nn_fail("one iteration of the network " ~ (dims | join('-')) ~ " sums the gradients of " ~ (fitted_rows + validation_rows)
            ~ " rows by concatenating each row's list of layer " ~ ns.layer ~ "'s " ~ weights ~ " weights: about "
            ~ (bytes // 1000000) ~ " MB in one value, over " ~ target.type ~ "'s limit of " ~ (limit // 1000000) ~ " MB per row. "
            ~ ("Set batch_size to at most " ~ largest_batch ~ "." if largest_batch > 0 else "Use fewer units in that layer.")) }}
    {%- endif -%}
{%- endmacro -%}
