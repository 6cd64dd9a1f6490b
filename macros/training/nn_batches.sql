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

    Two ways to hand an iteration its batch, the same rows either way:
      nn_in_batch          a filter over all N training rows, evaluated by every iteration (the chained block:
                           BigQuery and Spark)
      nn_block_batch_rows  the block's batches, computed once per block: one row per (training row, step) with
                           the step in batch_step, so an iteration reads the block's K B rows, not N (DuckDB's
                           recursive block, when K B <= N: nn_uses_block_batches)
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


{#- True when a block of `steps` iterations hands each its batch from nn_block_batch_rows: the block takes a
    step (a finished history compiles a block of none), and its batches hold no more rows than the training
    rows (K B <= N), so every iteration reads fewer rows than a filter would. -#}
{%- macro nn_uses_block_batches(batches, steps) -%}
    {{ return(batches is not none and steps > 0 and steps * batches.size <= batches.rows) }}
{%- endmacro -%}

{#- The batches of the steps from states first .. stop_at - 1, as a SELECT over `training_rows` (nn_training_rows):
    each training row once for every step of the block whose batch holds it, with that step in batch_step; with
    early stopping, the validation rows once each, batch_step NULL. first < stop_at. A block spans at most two
    epochs when K B <= N (K steps, an epoch of ceil(N / B) >= K steps), and reads the training rows once per
    epoch it spans; each epoch's rows come in the order of training_rows. -#}
{%- macro nn_block_batch_rows(batches, training_rows, first, stop_at, early_stopping=false) -%}
    {%- set selects = [] -%}
    {%- for epoch in range(first // batches.count, (stop_at - 1) // batches.count + 1) -%}
        {%- set position = neural_net.nn_integer_remainder(batches.multipliers[epoch % 8] ~ " * (training_rows.row_index + " ~ epoch ~ ")", batches.rows) -%}
        {%- set step = (epoch * batches.count) ~ " + " ~ neural_net.nn_integer_division(position, batches.size) -%}
        {%- set select -%}
select * from (
    -- epoch {{ epoch }}: steps {{ epoch * batches.count }} .. {{ (epoch + 1) * batches.count - 1 }}
    select
        training_rows.*,
        {{ step }} as batch_step
    from {{ training_rows }} as training_rows
    {%- if early_stopping %}
    where not training_rows.is_validation
    {%- endif %}
) as epoch_{{ epoch }}
where batch_step >= {{ first }} and batch_step < {{ stop_at }}
        {%- endset -%}
        {%- do selects.append(select) -%}
    {%- endfor -%}
    {%- if early_stopping -%}
        {%- set select -%}
-- the validation rows, measured by every step
select training_rows.*, cast(null as {{ dbt.type_bigint() }}) as batch_step
from {{ training_rows }} as training_rows
where training_rows.is_validation
        {%- endset -%}
        {%- do selects.append(select) -%}
    {%- endif -%}
{{ selects | join("\nunion all\n") }}
{%- endmacro -%}

{#- The WHERE clause of a step's rows: none in full batch, else nn_step_rows_filter's condition. -#}
{%- macro nn_step_rows_where(spec, batches, block_batches) -%}
{%- if batches is not none -%}
where {{ neural_net.nn_step_rows_filter(spec, batches, block_batches) }}
{%- endif -%}
{%- endmacro -%}

{#- The WHERE condition that keeps the training rows of the step from state parameters.iteration: its batch,
    and with early stopping the validation rows. block_batches: training_rows is nn_block_batch_rows; the
    step is compared as a difference, not as batch_step = iteration, which DuckDB would run as a hash join
    whose rows come out in another order: the batch's sums then differ in the last bits from the filter's
    (both orders are tested equal, bit for bit, in test_batches). -#}
{%- macro nn_step_rows_filter(spec, batches, block_batches=false) -%}
{{ "training_rows.is_validation or " if spec.early_stopping }}
{%- if block_batches -%}
training_rows.batch_step - parameters.iteration = 0
{%- else -%}
{{ neural_net.nn_in_batch(batches, 'training_rows.row_index', 'parameters.iteration') }}
{%- endif -%}
{%- endmacro -%}
