{#- Deterministic uniform numbers, identical on every engine: the engines' random() differ, so the numbers are
    made here at compile time with integer arithmetic (Jinja integers are exact) and written into the SQL.

    Generator: Knuth's MMIX linear congruential generator, x <- (a x + c) mod 2^64, started from the seed.
    Each draw keeps the top 52 bits k of x and returns the odd integer 2k + 1; the uniform number in (0, 1) is
    (2k + 1) / 2^53, which a double holds exactly. neural_net_sql/reference.py implements the same generator.
-#}
{%- macro nn_uniform_numerators(seed, count) -%}
    {%- set modulus = 18446744073709551616 -%}  {#- 2^64 -#}
    {%- set state = namespace(x=seed % modulus) -%}
    {%- set numerators = [] -%}
    {#- at most 100,000 draws: Jinja's sandbox refuses a longer range (the columns layout's networks need at most
        2 x 4,096, BigQuery's arrays layout 2 x 11,000; the other engines make them: nn_uniform_numerators_sql) -#}
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
    DuckDB computes in 128-bit unsigned integers, Spark in DECIMAL(38, 0) (nn_spark_multiply_mod_2_64),
    PostgreSQL in NUMERIC: their forms are in macros/engine/duckdb/, macros/engine/spark/ and macros/engine/postgres/. -#}
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
