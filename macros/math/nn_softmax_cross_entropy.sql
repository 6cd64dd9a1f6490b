{#- The output head: softmax over the class scores score_c, and the cross-entropy loss of the row's label.

    forward    max_score       = max_c score_c
               exp_score_c     = exp(score_c - max_score)          stable: every exp is <= 1, the largest is 1 (nn_exp)
               sum_exp         = sum_c exp_score_c
               log_sum_exp     = max_score + ln(sum_exp)
               probability_c   = exp_score_c / sum_exp
               predicted_class = the first class whose score is max_score   (numpy's argmax, ties included)
    loss       -ln probability_label = log_sum_exp - score_label     never ln(0)
    backward   d loss / d score_c = probability_c - [label = c]
-#}
{%- macro nn_softmax_cross_entropy_forward(n_classes, inner) -%}
    {%- set ns = namespace(sql=inner) -%}
    {%- set scores = [] -%}
    {%- for c in range(n_classes) -%}{%- do scores.append(neural_net.nn_score(c)) -%}{%- endfor -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "softmax, step 1: the largest score", [('max_score', "greatest(" ~ scores | join(", ") ~ ")")], "max_scores") -%}

    {%- set columns = [] -%}
    {%- for c in range(n_classes) -%}
        {%- do columns.append(("exp_score_" ~ c, neural_net.nn_exp(neural_net.nn_score(c) ~ " - max_score"))) -%}
    {%- endfor -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "softmax, step 2: exponentials, shifted so that the largest is 1", columns, "exp_scores") -%}

    {%- set exps = [] -%}
    {%- for c in range(n_classes) -%}{%- do exps.append("exp_score_" ~ c) -%}{%- endfor -%}
    {%- set ns.sql = neural_net.nn_add_columns(ns.sql, "softmax, step 3: their sum (at least 1)", [('sum_exp', neural_net.nn_balanced(exps, "+"))], "sum_exps") -%}

    {%- set columns = [('log_sum_exp', "max_score + ln(sum_exp)")] -%}
    {%- for c in range(n_classes) -%}
        {%- do columns.append((neural_net.nn_probability(c), "exp_score_" ~ c ~ " / sum_exp")) -%}
    {%- endfor -%}
    {%- set argmax = [] -%}
    {%- for c in range(n_classes) -%}{%- do argmax.append("when " ~ neural_net.nn_score(c) ~ " = max_score then " ~ c) -%}{%- endfor -%}
    {%- do columns.append(('predicted_class', "case\n    " ~ argmax | join("\n    ") ~ "\nend")) -%}
    {{ return(neural_net.nn_add_columns(ns.sql, "softmax, step 4: log of the sum, class probabilities, and the predicted class", columns, "probabilities")) }}
{%- endmacro -%}

{#- -ln(probability of the row's label), on a row the forward pass has scored -#}
{%- macro nn_cross_entropy(n_classes) -%}
{{ neural_net.nn_cross_entropy_of(neural_net.nn_at_label(n_classes, 'score_')) }}
{%- endmacro -%}

{#- the same, from the SQL of the label's score -#}
{%- macro nn_cross_entropy_of(score_at_label) -%}
log_sum_exp - {{ score_at_label }}
{%- endmacro -%}

{#- d loss / d score_c, from the SQL of class c's probability and of c -#}
{%- macro nn_softmax_cross_entropy_gradient(probability, class_number) -%}
{{ probability }} - (case when label = {{ class_number }} then 1 else 0 end)
{%- endmacro -%}
