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
