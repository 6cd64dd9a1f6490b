{#- The order that numbers the examples: by features, then label (nn_examples' positional names x_0, x_1, ...
    and label_value). The engines sort NULLs differently (first on BigQuery and Spark, last on DuckDB), so where
    a feature can be NULL (missing: impute) its NULLs go last. -#}
{%- macro nn_examples_order(spec) -%}
    {%- set keys = [] -%}
    {%- for feature in spec.features -%}
        {%- set column = 'x_' ~ loop.index0 -%}
        {%- if spec.missing == 'impute' -%}{%- do keys.append('case when ' ~ column ~ ' is null then 1 else 0 end') -%}{%- endif -%}
        {%- do keys.append(column) -%}
    {%- endfor -%}
    {{ return((keys + ['label_value']) | join(', ')) }}
{%- endmacro -%}
