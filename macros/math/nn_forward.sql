{#- Forward pass. `inner` yields one row per example with the inputs h0_0 .. h0_{n-1}, and every parameter as a
    column. Adds, one level each:
      h{l}_j          = act(sum_i h{l-1}_i w{l}_i_j + b{l}_j)        for each hidden layer l
      score_c         = sum_j h{L}_j w{L+1}_j_c + b{L+1}_c           the output layer, no activation
      max_score       = max_c score_c
      exp_score_c     = exp(score_c - max_score)                     stable: every exp is <= 1, the largest is 1
      sum_exp         = sum_c exp_score_c
      log_sum_exp     = max_score + ln(sum_exp)                      so that -ln p_label = log_sum_exp - score_label
      probability_c   = exp_score_c / sum_exp                        softmax: one exp per class and row
      predicted_class = the first class whose score is max_score       (numpy's argmax, ties included)
-#}
{%- macro nn_forward(spec, dims, inner) -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set n_classes = dims[output_layer] -%}
    {%- set ns = namespace(sql=inner) -%}

    {%- for layer in range(1, output_layer) -%}
        {%- set columns = [] -%}
        {%- for j in range(dims[layer]) -%}
            {%- do columns.append((nn_unit(layer, j), nn_activation_forward(spec.activation, "\n    " ~ nn_affine(dims, layer, j) | indent(4) ~ "\n"))) -%}
        {%- endfor -%}
        {%- set ns.sql = nn_add_columns(ns.sql, "hidden layer " ~ layer ~ " (" ~ spec.activation ~ ")", columns, "hidden_" ~ layer) -%}
    {%- endfor -%}

    {%- set columns = [] -%}
    {%- for c in range(n_classes) -%}
        {%- do columns.append((nn_score(c), nn_affine(dims, output_layer, c))) -%}
    {%- endfor -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "output layer: class scores", columns, "scores") -%}

    {%- set scores = [] -%}
    {%- for c in range(n_classes) -%}{%- do scores.append(nn_score(c)) -%}{%- endfor -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "softmax, step 1: the largest score", [('max_score', "greatest(" ~ scores | join(", ") ~ ")")], "max_scores") -%}

    {%- set columns = [] -%}
    {%- for c in range(n_classes) -%}
        {%- do columns.append(("exp_score_" ~ c, "exp(" ~ nn_score(c) ~ " - max_score)")) -%}
    {%- endfor -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "softmax, step 2: exponentials, shifted so that the largest is 1", columns, "exp_scores") -%}

    {%- set exps = [] -%}
    {%- for c in range(n_classes) -%}{%- do exps.append("exp_score_" ~ c) -%}{%- endfor -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "softmax, step 3: their sum (at least 1)", [('sum_exp', exps | join("\n+ "))], "sum_exps") -%}

    {%- set columns = [('log_sum_exp', "max_score + ln(sum_exp)")] -%}
    {%- for c in range(n_classes) -%}
        {%- do columns.append((nn_probability(c), "exp_score_" ~ c ~ " / sum_exp")) -%}
    {%- endfor -%}
    {%- set argmax = [] -%}
    {%- for c in range(n_classes) -%}{%- do argmax.append("when " ~ nn_score(c) ~ " = max_score then " ~ c) -%}{%- endfor -%}
    {%- do columns.append(('predicted_class', "case\n    " ~ argmax | join("\n    ") ~ "\nend")) -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "softmax, step 4: log of the sum, class probabilities, and the predicted class", columns, "probabilities") -%}
    {{ return(ns.sql) }}
{%- endmacro -%}
