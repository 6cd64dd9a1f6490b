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
    {#- in chunks: Jinja's sandbox refuses a range of more than 100,000 numbers -#}
    {%- for start in range(0, count, 50000) -%}
        {%- for _ in range([count - start, 50000] | min) -%}
            {%- set state.x = (6364136223846793005 * state.x + 1442695040888963407) % modulus -%}
            {%- do numerators.append(2 * (state.x // 4096) + 1) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(numerators) }}
{%- endmacro -%}

{%- macro nn_uniform_sql(numerator) -%}
    (cast({{ numerator }} as {{ nn_float_type() }}) / {{ nn_float(9007199254740992.0) }})
{%- endmacro -%}
