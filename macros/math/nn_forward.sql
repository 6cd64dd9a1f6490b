{#- Forward pass. `inner` yields one row per example with the inputs h0_0 .. h0_{n-1}, and every parameter as a
    column. Adds, one level each:
      h{l}_j    = act(z{l}_j)         for each hidden layer l (nn_dense_forward, macros/activations)
      score_c   = z{L+1}_c            the output layer, no activation
    then, for a classification, the softmax head's columns (nn_softmax_cross_entropy_forward): probability_c,
    predicted_class, ...; a regression's one output score_0 is its (standardized) prediction (nn_squared_error).

    layout = 'arrays' (nn_layout): `inner` holds the arrays of nn_scoring_columns instead, the layers are lists
    (nn_forward_arrays), and the outputs are spread into the same columns score_c, probability_c at the end.
-#}
{%- macro nn_forward(spec, dims, inner, layout='columns') -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- if layout == 'arrays' -%}
        {%- set columns = [] -%}
        {%- for c in range(dims[output_layer]) -%}
            {%- do columns.append((neural_net.nn_score(c), neural_net.nn_array_element("scores", c))) -%}
            {%- if spec.task != 'regression' -%}{%- do columns.append((neural_net.nn_probability(c), neural_net.nn_array_element("probabilities", c))) -%}{%- endif -%}
        {%- endfor -%}
        {{ return(neural_net.nn_add_columns(neural_net.nn_forward_arrays(spec, dims, inner), "the outputs, one column each", columns, "outputs")) }}
    {%- endif -%}
    {%- set ns = namespace(sql=inner) -%}

    {%- for layer in range(1, output_layer) -%}
        {%- set columns = [] -%}
        {%- for j in range(dims[layer]) -%}
            {%- do columns.append((neural_net.nn_unit(layer, j), neural_net.nn_activation_forward(spec.activation, "\n    " ~ neural_net.nn_dense_forward(dims, layer, j) | indent(4) ~ "\n"))) -%}
        {%- endfor -%}
        {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "hidden layer " ~ layer ~ " (" ~ spec.activation ~ ")", columns, "hidden_" ~ layer) -%}
    {%- endfor -%}

    {%- set columns = [] -%}
    {%- for c in range(dims[output_layer]) -%}
        {%- do columns.append((neural_net.nn_score(c), neural_net.nn_dense_forward(dims, output_layer, c))) -%}
    {%- endfor -%}
    {%- if spec.task == 'regression' -%}
        {{ return(neural_net.nn_add_columns(ns.sql, "output layer: the prediction, standardized", columns, "scores")) }}
    {%- endif -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "output layer: class scores", columns, "scores") -%}
    {{ return(neural_net.nn_softmax_cross_entropy_forward(dims[output_layer], ns.sql)) }}
{%- endmacro -%}

{#- "<SQL> as <name>" for the parameter columns nn_forward reads in `layout`, from the stored arrays of the
    model `relation`: a column per parameter (columns), or each layer's arrays (nn_layer_arrays). -#}
{%- macro nn_scoring_columns(dims, relation, layout) -%}
    {%- if layout == 'columns' -%}
        {{ return(neural_net.nn_unpack(neural_net.nn_array_layout(dims), relation)) }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for alias, expression in neural_net.nn_layer_arrays(dims, relation) -%}{%- do columns.append(expression ~ " as " ~ alias) -%}{%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}
