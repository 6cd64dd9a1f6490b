{#- The forward pass in the arrays layout (nn_layout): each layer's activations are one list per row.
    `inner` yields one row per example with the inputs h0_0 .. h0_{n-1} (or, inputs_as_list, already as the
    list h0) and, per layer l, the columns of nn_layer_arrays (the weights as nn_dense_units reads them, and b{l}).
    Adds, one level each:
      h0         [h0_0, ..., h0_{n-1}]
      h{l}       [act(h{l-1} . w{l}[j, :] + b{l}[j]) for each unit j]        each hidden layer l
      scores     the same without activation, for the output layer
    then, for a classification, the softmax head as lists: exp_scores, probabilities (max_score, sum_exp,
    log_sum_exp and predicted_class as in nn_softmax_cross_entropy_forward). -#}
{%- macro nn_forward_arrays(spec, dims, inner, inputs_as_list=false) -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set ns = namespace(sql=inner) -%}
    {%- if not inputs_as_list -%}
        {%- set inputs = [] -%}
        {%- for i in range(dims[0]) -%}{%- do inputs.append(neural_net.nn_unit(0, i)) -%}{%- endfor -%}
        {%- set ns.sql = neural_net.nn_add_columns(inner, "the inputs as one list", [('h0', "cast(" ~ neural_net.nn_array(inputs) ~ " as " ~ neural_net.nn_float_list_type() ~ ")")], "inputs") -%}
    {%- endif -%}
    {%- for layer in range(1, output_layer + 1) -%}
        {%- set z = "weighted_sum + " ~ neural_net.nn_list_at("b" ~ layer, "unit") -%}
        {%- set unit = z if layer == output_layer else neural_net.nn_activation_forward(spec.activation, z) -%}
        {%- set ns.sql = neural_net.nn_add_columns(ns.sql,
            ("output layer: the scores" if layer == output_layer else "hidden layer " ~ layer ~ " (" ~ spec.activation ~ ")")
                ~ ", one unit per element: its incoming weights . the layer below, plus its bias",
            [("scores" if layer == output_layer else "h" ~ layer, neural_net.nn_dense_units(dims, layer, "h" ~ (layer - 1), unit))],
            "layer_" ~ layer) -%}
    {%- endfor -%}
    {%- if spec.task == 'regression' -%}
        {{ return(ns.sql) }}
    {%- endif -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "softmax, step 1: the largest score", [('max_score', neural_net.nn_list_max("scores"))], "max_scores") -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "softmax, step 2: exponentials, shifted so that the largest is 1",
                                    [('exp_scores', neural_net.nn_list_transform("scores", "score", neural_net.nn_exp("score - max_score")))], "exp_scores") -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "softmax, step 3: their sum (at least 1)", [('sum_exp', neural_net.nn_list_sum("exp_scores"))], "sum_exps") -%}
    {{ return(neural_net.nn_add_columns(ns.sql, "softmax, step 4: log of the sum, class probabilities, and the predicted class (the first largest score)", [
        ('log_sum_exp', "max_score + ln(sum_exp)"),
        ('probabilities', neural_net.nn_list_transform("exp_scores", "exp_score", "exp_score / sum_exp")),
        ('predicted_class', neural_net.nn_list_position("scores", "max_score") ~ " - 1"),
    ], "probabilities")) }}
{%- endmacro -%}
