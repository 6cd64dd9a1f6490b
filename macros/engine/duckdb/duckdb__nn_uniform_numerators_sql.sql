{#- The generator's numerators on DuckDB, in 128-bit unsigned integers (nn_uniform_numerators_sql explains the jumps). -#}
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
