{#- The relation to train on: the input_relation var ('table', 'schema.table' or 'database.schema.table'),
    or the project's seed `points`. -#}
{%- macro nn_input_relation() -%}
    {%- set name = var('input_relation') -%}
    {%- if name is none -%}
        {{ return(ref('points')) }}
    {%- endif -%}
    {{ return(nn_relation(name, 'input_relation')) }}
{%- endmacro -%}

{#- The relation a name given to `setting` stands for: 'table' or 'schema.table' (in the target's database and
    schema), or 'database.schema.table'. Each part must be a plain identifier. -#}
{%- macro nn_relation(name, setting) -%}
    {%- if name is not string -%}
        {{ nn_fail(setting ~ " must be a name such as 'schema.table'; got " ~ (name | tojson)) }}
    {%- endif -%}
    {%- set parts = name.split('.') -%}
    {%- if parts | length > 3 -%}
        {{ nn_fail(setting ~ " must be table, schema.table or database.schema.table; got " ~ (name | tojson)) }}
    {%- endif -%}
    {%- for part in parts -%}{%- do nn_identifier(part, setting) -%}{%- endfor -%}
    {%- set database = nn_target_database() -%}
    {%- if database is none and parts | length == 3 -%}
        {{ nn_fail(setting ~ " must be table or schema.table on " ~ target.type ~ "; got " ~ (name | tojson)) }}
    {%- endif -%}
    {%- set parts = [database, target.schema][:3 - parts | length] + parts -%}
    {{ return(api.Relation.create(database=parts[0], schema=parts[1], identifier=parts[2])) }}
{%- endmacro -%}
