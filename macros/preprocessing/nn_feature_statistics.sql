{#- {features: {feature index: [mean, std, minimum, maximum]}, validation_rows, training_rows}: the numeric
    features `numeric` (indexes of x_<i>) of the training rows of `examples` (NULLs left out; early_stopping's
    validation rows counted among them), and how many training rows are and are not validation rows (none when
    there is no training row).

    default   one row: four aggregates per feature, in as few queries as the engine's columns per SELECT allow
              (PostgreSQL: 1,664, so one per 415 features)
    Spark     one row per feature, the columns unpivoted (stack) and grouped: Spark plans and compiles one
              aggregate per column of a wide row slowly (60 rows of 1,000 features: 9.4 s in one row, 0.5 s
              unpivoted; 2026-12-06, a warm local session). The same aggregates over the same values. -#}
{%- macro nn_feature_statistics(examples, numeric) -%}
    {{ return(adapter.dispatch('nn_feature_statistics', 'neural_net')(examples, numeric)) }}
{%- endmacro -%}

{%- macro default__nn_feature_statistics(examples, numeric) -%}
    {%- set most = neural_net.nn_capability('max_select_columns') -%}
    {%- set per_query = [(most - 2) // 4 if most is not none else numeric | length, 1] | max -%}
    {%- set found = {'features': {}, 'validation_rows': none, 'training_rows': none} -%}
    {%- for first in range(0, [numeric | length, 1] | max, per_query) -%}
        {%- set query -%}
        select
        {%- for i in numeric[first:first + per_query] %}
            avg(x_{{ i }}) as mean_{{ i }},
            stddev_pop(x_{{ i }}) as std_{{ i }},
            min(x_{{ i }}) as minimum_{{ i }},
            max(x_{{ i }}) as maximum_{{ i }},
        {%- endfor %}
            sum(case when is_validation then 1 else 0 end) as validation_rows,
            sum(case when is_validation then 0 else 1 end) as training_rows
        from {{ examples }}
        where not is_holdout
        {%- endset -%}
        {%- set row = run_query(query).rows[0] | list -%}
        {%- for i in numeric[first:first + per_query] -%}
            {%- do found.features.update({i: row[4 * loop.index0:4 * loop.index0 + 4]}) -%}
        {%- endfor -%}
        {%- do found.update({'validation_rows': row[-2], 'training_rows': row[-1]}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro -%}

{%- macro spark__nn_feature_statistics(examples, numeric) -%}
    {%- if not numeric -%}{{ return(neural_net.default__nn_feature_statistics(examples, numeric)) }}{%- endif -%}
    {%- set float = neural_net.nn_float_type() -%}
    {%- set query -%}
        select
            feature,
            avg(value) as mean,
            stddev_pop(value) as std,
            min(value) as minimum,
            max(value) as maximum,
            sum(case when is_validation then 1 else 0 end) as validation_rows,
            sum(case when is_validation then 0 else 1 end) as training_rows
        from (
            -- one row per training row and feature
            select
                stack({{ numeric | length }},
                {%- for i in numeric %}
                    {{ i }}, cast(x_{{ i }} as {{ float }}){{ "," if not loop.last else ")" }}
                {%- endfor %} as (feature, value),
                is_validation
            from {{ examples }}
            where not is_holdout
        ) as feature_values
        group by feature
    {%- endset -%}
    {%- set found = {'features': {}, 'validation_rows': none, 'training_rows': none} -%}
    {%- for row in run_query(query).rows -%}
        {%- set values = row | list -%}
        {%- do found.features.update({values[0] | int: values[1:5]}) -%}
        {%- do found.update({'validation_rows': values[5], 'training_rows': values[6]}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro -%}
