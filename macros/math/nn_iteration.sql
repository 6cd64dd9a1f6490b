{#- One iteration of full-batch gradient descent, as one SELECT that yields one row: the next state.

    previous  a relation (or CTE name) holding states; the one with iteration < stop_at is stepped from.
              It is referenced exactly once.
    examples  the nn_examples relation; held-out rows are skipped.
    carry     columns of `previous` passed through unchanged (the chained block carries its history so).
    only_finite  true: a step whose loss or parameters are not finite yields no row (the recursive block
              stops there). The chained block passes false and tests nn_state_is_finite itself.

    Math (CS231n's case study; N = number of training rows):
      forward    see nn_forward
      loss       mean_n(log_sum_exp - score_label) + 0.5 reg sum(W^2)          biases are not regularised
      backward   dz{L+1}_c = probability_c - [label = c]                     gradient of a row's loss wrt score_c
                 dz{l}_j   = (sum_k dz{l+1}_k w{l+1}_j_k) act'(h{l}_j)       for hidden layers, output to input
      update     w{l}_i_j -= lr (sum_n h{l-1}_i dz{l}_j / N + reg w{l}_i_j)
                 b{l}_j   -= lr (sum_n dz{l}_j / N)
    The loss and accuracy reported on the new row are those of the PREVIOUS parameters: the forward pass of
    this iteration measures them on its way to the gradient. A step whose result is not finite yields no row,
    which stops the recursion (nn_training reports it).
-#}
{%- macro nn_iteration(spec, dims, previous, examples, stop_at, carry=[], only_finite=true) -%}
    {%- set output_layer = dims | length - 1 -%}
    {%- set n_classes = dims[output_layer] -%}
    {%- set parameters = nn_parameters(dims) -%}
    {%- set weights = parameters | selectattr('kind', 'equalto', 'weight') | map(attribute='name') | list -%}

    {#- The previous state, with its squared-weight sum for the L2 term, crossed with every training row. -#}
    {%- set squares = [] -%}
    {%- for w in weights -%}{%- do squares.append(w ~ " * " ~ w) -%}{%- endfor -%}
    {%- set ns = namespace(sql=None) -%}
    {%- set ns.sql -%}
select
    parameters.*,
{%- for i in range(dims[0]) %}
    examples.x_{{ i }} as {{ nn_unit(0, i) }},
{%- endfor %}
    examples.label
from {{ examples }} as examples
cross join (
    select
        *,
        -- sum of squared weights, for the L2 term of the loss
        {{ nn_balanced(squares, "+") | indent(8) }} as sum_squared_weights
    from {{ previous }}
    where iteration < {{ stop_at }}
) as parameters
where not examples.is_holdout
    {%- endset -%}

    {%- set ns.sql = nn_forward(spec, dims, ns.sql) -%}

    {#- Backward pass. -#}
    {%- set columns = [('label_score', nn_at_label(n_classes, 'score_'))] -%}
    {%- for c in range(n_classes) -%}
        {%- do columns.append((nn_delta(output_layer, c), nn_probability(c) ~ " - (case when label = " ~ c ~ " then 1 else 0 end)")) -%}
    {%- endfor -%}
    {%- set ns.sql = nn_add_columns(ns.sql, "backward, output layer: d loss / d score = probability - one_hot(label)", columns, "output_deltas") -%}

    {%- for layer in range(output_layer - 1, 0, -1) -%}
        {%- set columns = [] -%}
        {%- for j in range(dims[layer]) -%}
            {%- set terms = [] -%}
            {%- for k in range(dims[layer + 1]) -%}
                {%- do terms.append(nn_delta(layer + 1, k) ~ " * " ~ nn_weight(layer + 1, j, k)) -%}
            {%- endfor -%}
            {%- do columns.append((nn_delta(layer, j), "(\n    " ~ nn_balanced(terms, "+") | indent(4) ~ "\n) * " ~ nn_activation_backward(spec.activation, nn_unit(layer, j)))) -%}
        {%- endfor -%}
        {%- set ns.sql = nn_add_columns(ns.sql, "backward, hidden layer " ~ layer ~ ": d loss / d pre-activation", columns, "deltas_" ~ layer) -%}
    {%- endfor -%}

    {#- Update: one aggregate over all training rows. Parameters are the same on every row; any_value reads them. -#}
    {%- set lr = nn_float(spec.lr) -%}
    {%- set reg = nn_float(spec.reg) -%}
select *
from (
    select
        any_value(iteration) + 1 as iteration,
{%- for column in carry %}
        any_value({{ column }}) as {{ column }},
{%- endfor %}
        avg(log_sum_exp - label_score) + {{ nn_float(0.5) }} * {{ reg }} * any_value(sum_squared_weights) as loss,
        avg(case when predicted_class = label then {{ nn_float(1) }} else {{ nn_float(0) }} end) as train_accuracy,
{%- for p in parameters %}
    {%- if p.kind == 'weight' %}
        any_value({{ p.name }}) - {{ lr }} * (sum({{ nn_unit(p.layer - 1, p.i) }} * {{ nn_delta(p.layer, p.j) }}) / count(*) + {{ reg }} * any_value({{ p.name }})) as {{ p.name }}
    {%- else %}
        any_value({{ p.name }}) - {{ lr }} * (sum({{ nn_delta(p.layer, p.j) }}) / count(*)) as {{ p.name }}
    {%- endif %}{{ "," if not loop.last }}
{%- endfor %}
    from (
{{ ns.sql | indent(8, first=true) }}
    ) as gradients
    -- an aggregate over no rows still yields a row; this ends the recursion instead
    having count(*) > 0
) as step
{%- if only_finite %}
-- a step that overflowed ends the recursion: the history never holds a non-finite row
where {{ nn_state_is_finite(dims) }}
{%- endif %}
{%- endmacro -%}

{#- True when a state's loss and every parameter are finite. -#}
{%- macro nn_state_is_finite(dims) -%}
    {%- set checks = [nn_is_finite('loss')] -%}
    {%- for p in nn_parameters(dims) -%}{%- do checks.append(nn_is_finite(p.name)) -%}{%- endfor -%}
    {{ nn_balanced(checks, "and") }}
{%- endmacro -%}
