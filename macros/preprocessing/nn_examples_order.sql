{#- The order that numbers the examples: by features, then label. The engines sort NULLs differently (first on
    BigQuery and Spark, last on DuckDB), so where a feature can be NULL (missing: impute) its NULLs go last. -#}
{%- macro nn_examples_order(spec) -%}
    {%- set keys = [] -%}
    {%- for feature in spec.features -%}
        {%- if spec.missing == 'impute' -%}{%- do keys.append('case when ' ~ feature ~ ' is null then 1 else 0 end') -%}{%- endif -%}
        {%- do keys.append(feature) -%}
    {%- endfor -%}
    {{ return((keys + [spec.label]) | join(', ')) }}
{%- endmacro -%}
