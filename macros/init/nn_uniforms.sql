{#- Deterministic uniform numbers, identical on every engine: the engines' random() differ, so the numbers are
    made here at compile time with integer arithmetic (Jinja integers are exact) and written into the SQL.

    Generator: Knuth's MMIX linear congruential generator, x <- (a x + c) mod 2^64, started from the seed.
    Each draw keeps the top 52 bits k of x and returns the odd integer 2k + 1; the uniform number in (0, 1) is
    (2k + 1) / 2^53, which a double holds exactly. tests/python/reference.py implements the same generator.
-#}
{%- macro nn_uniform_numerators(seed, count) -%}
    {%- set modulus = 18446744073709551616 -%}  {#- 2^64 -#}
    {%- set state = namespace(x=seed % modulus) -%}
    {%- set numerators = [] -%}
    {#- at most 100,000 draws: Jinja's sandbox refuses a longer range (the columns layout's networks need at most
        2 x 4,096, BigQuery's arrays layout 2 x 11,000) -#}
    {%- for _ in range(count) -%}
        {%- set state.x = (6364136223846793005 * state.x + 1442695040888963407) % modulus -%}
        {%- do numerators.append(2 * (state.x // 4096) + 1) -%}
    {%- endfor -%}
    {{ return(numerators) }}
{%- endmacro -%}

{%- macro nn_uniform_sql(numerator) -%}
    (cast({{ numerator }} as {{ neural_net.nn_float_type() }}) / {{ neural_net.nn_float(9007199254740992.0) }})
{%- endmacro -%}

{#- The same numerators for the draws 0 .. count-1, as a SELECT of one row holding them as a list, numerators,
    computed by the engine instead of written into the SQL one by one: for the arrays layout's networks of up to
    600,000 weights. Draw d takes the state x_t, t = d + 1, of the generator, written t = 4096 s + 64 q + r
    (r, q < 64); one step k at a time is x -> A_k x + C_k, so
      x_t = A_r (A_{64 q} x_{4096 s} + C_{64 q}) + C_r   (mod 2^64)
    with 64 (A_r, C_r), 64 (A_{64 q}, C_{64 q}) and one x_{4096 s} per 4,096 draws made here (nn_uniform_jumps).
    DuckDB computes in 128-bit unsigned integers, Spark in DECIMAL(38, 0) (nn_spark_multiply_mod_2_64). -#}
{%- macro nn_uniform_numerators_sql(seed, count) -%}
    {{ return(adapter.dispatch('nn_uniform_numerators_sql', 'neural_net')(seed, count)) }}
{%- endmacro -%}

{#- Elsewhere (BigQuery), the numerators made here (nn_uniform_numerators), written into the SQL as one list (a
    literal over 2^31 is a BIGINT, so the list is one of BIGINTs). -#}
{%- macro default__nn_uniform_numerators_sql(seed, count) -%}
select {{ neural_net.nn_array(neural_net.nn_uniform_numerators(seed, count)) }} as numerators
{%- endmacro -%}

{#- The jump-ahead tables of the generator, exact (Jinja integers): steps[k] = (A_k, C_k) for k = 0 .. 63,
    jumps[q] = (A_{64 q}, C_{64 q}) for q = 0 .. 63, and states[s] = x_{4096 s} for s = 0 .. count // 4096. -#}
{%- macro nn_uniform_jumps(seed, count) -%}
    {%- set modulus = 18446744073709551616 -%}
    {%- set a, c = 6364136223846793005, 1442695040888963407 -%}
    {%- set steps = [(1, 0)] -%}
    {%- for _ in range(64) -%}{%- do steps.append(((a * steps[-1][0]) % modulus, (a * steps[-1][1] + c) % modulus)) -%}{%- endfor -%}
    {%- set jumps = [(1, 0)] -%}
    {%- for _ in range(64) -%}
        {%- do jumps.append(((steps[64][0] * jumps[-1][0]) % modulus, (steps[64][0] * jumps[-1][1] + steps[64][1]) % modulus)) -%}
    {%- endfor -%}
    {%- set states = [seed % modulus] -%}
    {%- for _ in range(count // 4096) -%}{%- do states.append((jumps[64][0] * states[-1] + jumps[64][1]) % modulus) -%}{%- endfor -%}
    {{ return({'steps': steps[:64], 'jumps': jumps[:64], 'states': states}) }}
{%- endmacro -%}

{%- macro duckdb__nn_uniform_numerators_sql(seed, count) -%}
    {%- set modulus = 18446744073709551616 -%}
    {%- set tables = neural_net.nn_uniform_jumps(seed, count) -%}
    {%- set states = neural_net.nn_array(neural_net.nn_uhugeint_literals(tables.states)) -%}
select list(cast(2 * (x // 4096) + 1 as {{ dbt.type_bigint() }}) order by t) as numerators
from (
    select
        blocks.s * 4096 + jumps.q * 64 + steps.r as t,
        (steps.multiplier * ((jumps.multiplier * blocks.x + jumps.increment) % {{ modulus }}::uhugeint) + steps.increment) % {{ modulus }}::uhugeint as x
    from (select unnest({{ states }}) as x, generate_subscripts({{ states }}, 1) - 1 as s) as blocks
{%- for name, index in [('jumps', 'q'), ('steps', 'r')] %}
    {%- set multipliers = neural_net.nn_array(neural_net.nn_uhugeint_literals(tables[name] | map(attribute='0') | list)) %}
    cross join (
        select unnest({{ multipliers }}) as multiplier,
               unnest({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(tables[name] | map(attribute='1') | list)) }}) as increment,
               generate_subscripts({{ multipliers }}, 1) - 1 as {{ index }}
    ) as {{ name }}
{%- endfor %}
) as draws
where t between 1 and {{ count }}
{%- endmacro -%}

{%- macro nn_uhugeint_literals(numbers) -%}
    {%- set literals = [] -%}
    {%- for number in numbers -%}{%- do literals.append(number ~ "::uhugeint") -%}{%- endfor -%}
    {{ return(literals) }}
{%- endmacro -%}

{#- Spark has no 128-bit integers; its DECIMAL(38, 0) holds any whole number below 10^38 (about 2^126) exactly. -#}
{%- macro spark__nn_uniform_numerators_sql(seed, count) -%}
    {%- set tables = neural_net.nn_uniform_jumps(seed, count) -%}
    {%- set blocks = [] -%}
    {%- for x in tables.states -%}{%- do blocks.append("named_struct('s', " ~ loop.index0 ~ ", 'x', " ~ neural_net.nn_spark_whole_number(x) ~ ")") -%}{%- endfor -%}
select transform(array_sort(collect_list(struct(t, numerator))), draw -> draw.numerator) as numerators
from (
    select
        jumped.t + steps.r as t,
        2 * ({{ neural_net.nn_spark_add_mod_2_64(neural_net.nn_spark_multiply_mod_2_64('steps.multiplier', 'jumped.x'), 'steps.increment') }} div 4096) + 1 as numerator
    from (
        -- x_{4096 s + 64 q}
        select
            blocks.s * 4096 + jumps.q * 64 as t,
            {{ neural_net.nn_spark_add_mod_2_64(neural_net.nn_spark_multiply_mod_2_64('jumps.multiplier', 'blocks.x'), 'jumps.increment') }} as x
        from (select inline({{ neural_net.nn_array(blocks) }})) as blocks
        cross join ({{ neural_net.nn_spark_jump_table(tables.jumps, 'q') }}) as jumps
    ) as jumped
    cross join ({{ neural_net.nn_spark_jump_table(tables.steps, 'r') }}) as steps
) as draws
where t between 1 and {{ count }}
{%- endmacro -%}

{#- (A, C) pairs as rows: index, multiplier, increment -#}
{%- macro nn_spark_jump_table(pairs, index) -%}
    {%- set rows = [] -%}
    {%- for multiplier, increment in pairs -%}
        {%- do rows.append("named_struct('" ~ index ~ "', " ~ loop.index0 ~ ", 'multiplier', " ~ neural_net.nn_spark_whole_number(multiplier)
                           ~ ", 'increment', " ~ neural_net.nn_spark_whole_number(increment) ~ ")") -%}
    {%- endfor -%}
    select inline({{ neural_net.nn_array(rows) }})
{%- endmacro -%}

{%- macro nn_spark_whole_number(number) -%}cast({{ number }} as decimal(20, 0)){%- endmacro -%}

{#- (a x) mod 2^64 for whole numbers a, x below 2^64, exactly in DECIMAL(38, 0): x = 2^32 x_high + x_low, and
    a x = 2^32 (a x_high) + a x_low, where only (a x_high) mod 2^32 matters; every partial product is below 2^97. -#}
{%- macro nn_spark_multiply_mod_2_64(a, x) -%}
    pmod({{ a }} * pmod({{ x }}, 4294967296) + pmod({{ a }} * ({{ x }} div 4294967296), 4294967296) * 4294967296, 18446744073709551616)
{%- endmacro -%}

{%- macro nn_spark_add_mod_2_64(x, c) -%}pmod({{ x }} + {{ c }}, 18446744073709551616){%- endmacro -%}
