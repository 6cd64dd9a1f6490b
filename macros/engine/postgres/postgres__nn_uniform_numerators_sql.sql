{#- The generator's numerators on PostgreSQL, in NUMERIC, whose whole numbers are exact at any size
    (nn_uniform_numerators_sql explains the jumps; WITH ORDINALITY counts from 1). -#}
{%- macro postgres__nn_uniform_numerators_sql(seed, count) -%}
    {%- set modulus = 18446744073709551616 -%}
    {%- set tables = neural_net.nn_uniform_jumps(seed, count) -%}
select array_agg(cast(2 * div(x, 4096) + 1 as {{ dbt.type_bigint() }}) order by t) as numerators
from (
    select
        (blocks.s - 1) * 4096 + (jumps.q - 1) * 64 + (steps.r - 1) as t,
        mod(steps.multiplier * mod(jumps.multiplier * blocks.x + jumps.increment, {{ modulus }}) + steps.increment, {{ modulus }}) as x
    from unnest(cast({{ neural_net.nn_array(tables.states) }} as numeric[])) with ordinality as blocks(x, s)
{%- for name, index in [('jumps', 'q'), ('steps', 'r')] %}
    cross join unnest(cast({{ neural_net.nn_array(tables[name] | map(attribute='0') | list) }} as numeric[]),
                      cast({{ neural_net.nn_array(tables[name] | map(attribute='1') | list) }} as numeric[])) with ordinality as {{ name }}(multiplier, increment, {{ index }})
{%- endfor %}
) as draws
where t between 1 and {{ count }}
{%- endmacro -%}
