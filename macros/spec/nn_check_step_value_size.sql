{#- Refuses, before any query runs, a step whose gradient's sums would hold more than the engine's max_value_bytes
    (nn_engine_capabilities) in one value (nn_gradient_row_values): the rows of a step are the training rows, or batch_size of them,
    plus with early stopping the validation rows (nn_step_rows). Nothing to check while dbt parses (no row count yet). -#}
{%- macro nn_check_step_value_size(spec, dims, preprocessing) -%}
    {%- set limit = neural_net.nn_capability('max_value_bytes') -%}
    {%- set step_rows = neural_net.nn_step_rows(spec, preprocessing) -%}
    {%- if limit is none or step_rows is none -%}{{ return(none) }}{%- endif -%}
    {%- set fitted_rows, validation_rows = step_rows.fitted, step_rows.validation -%}
    {%- set ns = namespace(layer=1, held=none) -%}
    {%- for layer in range(1, dims | length) -%}
        {%- set held = neural_net.nn_gradient_row_values(dims, layer) -%}
        {%- if ns.held is none or held['values'] > ns.held['values'] -%}{%- set ns.layer, ns.held = layer, held -%}{%- endif -%}
    {%- endfor -%}
    {%- set bytes = (fitted_rows + validation_rows) * ns.held['values'] * 8 -%}
    {%- if bytes > limit -%}
        {%- set largest_batch = (limit // (ns.held['values'] * 8)) - validation_rows -%}
        {{ neural_net.nn_fail("one iteration of the network " ~ (dims | join('-')) ~ " sums the gradients of " ~ (fitted_rows + validation_rows)
            ~ " rows by " ~ ns.held.how ~ ": about " ~ (bytes // 1000000) ~ " MB in one value, over " ~ target.type ~ "'s limit of "
            ~ (limit // 1000000) ~ " MB per " ~ ns.held.unit ~ ". "
            ~ ("Set batch_size to at most " ~ largest_batch ~ "." if largest_batch > 0 else "Use fewer units in that layer.")) }}
    {%- endif -%}
{%- endmacro -%}

{#- How many values of each row of a step the engine's sums of layer `layer`'s gradient hold in one value, and how
    (the gradient's sums: nn_dense_gradient_sums). BigQuery concatenates each row's products, one per weight;
    PostgreSQL aggregates each row's inputs and deltas into an array each. -#}
{%- macro nn_gradient_row_values(dims, layer) -%}{{ return(adapter.dispatch('nn_gradient_row_values', 'neural_net')(dims, layer)) }}{%- endmacro -%}
{%- macro default__nn_gradient_row_values(dims, layer) -%}
    {%- set weights = dims[layer - 1] * dims[layer] -%}
    {{ return({'values': weights, 'how': "concatenating each row's list of layer " ~ layer ~ "'s " ~ weights ~ " weights", 'unit': 'row'}) }}
{%- endmacro -%}
{%- macro postgres__nn_gradient_row_values(dims, layer) -%}
    {%- set values = [dims[layer - 1], dims[layer]] | max -%}
    {{ return({'values': values, 'how': "aggregating each row's layer " ~ layer ~ " " ~ ("inputs" if dims[layer - 1] >= dims[layer] else "deltas")
               ~ " (" ~ values ~ " values) into one array", 'unit': 'value'}) }}
{%- endmacro -%}
