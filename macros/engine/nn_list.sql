{#- Lists of floats: what the arrays layout (nn_layout) computes with, on DuckDB (list functions, lambdas), on
    Spark (array functions, lambdas) and on BigQuery and PostgreSQL, which have no lambdas: there an element-wise
    function is an ARRAY(SELECT ...) subquery over UNNEST(list) WITH OFFSET (BigQuery; cast to INT64: the BigQuery
    emulator's offsets are floats, which its subscripts misread) or WITH ORDINALITY (PostgreSQL), ordered by it.

    A lambda's index argument and a list's subscript count from the same base on each engine (DuckDB and
    PostgreSQL 1, Spark and BigQuery 0): nn_list_at(list, index) reads the element at such an index; nn_list_base() is that
    base, for the arithmetic that turns an index into a number (a class, a unit) counted from 0.

    nn_list_transform(list, arguments, body)   [body for each element], arguments 'x' or 'x, index'
    nn_lists_transform(lists, body)            [body for each position k] over lists of one length, where body
                                               reads {name} as the element k of the list `name`
    nn_list_dot(a, b)                          sum of a[k] b[k]
    nn_list_sum(list), nn_list_max(list)
    nn_list_position(list, value)              the first position of value, counted from 1
    nn_list_range(n)                           [0, 1, ..., n - 1]
    nn_list_slice(list, start, length)         `length` elements from position `start`, counted from 0
    nn_list_all(list, element, condition)      true when the condition holds for every element
    nn_list_as_text(list)                      the list as text, '[x, y, ...]'

    The defaults are the SQL standard's where it has the operation (subscripts counted from 1, UNNEST in a
    subquery); where it has none (lambdas), a new engine must provide it (nn_unsupported).
-#}

{%- macro nn_list_base() -%}{{ return(adapter.dispatch('nn_list_base', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_list_base() -%}{{ return(1) }}{%- endmacro -%}
{%- macro bigquery__nn_list_base() -%}{{ return(0) }}{%- endmacro -%}
{%- macro spark__nn_list_base() -%}{{ return(0) }}{%- endmacro -%}

{%- macro nn_list_at(list, index) -%}{{ return(adapter.dispatch('nn_list_at', 'neural_net')(list, index)) }}{%- endmacro -%}
{%- macro default__nn_list_at(list, index) -%}{{ list }}[{{ index }}]{%- endmacro -%}
{%- macro bigquery__nn_list_at(list, index) -%}{{ list }}[offset({{ index }})]{%- endmacro -%}

{%- macro nn_list_transform(list, arguments, body) -%}{{ return(adapter.dispatch('nn_list_transform', 'neural_net')(list, arguments, body)) }}{%- endmacro -%}
{%- macro default__nn_list_transform(list, arguments, body) -%}{{ neural_net.nn_unsupported('nn_list_transform') }}{%- endmacro -%}
{%- macro spark__nn_list_transform(list, arguments, body) -%}
    {#- x -> body, or (x, i) -> body -#}
    transform({{ list }}, {{ ("(" ~ arguments ~ ")") if "," in arguments else arguments }} -> {{ body }})
{%- endmacro -%}
{%- macro duckdb__nn_list_transform(list, arguments, body) -%}list_transform({{ list }}, lambda {{ arguments }}: {{ body }}){%- endmacro -%}
{%- macro bigquery__nn_list_transform(list, arguments, body) -%}
    {%- set names = arguments.split(",") | map("trim") | list -%}
    {%- set element, index = names[0], (names[1] if names | length > 1 else names[0] ~ "_index") -%}
    array(select {{ body }} from (select {{ element }}, cast({{ element }}_offset as int64) as {{ index }} from unnest({{ list }}) as {{ element }} with offset as {{ element }}_offset) order by {{ index }})
{%- endmacro -%}
{%- macro postgres__nn_list_transform(list, arguments, body) -%}
    {%- set names = arguments.split(",") | map("trim") | list -%}
    {%- set element, index = names[0], (names[1] if names | length > 1 else names[0] ~ "_index") -%}
    array(select {{ body }} from unnest({{ list }}) with ordinality as {{ element }}_elements({{ element }}, {{ index }}) order by {{ index }})
{%- endmacro -%}

{#- Spark zips the lists first: a lambda that subscripted another list column could be handed that column's whole
    expression by Catalyst (CollapseProject inlines a column used once) and evaluate it once per element. -#}
{%- macro nn_lists_transform(lists, body) -%}{{ return(adapter.dispatch('nn_lists_transform', 'neural_net')(lists, body)) }}{%- endmacro -%}
{#- the default: over the first list's positions k, each list read at k -#}
{%- macro default__nn_lists_transform(lists, body) -%}
    {%- set ns = namespace(body=body) -%}
    {%- for name in lists -%}{%- set ns.body = ns.body | replace('{' ~ name ~ '}', neural_net.nn_list_at(name, 'k')) -%}{%- endfor -%}
    {{ return(neural_net.nn_list_transform(lists[0], "element, k", ns.body)) }}
{%- endmacro -%}
{%- macro spark__nn_lists_transform(lists, body) -%}
    {%- set ns = namespace(body=body) -%}
    {%- for name in lists -%}{%- set ns.body = ns.body | replace('{' ~ name ~ '}', 'zipped.' ~ name) -%}{%- endfor -%}
    transform(arrays_zip({{ lists | join(', ') }}), zipped -> {{ ns.body }})
{%- endmacro -%}

{%- macro nn_list_dot(a, b) -%}{{ return(adapter.dispatch('nn_list_dot', 'neural_net')(a, b)) }}{%- endmacro -%}
{%- macro default__nn_list_dot(a, b) -%}{{ neural_net.nn_unsupported('nn_list_dot') }}{%- endmacro -%}
{%- macro spark__nn_list_dot(a, b) -%}
    {{- neural_net.nn_list_sum("zip_with(" ~ a ~ ", " ~ b ~ ", (dot_a, dot_b) -> dot_a * dot_b)") -}}
{%- endmacro -%}
{%- macro duckdb__nn_list_dot(a, b) -%}list_inner_product({{ a }}, {{ b }}){%- endmacro -%}
{%- macro bigquery__nn_list_dot(a, b) -%}
    (select sum(dot_a * {{ b }}[offset(cast(dot_k as int64))]) from unnest({{ a }}) as dot_a with offset as dot_k)
{%- endmacro -%}
{%- macro postgres__nn_list_dot(a, b) -%}
    (select sum(dot_a * {{ b }}[dot_k]) from unnest({{ a }}) with ordinality as dot_elements(dot_a, dot_k))
{%- endmacro -%}

{%- macro nn_list_sum(list) -%}{{ return(adapter.dispatch('nn_list_sum', 'neural_net')(list)) }}{%- endmacro -%}
{%- macro default__nn_list_sum(list) -%}(select sum(addend) from unnest({{ list }}) as addend){%- endmacro -%}
{%- macro duckdb__nn_list_sum(list) -%}list_sum({{ list }}){%- endmacro -%}
{%- macro spark__nn_list_sum(list) -%}aggregate({{ list }}, {{ neural_net.nn_float(0) }}, (sum_so_far, addend) -> sum_so_far + addend){%- endmacro -%}

{%- macro nn_list_max(list) -%}{{ return(adapter.dispatch('nn_list_max', 'neural_net')(list)) }}{%- endmacro -%}
{%- macro default__nn_list_max(list) -%}(select max(element) from unnest({{ list }}) as element){%- endmacro -%}
{%- macro duckdb__nn_list_max(list) -%}list_max({{ list }}){%- endmacro -%}
{%- macro spark__nn_list_max(list) -%}array_max({{ list }}){%- endmacro -%}

{%- macro nn_list_position(list, value) -%}{{ return(adapter.dispatch('nn_list_position', 'neural_net')(list, value)) }}{%- endmacro -%}
{%- macro default__nn_list_position(list, value) -%}{{ neural_net.nn_unsupported('nn_list_position') }}{%- endmacro -%}
{%- macro spark__nn_list_position(list, value) -%}array_position({{ list }}, {{ value }}){%- endmacro -%}
{%- macro duckdb__nn_list_position(list, value) -%}list_position({{ list }}, {{ value }}){%- endmacro -%}
{%- macro postgres__nn_list_position(list, value) -%}array_position({{ list }}, {{ value }}){%- endmacro -%}
{%- macro bigquery__nn_list_position(list, value) -%}
    (select min(cast(position_k as int64)) + 1 from unnest({{ list }}) as position_value with offset as position_k where position_value = {{ value }})
{%- endmacro -%}

{%- macro nn_list_range(n) -%}{{ return(adapter.dispatch('nn_list_range', 'neural_net')(n)) }}{%- endmacro -%}
{%- macro default__nn_list_range(n) -%}{{ neural_net.nn_unsupported('nn_list_range') }}{%- endmacro -%}
{%- macro spark__nn_list_range(n) -%}sequence(0, {{ n }} - 1){%- endmacro -%}
{%- macro duckdb__nn_list_range(n) -%}range({{ n }}){%- endmacro -%}
{%- macro bigquery__nn_list_range(n) -%}generate_array(0, {{ n }} - 1){%- endmacro -%}
{%- macro postgres__nn_list_range(n) -%}array(select k from generate_series(0, {{ n }} - 1) as k order by k){%- endmacro -%}

{%- macro nn_list_slice(list, start, length) -%}{{ return(adapter.dispatch('nn_list_slice', 'neural_net')(list, start, length)) }}{%- endmacro -%}
{%- macro default__nn_list_slice(list, start, length) -%}{{ neural_net.nn_unsupported('nn_list_slice') }}{%- endmacro -%}
{%- macro spark__nn_list_slice(list, start, length) -%}slice({{ list }}, {{ start }} + 1, {{ length }}){%- endmacro -%}
{%- macro duckdb__nn_list_slice(list, start, length) -%}{{ list }}[{{ start }} + 1 : {{ start }} + {{ length }}]{%- endmacro -%}
{%- macro postgres__nn_list_slice(list, start, length) -%}{{ list }}[{{ start }} + 1 : {{ start }} + {{ length }}]{%- endmacro -%}
{%- macro bigquery__nn_list_slice(list, start, length) -%}
    array(select {{ list }}[offset(k)] from unnest(generate_array({{ start }}, {{ start }} + {{ length }} - 1)) as k order by k)
{%- endmacro -%}

{%- macro nn_list_all(list, element, condition) -%}{{ return(adapter.dispatch('nn_list_all', 'neural_net')(list, element, condition)) }}{%- endmacro -%}
{%- macro default__nn_list_all(list, element, condition) -%}(select min(case when {{ condition }} then 1 else 0 end) = 1 from unnest({{ list }}) as {{ element }}){%- endmacro -%}
{%- macro spark__nn_list_all(list, element, condition) -%}forall({{ list }}, {{ element }} -> {{ condition }}){%- endmacro -%}
{%- macro duckdb__nn_list_all(list, element, condition) -%}list_bool_and(list_transform({{ list }}, lambda {{ element }}: {{ condition }})){%- endmacro -%}
{%- macro bigquery__nn_list_all(list, element, condition) -%}(select logical_and({{ condition }}) from unnest({{ list }}) as {{ element }}){%- endmacro -%}

{%- macro nn_list_as_text(list) -%}{{ return(adapter.dispatch('nn_list_as_text', 'neural_net')(list)) }}{%- endmacro -%}
{%- macro default__nn_list_as_text(list) -%}{{ neural_net.nn_unsupported('nn_list_as_text') }}{%- endmacro -%}
{%- macro duckdb__nn_list_as_text(list) -%}cast({{ list }} as {{ dbt.type_string() }}){%- endmacro -%}
{%- macro bigquery__nn_list_as_text(list) -%}to_json_string({{ list }}){%- endmacro -%}
{%- macro spark__nn_list_as_text(list) -%}cast({{ list }} as {{ dbt.type_string() }}){%- endmacro -%}
{%- macro postgres__nn_list_as_text(list) -%}cast(array_to_json({{ list }}) as text){%- endmacro -%}

{#- The type of a list of floats. -#}
{%- macro nn_float_list_type() -%}{{ return(adapter.dispatch('nn_float_list_type', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_float_list_type() -%}{{ neural_net.nn_float_type() }} array{%- endmacro -%}
{%- macro duckdb__nn_float_list_type() -%}{{ neural_net.nn_float_type() }}[]{%- endmacro -%}
{%- macro bigquery__nn_float_list_type() -%}array<{{ neural_net.nn_float_type() }}>{%- endmacro -%}
{%- macro spark__nn_float_list_type() -%}array<{{ neural_net.nn_float_type() }}>{%- endmacro -%}
{%- macro postgres__nn_float_list_type() -%}{{ neural_net.nn_float_type() }}[]{%- endmacro -%}
