{#- Mini-batches (var batch_size): which training rows each iteration learns from. Deterministic, and the same
    on every engine: whole-number arithmetic on the row's index, no random function.

    The N training rows are numbered r = 0 .. N-1 in example_id order (nn_training_rows: row_index). An epoch
    is B = ceil(N / batch_size) iterations; the step from state i (i iterations done) is batch k = i mod B of
    epoch e = i div B. Each epoch shuffles the rows with a permutation of 0 .. N-1,
        position_e(r) = m_{e mod 8} (r + e) mod N
    and batch k is the rows at positions k batch_size .. (k+1) batch_size - 1: every batch holds batch_size
    rows, but the last of an epoch, which holds the rest, and each row is in exactly one batch per epoch.
    m_c is the smallest whole number >= max(1, floor(N f_c)) with no common divisor with N (so r -> m r mod N
    is a permutation), where f_c is the fractional part of the square root of the c-th prime: eight
    multipliers spread rows that are neighbours in example_id order across the batches, differently in
    consecutive epochs.

    The gradient of an iteration is the mean over its batch (nn_mean_gradient), and the loss and accuracy
    written to the history are the batch's. batch_size >= N is full-batch training (nn_batches returns none).
-#}

{#- The batch plan for N training rows: none for full batch, else {rows, size, count, multipliers}. N is none
    while dbt parses (nothing is read then). -#}
{%- macro nn_batches(batch_size, training_rows) -%}
    {%- if batch_size is none or training_rows is none or batch_size >= training_rows -%}{{ return(none) }}{%- endif -%}
    {%- set multipliers = [] -%}
    {%- for fraction in neural_net.nn_batch_fractions() -%}
        {%- set start = [1, (training_rows * fraction) | int] | max -%}
        {%- set found = namespace(multiplier=none) -%}
        {%- for candidate in range(start, start + 10000) if found.multiplier is none -%}
            {%- if neural_net.nn_greatest_common_divisor(candidate, training_rows) == 1 -%}{%- set found.multiplier = candidate -%}{%- endif -%}
        {%- endfor -%}
        {%- do multipliers.append(found.multiplier) -%}
    {%- endfor -%}
    {{ return({'rows': training_rows, 'size': batch_size, 'count': (training_rows + batch_size - 1) // batch_size,
               'multipliers': multipliers}) }}
{%- endmacro -%}

{#- fractional parts of the square roots of 2, 3, 5, 7, 11, 13, 17, 19 -#}
{%- macro nn_batch_fractions() -%}
    {{ return([0.4142135624, 0.7320508076, 0.2360679775, 0.6457513111, 0.3166247904, 0.6055512755, 0.1231056256, 0.3588989435]) }}
{%- endmacro -%}

{%- macro nn_greatest_common_divisor(a, b) -%}
    {%- set pair = namespace(a=a, b=b) -%}
    {%- for _ in range(200) if pair.b != 0 -%}
        {%- set remainder = pair.a % pair.b -%}
        {%- set pair.a = pair.b -%}
        {%- set pair.b = remainder -%}
    {%- endfor -%}
    {{ return(pair.a) }}
{%- endmacro -%}

{#- True when the training row numbered `row_index` is in the batch of the step from state `iteration`. -#}
{%- macro nn_in_batch(batches, row_index, iteration) -%}
    {%- set epoch = neural_net.nn_integer_division(iteration, batches.count) -%}
    {%- set pairs = [] -%}
    {%- for multiplier in batches.multipliers -%}{%- do pairs.append((loop.index0, multiplier)) -%}{%- endfor -%}
    {%- set position = "mod(\n    " ~ neural_net.nn_case_lookup("mod(" ~ epoch ~ ", 8)", pairs) | indent(4) ~ "\n    * (" ~ row_index ~ " + " ~ epoch ~ "),\n    " ~ batches.rows ~ "\n)" -%}
{{ neural_net.nn_integer_division(position, batches.size) }} = mod({{ iteration }}, {{ batches.count }})
{%- endmacro -%}
