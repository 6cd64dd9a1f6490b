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
        2 x 4,096, Spark's arrays layout 2 x 50,000) -#}
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
    computed by the engine (DuckDB's 128-bit unsigned integers) instead of written into the SQL one by one: for
    the arrays layout's networks of up to 600,000 weights. Draw d takes the state x_t, t = d + 1, of the
    generator, written t = 4096 s + 64 q + r (r, q < 64); one step k at a time is x -> A_k x + C_k, so
      x_t = A_r (A_{64 q} x_{4096 s} + C_{64 q}) + C_r   (mod 2^64)
    with 64 (A_r, C_r), 64 (A_{64 q}, C_{64 q}) and one x_{4096 s} per 4,096 draws made here. -#}
{%- macro nn_uniform_numerators_sql(seed, count) -%}
    {{ return(adapter.dispatch('nn_uniform_numerators_sql', 'neural_net')(seed, count)) }}
{%- endmacro -%}

{#- Elsewhere (Spark), the numerators made here (nn_uniform_numerators), written into the SQL as one list (a
    literal over 2^31 is a BIGINT, so the list is one of BIGINTs). -#}
{%- macro default__nn_uniform_numerators_sql(seed, count) -%}
select {{ neural_net.nn_array(neural_net.nn_uniform_numerators(seed, count)) }} as numerators
{%- endmacro -%}

{%- macro duckdb__nn_uniform_numerators_sql(seed, count) -%}
    {%- set modulus = 18446744073709551616 -%}
    {%- set a, c = 6364136223846793005, 1442695040888963407 -%}
    {#- steps[k] = (A_k, C_k) for k = 0 .. 64 -#}
    {%- set steps = [(1, 0)] -%}
    {%- for _ in range(64) -%}{%- do steps.append(((a * steps[-1][0]) % modulus, (a * steps[-1][1] + c) % modulus)) -%}{%- endfor -%}
    {#- jumps[q] = (A_{64 q}, C_{64 q}) for q = 0 .. 64 -#}
    {%- set jumps = [(1, 0)] -%}
    {%- for _ in range(64) -%}
        {%- do jumps.append(((steps[64][0] * jumps[-1][0]) % modulus, (steps[64][0] * jumps[-1][1] + steps[64][1]) % modulus)) -%}
    {%- endfor -%}
    {#- states[s] = x_{4096 s} -#}
    {%- set states = [seed % modulus] -%}
    {%- for _ in range(count // 4096) -%}{%- do states.append((jumps[64][0] * states[-1] + jumps[64][1]) % modulus) -%}{%- endfor -%}
select list(cast(2 * (x // 4096) + 1 as {{ dbt.type_bigint() }}) order by t) as numerators
from (
    select
        blocks.s * 4096 + jumps.q * 64 + steps.r as t,
        (steps.multiplier * ((jumps.multiplier * blocks.x + jumps.increment) % {{ modulus }}::uhugeint) + steps.increment) % {{ modulus }}::uhugeint as x
    from (select unnest({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(states)) }}) as x, generate_subscripts({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(states)) }}, 1) - 1 as s) as blocks
    cross join (
        select unnest({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(jumps[:64] | map(attribute='0') | list)) }}) as multiplier,
               unnest({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(jumps[:64] | map(attribute='1') | list)) }}) as increment,
               generate_subscripts({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(jumps[:64] | map(attribute='1') | list)) }}, 1) - 1 as q
    ) as jumps
    cross join (
        select unnest({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(steps[:64] | map(attribute='0') | list)) }}) as multiplier,
               unnest({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(steps[:64] | map(attribute='1') | list)) }}) as increment,
               generate_subscripts({{ neural_net.nn_array(neural_net.nn_uhugeint_literals(steps[:64] | map(attribute='1') | list)) }}, 1) - 1 as r
    ) as steps
) as draws
where t between 1 and {{ count }}
{%- endmacro -%}

{%- macro nn_uhugeint_literals(numbers) -%}
    {%- set literals = [] -%}
    {%- for number in numbers -%}{%- do literals.append(number ~ "::uhugeint") -%}{%- endfor -%}
    {{ return(literals) }}
{%- endmacro -%}
