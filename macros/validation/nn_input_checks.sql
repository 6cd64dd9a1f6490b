{#- {key: value} of the input checks, in one pass over `relation`: each of `checks` is (key, an aggregate's SQL),
    each of `feature_checks` (key, a condition on one row), whose value is how many rows meet it (0 on an empty
    relation).

    default   one row: every check a column
    Spark     the feature checks unpivoted (stack) and grouped, one row per check, beside one row of the others:
              Spark plans and compiles one aggregate per column of a wide row slowly (nn_feature_statistics). -#}
{%- macro nn_input_checks(relation, checks, feature_checks) -%}
    {{ return(adapter.dispatch('nn_input_checks', 'neural_net')(relation, checks, feature_checks)) }}
{%- endmacro -%}

{%- macro default__nn_input_checks(relation, checks, feature_checks) -%}
    {%- set all_checks = checks | list -%}
    {%- for key, condition in feature_checks -%}
        {%- do all_checks.append((key, 'coalesce(sum(case when ' ~ condition ~ ' then 1 else 0 end), 0)')) -%}
    {%- endfor -%}
    {%- set query -%}
        select
        {%- for check in all_checks %}
            {{ check[1] }} as check_{{ loop.index }}{{ "," if not loop.last }}
        {%- endfor %}
        from {{ relation }}
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- set result = {} -%}
    {%- for check in all_checks -%}{%- do result.update({check[0]: row[loop.index0]}) -%}{%- endfor -%}
    {{ return(result) }}
{%- endmacro -%}

{%- macro spark__nn_input_checks(relation, checks, feature_checks) -%}
    {%- set result = neural_net.default__nn_input_checks(relation, checks, []) -%}
    {%- if not feature_checks -%}{{ return(result) }}{%- endif -%}
    {%- set query -%}
        select check_number, sum(met) as rows_met
        from (
            -- one row per input row and check: 1 where the row meets it
            select stack({{ feature_checks | length }},
            {%- for key, condition in feature_checks %}
                {{ loop.index0 }}, case when {{ condition }} then 1 else 0 end{{ "," if not loop.last else ")" }}
            {%- endfor %} as (check_number, met)
            from {{ relation }}
        ) as checks_met
        group by check_number
    {%- endset -%}
    {%- for key, condition in feature_checks -%}{%- do result.update({key: 0}) -%}{%- endfor -%}
    {%- for row in run_query(query).rows -%}
        {%- do result.update({feature_checks[row[0] | int][0]: row[1] | int}) -%}
    {%- endfor -%}
    {{ return(result) }}
{%- endmacro -%}
