{#- A dense layer's products in the arrays layout (nn_layout), per engine. w{l} holds unit j's dims[l-1] incoming
    weights from position j * dims[l-1] (unit by unit).

    nn_layer_arrays(dims, relation, backward)  (alias, SQL) of what the two below read, from the stored arrays of
                                               `relation`, computed once per query: b{l}, and on DuckDB and Spark
                                               the weights reshaped into a list per unit, unit_weights_{l}, and
                                               (backward, l > 1) a list per input, input_weights_{l}. BigQuery has
                                               no arrays of arrays: it reads w{l} itself.
    nn_dense_units(dims, layer, vector, body)  [body for each unit j of the layer], where body reads
                                               unit = j and weighted_sum = vector . w{l}[j, :]      (forward)
    nn_dense_inputs(dims, layer, vector, body) [body for each input i of the layer], where body reads
                                               unit = i and weighted_sum = vector . w{l}[:, i]      (backward)
    nn_dense_outer_product(dims, layer, deltas, inputs)
                                               [deltas[j] inputs[i] for each weight (j, i)], in w{l}'s order
-#}

{%- macro nn_layer_arrays(dims, relation, backward=false) -%}{{ return(adapter.dispatch('nn_layer_arrays', 'neural_net')(dims, relation, backward)) }}{%- endmacro -%}
{%- macro default__nn_layer_arrays(dims, relation, backward) -%}
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
{%- macro bigquery__nn_layer_arrays(dims, relation, backward) -%}
    {%- set columns = [] -%}
    {%- for layer in range(1, dims | length) -%}
        {%- do columns.extend([('w' ~ layer, relation ~ ".w" ~ layer), ('b' ~ layer, relation ~ ".b" ~ layer)]) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{%- macro nn_dense_units(dims, layer, vector, body) -%}{{ return(adapter.dispatch('nn_dense_units', 'neural_net')(dims, layer, vector, body)) }}{%- endmacro -%}
{%- macro default__nn_dense_units(dims, layer, vector, body) -%}
    {{- neural_net.nn_list_transform("unit_weights_" ~ layer, "incoming, unit", body | replace("weighted_sum", neural_net.nn_list_dot(vector, "incoming"))) -}}
{%- endmacro -%}
{%- macro bigquery__nn_dense_units(dims, layer, vector, body) -%}
    {{- neural_net.nn_bigquery_weighted_sums(dims, layer, vector, body, "div", "mod") -}}
{%- endmacro -%}

{%- macro nn_dense_inputs(dims, layer, vector, body) -%}{{ return(adapter.dispatch('nn_dense_inputs', 'neural_net')(dims, layer, vector, body)) }}{%- endmacro -%}
{%- macro default__nn_dense_inputs(dims, layer, vector, body) -%}
    {{- neural_net.nn_list_transform("input_weights_" ~ layer, "outgoing, unit", body | replace("weighted_sum", neural_net.nn_list_dot(vector, "outgoing"))) -}}
{%- endmacro -%}
{%- macro bigquery__nn_dense_inputs(dims, layer, vector, body) -%}
    {{- neural_net.nn_bigquery_weighted_sums(dims, layer, vector, body, "mod", "div") -}}
{%- endmacro -%}

{#- BigQuery's weighted sums over the flat w{l}: weight k joins unit div(k, fan_in) to input mod(k, fan_in); the
    list has one element per `unit_of`(k, fan_in), the sum of w{l}[k] vector[`other_of`(k, fan_in)]. -#}
{%- macro nn_bigquery_weighted_sums(dims, layer, vector, body, unit_of, other_of) -%}
    {%- set fan_in = dims[layer - 1] -%}
    array(select {{ body }} from (select {{ unit_of }}(k, {{ fan_in }}) as unit, sum(w{{ layer }}[offset(k)] * {{ vector }}[offset({{ other_of }}(k, {{ fan_in }}))]) as weighted_sum from unnest(generate_array(0, {{ fan_in * dims[layer] - 1 }})) as k group by unit) order by unit)
{%- endmacro -%}

{%- macro nn_dense_outer_product(dims, layer, deltas, inputs) -%}{{ return(adapter.dispatch('nn_dense_outer_product', 'neural_net')(dims, layer, deltas, inputs)) }}{%- endmacro -%}
{%- macro default__nn_dense_outer_product(dims, layer, deltas, inputs) -%}
    flatten({{ neural_net.nn_list_transform(deltas, "unit_delta", neural_net.nn_list_transform(inputs, "input_value", "unit_delta * input_value")) }})
{%- endmacro -%}
{%- macro bigquery__nn_dense_outer_product(dims, layer, deltas, inputs) -%}
    {%- set fan_in = dims[layer - 1] -%}
    array(select {{ deltas }}[offset(div(k, {{ fan_in }}))] * {{ inputs }}[offset(mod(k, {{ fan_in }}))] from unnest(generate_array(0, {{ fan_in * dims[layer] - 1 }})) as k order by k)
{%- endmacro -%}
