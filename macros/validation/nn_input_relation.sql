{#- The relation to train on: a named network's own model (nn_network), the input_relation setting ('table',
    'schema.table' or 'database.schema.table'), or this project's example seed `points`. -#}
{%- macro nn_input_relation() -%}
    {%- set network = neural_net.nn_network() -%}
    {%- set name = neural_net.nn_settings().input_relation -%}
    {%- if network is not none and name is not none -%}
        {{ neural_net.nn_fail("network " ~ network ~ " reads its own model; input_relation does not apply to it") }}
    {%- elif network is not none -%}
        {{ return(neural_net.nn_network_input(network)) }}
    {%- elif name is none -%}
        {{ return(ref('neural_net', 'points')) }}
    {%- endif -%}
    {{ return(neural_net.nn_relation(name, 'input_relation')) }}
{%- endmacro -%}

{#- The relation a name given to `setting` stands for: 'table' or 'schema.table' (in the target's database and
    schema), or 'database.schema.table'. Each part must be a plain identifier. -#}
{%- macro nn_relation(name, setting) -%}
    {%- if name is not string -%}
        {{ neural_net.nn_fail(setting ~ " must be a name such as 'schema.table'; got " ~ (name | tojson)) }}
    {%- endif -%}
    {%- set parts = name.split('.') -%}
    {%- if parts | length > 3 -%}
        {{ neural_net.nn_fail(setting ~ " must be table, schema.table or database.schema.table; got " ~ (name | tojson)) }}
    {%- endif -%}
    {%- for part in parts -%}{%- do neural_net.nn_identifier(part, setting) -%}{%- endfor -%}
    {%- set database = neural_net.nn_target_database() -%}
    {%- if database is none and parts | length == 3 -%}
        {{ neural_net.nn_fail(setting ~ " must be table or schema.table on " ~ target.type ~ "; got " ~ (name | tojson)) }}
    {%- endif -%}
    {%- set parts = [database, target.schema][:3 - parts | length] + parts -%}
    {{ return(api.Relation.create(database=parts[0], schema=parts[1], identifier=parts[2])) }}
{%- endmacro -%}
