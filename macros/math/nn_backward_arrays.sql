{#- Per training row, in the arrays layout (nn_layout): the forward pass (nn_forward_arrays), the row's loss, and
    the deltas of every layer as lists, output to input:
      dz{L}  = d loss / d score        softmax: probability - one_hot(label); a regression: 2 (score - target)
      dz{l}  = [(dz{l+1} . w{l+1}[:, i]) act'(h{l}[i]) for each unit i of layer l]
    weighed by row_weight (class_weight) and, with early stopping, 0 on the validation rows (nn_head, as in nn_iteration).
    `inner` yields the training rows (h0 as a list, label, ...) crossed with nn_layer_arrays(dims, ..., backward=true)
    (the weights as nn_dense_units and nn_dense_inputs read them, and the biases). -#}
{%- macro nn_backward_arrays(spec, dims, preprocessing, inner) -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set base = neural_net.nn_list_base() -%}
    {#- the head's loss and deltas (nn_head); a classification's deltas are one list, made over the probabilities -#}
    {%- set head = neural_net.nn_head(spec, preprocessing, {'score': neural_net.nn_list_at('scores', base), 'score_at_label': neural_net.nn_list_at('scores', "label + " ~ base),
                                                            'probability': 'probability', 'class_number': "class - " ~ base}) -%}
    {%- set row_loss, output_delta = head.row_loss, head.output_delta -%}
    {%- if spec.task == 'regression' -%}
        {%- set output_deltas = neural_net.nn_array([output_delta]) -%}
    {%- else -%}
        {%- set output_deltas = neural_net.nn_list_transform("probabilities", "probability, class", output_delta) -%}
    {%- endif -%}

    {%- set ns = namespace(sql=neural_net.nn_forward_arrays(spec, dims, inner, inputs_as_list=true)) -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "backward, output layer: d loss / d score" ~ (" = 2 (score - target)" if spec.task == 'regression' else " = probability - one_hot(label)"),
                                    [('row_loss', row_loss), (neural_net.nn_delta_list(output_layer), output_deltas)], "output_deltas") -%}
    {%- for layer in range(output_layer - 1, 0, -1) -%}
        {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "backward, hidden layer " ~ layer ~ ": d loss / d pre-activation, one element per unit", [(neural_net.nn_delta_list(layer),
            neural_net.nn_dense_inputs(dims, layer + 1, neural_net.nn_delta_list(layer + 1), "weighted_sum * " ~ neural_net.nn_activation_backward(spec.activation, neural_net.nn_list_at("h" ~ layer, "unit"))))],
            "deltas_" ~ layer) -%}
    {%- endfor -%}
    {{ return(ns.sql) }}
{%- endmacro -%}

{#- the per-row list of layer l's deltas -#}
{%- macro nn_delta_list(layer) -%}dz{{ layer }}{%- endmacro -%}
