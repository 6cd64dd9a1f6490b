{#- A dense layer's products in the arrays layout (nn_layout), per engine. w{l} holds unit j's dims[l-1] incoming
    weights from position j * dims[l-1] (unit by unit).

    nn_layer_arrays(dims, relation, backward)  (alias, SQL) of what the two below read, from the stored arrays of
                                               `relation`, computed once per query: b{l}, and on DuckDB the weights
                                               reshaped into a list per unit, unit_weights_{l}, and (backward, l > 1)
                                               a list per input, input_weights_{l}. Spark, BigQuery and PostgreSQL
                                               (no arrays of arrays) read w{l} itself.
    nn_dense_units(dims, layer, vector, body)  [body for each unit j of the layer], where body reads
                                               unit = j and weighted_sum = vector . w{l}[j, :]      (forward)
    nn_dense_inputs(dims, layer, vector, body) [body for each input i of the layer], where body reads
                                               unit = i and weighted_sum = vector . w{l}[:, i]      (backward)
    nn_dense_gradient_sums(dims, layer, deltas, inputs)
                                               the chained iteration's sums over the rows of deltas[j] inputs[i]
                                               for each weight (j, i), in w{l}'s order, and of deltas[j]
-#}

{%- macro nn_layer_arrays(dims, relation, backward=false) -%}{{ return(adapter.dispatch('nn_layer_arrays', 'neural_net')(dims, relation, backward)) }}{%- endmacro -%}
{%- macro duckdb__nn_layer_arrays(dims, relation, backward) -%}
    {%- set columns = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- set fan_in = dims[layer - 1] -%}
        {%- do columns.append(('unit_weights_' ~ layer, neural_net.nn_list_transform(neural_net.nn_list_range(dims[layer]), "unit",
            neural_net.nn_list_slice(relation ~ ".w" ~ layer, "unit * " ~ fan_in, fan_in)))) -%}
        {%- if backward and layer > 1 -%}
            {%- do columns.append(('input_weights_' ~ layer, neural_net.nn_list_transform(neural_net.nn_list_range(fan_in), "input", neural_net.nn_list_transform(neural_net.nn_list_range(dims[layer]), "unit",
                relation ~ ".w" ~ layer ~ "[unit * " ~ fan_in ~ " + input + " ~ neural_net.nn_list_base() ~ "]")))) -%}
        {%- endif -%}
        {%- do columns.append(('b' ~ layer, relation ~ ".b" ~ layer)) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}
{#- Elsewhere (Spark, BigQuery, PostgreSQL) the passes read the flat w{l} itself (in memory: nn_in_memory). -#}
{%- macro default__nn_layer_arrays(dims, relation, backward) -%}
    {%- set columns = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- do columns.extend([('w' ~ layer, neural_net.nn_in_memory(relation ~ ".w" ~ layer)), ('b' ~ layer, neural_net.nn_in_memory(relation ~ ".b" ~ layer))]) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- Spark: the lambda runs over `vector` repeated once per unit, and reads only its own arguments and stored
    arrays (unit j's incoming weights are w{l}[j fan_in .. (j + 1) fan_in - 1]): a lambda that read `vector`
    itself would be handed its whole expression by Catalyst (CollapseProject inlines a column used once), and
    evaluate the layer below once per unit. -#}
{%- macro nn_dense_units(dims, layer, vector, body) -%}{{ return(adapter.dispatch('nn_dense_units', 'neural_net')(dims, layer, vector, body)) }}{%- endmacro -%}
{%- macro duckdb__nn_dense_units(dims, layer, vector, body) -%}
    {{- neural_net.nn_list_transform("unit_weights_" ~ layer, "incoming, unit", body | replace("weighted_sum", neural_net.nn_list_dot(vector, "incoming"))) -}}
{%- endmacro -%}
{%- macro default__nn_dense_units(dims, layer, vector, body) -%}{{ neural_net.nn_unsupported('nn_dense_units') }}{%- endmacro -%}
{%- macro spark__nn_dense_units(dims, layer, vector, body) -%}
    {%- set incoming = neural_net.nn_list_slice("w" ~ layer, "unit * " ~ dims[layer - 1], dims[layer - 1]) -%}
    {{- neural_net.nn_list_transform("array_repeat(" ~ vector ~ ", " ~ dims[layer] ~ ")", "layer_input, unit", body | replace("weighted_sum", neural_net.nn_list_dot("layer_input", incoming))) -}}
{%- endmacro -%}
{%- macro bigquery__nn_dense_units(dims, layer, vector, body) -%}
    {{- neural_net.nn_bigquery_weighted_sums(dims, layer, vector, body, "div", "mod") -}}
{%- endmacro -%}
{%- macro postgres__nn_dense_units(dims, layer, vector, body) -%}
    {{- neural_net.nn_postgres_weighted_sums(dims, layer, vector, body, forward=true) -}}
{%- endmacro -%}

{#- Spark, as nn_dense_units: input i's outgoing weights are w{l}[j fan_in + i] for each unit j. -#}
{%- macro nn_dense_inputs(dims, layer, vector, body) -%}{{ return(adapter.dispatch('nn_dense_inputs', 'neural_net')(dims, layer, vector, body)) }}{%- endmacro -%}
{%- macro duckdb__nn_dense_inputs(dims, layer, vector, body) -%}
    {{- neural_net.nn_list_transform("input_weights_" ~ layer, "outgoing, unit", body | replace("weighted_sum", neural_net.nn_list_dot(vector, "outgoing"))) -}}
{%- endmacro -%}
{%- macro default__nn_dense_inputs(dims, layer, vector, body) -%}{{ neural_net.nn_unsupported('nn_dense_inputs') }}{%- endmacro -%}
{%- macro spark__nn_dense_inputs(dims, layer, vector, body) -%}
    {%- set outgoing = neural_net.nn_list_transform(neural_net.nn_list_range(dims[layer]), "output_unit", neural_net.nn_list_at("w" ~ layer, "output_unit * " ~ dims[layer - 1] ~ " + unit")) -%}
    {{- neural_net.nn_list_transform("array_repeat(" ~ vector ~ ", " ~ dims[layer - 1] ~ ")", "layer_deltas, unit", body | replace("weighted_sum", neural_net.nn_list_dot("layer_deltas", outgoing))) -}}
{%- endmacro -%}
{%- macro bigquery__nn_dense_inputs(dims, layer, vector, body) -%}
    {{- neural_net.nn_bigquery_weighted_sums(dims, layer, vector, body, "mod", "div") -}}
{%- endmacro -%}
{%- macro postgres__nn_dense_inputs(dims, layer, vector, body) -%}
    {{- neural_net.nn_postgres_weighted_sums(dims, layer, vector, body, forward=false) -}}
{%- endmacro -%}

{#- BigQuery's weighted sums over the flat w{l}: weight k joins unit div(k, fan_in) to input mod(k, fan_in); the
    list has one element per `unit_of`(k, fan_in), the sum of w{l}[k] vector[`other_of`(k, fan_in)]. -#}
{%- macro nn_bigquery_weighted_sums(dims, layer, vector, body, unit_of, other_of) -%}
    {%- set fan_in = dims[layer - 1] -%}
    array(select {{ body }} from (select {{ unit_of }}(k, {{ fan_in }}) as unit, sum(w{{ layer }}[offset(k)] * {{ vector }}[offset({{ other_of }}(k, {{ fan_in }}))]) as weighted_sum from unnest(generate_array(0, {{ fan_in * dims[layer] - 1 }})) as k group by unit) order by unit)
{%- endmacro -%}

{#- PostgreSQL's weighted sums over the flat w{l}, counted from 1: weight (j, i) at position (j - 1) fan_in + i joins
    unit j to input i. Forward, one element per unit j: vector . w{l}[j, :], unnested side by side with unit j's
    slice of w{l}; backward, one per input i: the sum over j of vector[j] w{l}[j, i]. Each sum is an aggregate
    over one unnested list, so its terms are added in the list's order; the sums are computed once (fenced)
    before `body` reads them. -#}
{%- macro nn_postgres_weighted_sums(dims, layer, vector, body, forward) -%}
    {%- set fan_in, weights = dims[layer - 1], "w" ~ layer -%}
    {%- if forward -%}
        {%- set units, weighted_sum = dims[layer], "(select sum(layer_input * unit_weight) from unnest(" ~ vector ~ ", " ~ weights ~ "[(weight_unit - 1) * " ~ fan_in
            ~ " + 1 : weight_unit * " ~ fan_in ~ "]) as products(layer_input, unit_weight))" -%}
    {%- else -%}
        {%- set units, weighted_sum = fan_in, "(select sum(unit_delta * " ~ weights ~ "[(delta_unit - 1) * " ~ fan_in ~ " + weight_unit]) from unnest("
            ~ vector ~ ") with ordinality as products(unit_delta, delta_unit))" -%}
    {%- endif -%}
    array(select {{ body }} from (select weight_unit as unit, {{ weighted_sum }} as weighted_sum from generate_series(1, {{ units }}) as weight_unit offset 0) as weighted_sums order by unit)
{%- endmacro -%}

{#- How the chained iteration (default__nn_iteration_arrays) sums layer l's gradient over the rows of a step:
    d loss / d w{l}[j, i] = deltas[j] inputs[i] and d loss / d b{l}[j] = deltas[j], on every row. Returns
      aggregates   (alias, SQL) computed in the aggregate over the rows, beside the loss
      columns      (alias, SQL) computed from them one query level above
      weight_sums, bias_sums
                   SQL of the lists of sums (in w{l}'s order, unit by unit), read one more level above -#}
{%- macro nn_dense_gradient_sums(dims, layer, deltas, inputs) -%}{{ return(adapter.dispatch('nn_dense_gradient_sums', 'neural_net')(dims, layer, deltas, inputs)) }}{%- endmacro -%}

{%- macro default__nn_dense_gradient_sums(dims, layer, deltas, inputs) -%}{{ neural_net.nn_unsupported('nn_dense_gradient_sums') }}{%- endmacro -%}

{#- Spark: the rows' lists are collected (rows x (inputs + units) values, not rows x weights) and folded into the
    sums, each row's products made on the way. Every lambda reads its own arguments only (see nn_lists_transform). -#}
{%- macro spark__nn_dense_gradient_sums(dims, layer, deltas, inputs) -%}
    {%- set rows = 'layer_rows_' ~ layer -%}
    {%- set products = "flatten(" ~ neural_net.nn_list_transform("row_values.deltas", "unit_delta", neural_net.nn_list_transform("row_values.inputs", "input_value", "unit_delta * input_value")) ~ ")" -%}
    {{ return({
        'aggregates': [(rows, "collect_list(struct(" ~ inputs ~ " as inputs, " ~ deltas ~ " as deltas))")],
        'columns': [],
        'weight_sums': neural_net.nn_spark_fold(rows, dims[layer - 1] * dims[layer], products),
        'bias_sums': neural_net.nn_spark_fold(rows, dims[layer], "row_values.deltas"),
    }) }}
{%- endmacro -%}

{#- the element-by-element sum over the collected rows of a list of `length` made from each row, row_values -#}
{%- macro nn_spark_fold(rows, length, row_list) -%}
    aggregate({{ rows }}, array_repeat({{ neural_net.nn_float(0) }}, {{ length }}), (sums, row_values) -> zip_with(sums, {{ row_list }}, (total, value) -> total + value))
{%- endmacro -%}

{#- BigQuery: no arrays of arrays and no lambdas. Each row's list of d loss / d w{l}, in w{l}'s order (weight k joins
    unit div(k, fan_in) to input mod(k, fan_in)), and of its deltas, concatenated over the rows (ARRAY_CONCAT_AGG),
    then added up by position: every length-th element. The concatenation is one value of rows x weights x 8
    bytes (nn_check_step_value_size). -#}
{%- macro bigquery__nn_dense_gradient_sums(dims, layer, deltas, inputs) -%}
    {%- set fan_in = dims[layer - 1] -%}
    {%- set products = "array(select " ~ deltas ~ "[offset(div(k, " ~ fan_in ~ "))] * " ~ inputs ~ "[offset(mod(k, " ~ fan_in ~ "))] from unnest(generate_array(0, " ~ (fan_in * dims[layer] - 1) ~ ")) as k order by k)" -%}
    {{ return({
        'aggregates': [('weight_rows_' ~ layer, "array_concat_agg(" ~ products ~ ")"), ('bias_rows_' ~ layer, "array_concat_agg(" ~ deltas ~ ")")],
        'columns': [('weight_sums_' ~ layer, neural_net.nn_bigquery_sum_by_position('weight_rows_' ~ layer, fan_in * dims[layer])),
                    ('bias_sums_' ~ layer, neural_net.nn_bigquery_sum_by_position('bias_rows_' ~ layer, dims[layer]))],
        'weight_sums': 'weight_sums_' ~ layer,
        'bias_sums': 'bias_sums_' ~ layer,
    }) }}
{%- endmacro -%}

{#- the element-by-element sum of the lists of `length` elements concatenated in `concatenated` -#}
{%- macro nn_bigquery_sum_by_position(concatenated, length) -%}
    array(select sum({{ concatenated }}[offset(k)]) from unnest(generate_array(0, array_length({{ concatenated }}) - 1)) as k group by mod(k, {{ length }}) order by mod(k, {{ length }}))
{%- endmacro -%}

{#- PostgreSQL: each row's deltas and inputs are aggregated into two arrays of rows (ARRAY_AGG of lists of one
    length is a two-dimensional array, rows x units and rows x inputs: no row's products are held), then each
    weight's sum over the rows is an aggregate over its two columns (slices) unnested side by side, added in
    the rows' order. -#}
{%- macro postgres__nn_dense_gradient_sums(dims, layer, deltas, inputs) -%}
    {%- set delta_rows, input_rows = 'delta_rows_' ~ layer, 'input_rows_' ~ layer -%}
    {%- set units = "generate_series(1, " ~ dims[layer] ~ ") as weight_unit" -%}
    {{ return({
        'aggregates': [(delta_rows, "array_agg(" ~ deltas ~ ")"), (input_rows, "array_agg(" ~ inputs ~ ")")],
        'columns': [('weight_sums_' ~ layer, "array(select (select sum(unit_delta * input_value) from unnest(" ~ delta_rows ~ "[:][weight_unit:weight_unit], "
                        ~ input_rows ~ "[:][weight_input:weight_input]) as products(unit_delta, input_value)) from " ~ units ~ " cross join generate_series(1, "
                        ~ dims[layer - 1] ~ ") as weight_input order by weight_unit, weight_input)"),
                    ('bias_sums_' ~ layer, "array(select (select sum(unit_delta) from unnest(" ~ delta_rows ~ "[:][weight_unit:weight_unit]) as deltas(unit_delta)) from "
                        ~ units ~ " order by weight_unit)")],
        'weight_sums': 'weight_sums_' ~ layer,
        'bias_sums': 'bias_sums_' ~ layer,
    }) }}
{%- endmacro -%}
