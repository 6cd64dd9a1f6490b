{#- Checks the input relation before anything is built from it, and fails with every problem found, each naming
    the column and what is wrong. Runs when nn_examples is built, so bad data never reaches training. Returns
    the label's column (its type decides how the label names classes: nn_label_classes). -#}
{%- macro nn_validate_input(relation, spec) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set found = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {%- if found is none -%}
        {{ nn_fail("input relation " ~ relation ~ " does not exist (set input_relation, or run dbt seed for the example data)") }}
    {%- endif -%}

    {#- Columns: present and numeric. -#}
    {%- set types = {} -%}
    {%- for column in adapter.get_columns_in_relation(found) -%}
        {%- do types.update({column.name | lower: column}) -%}
    {%- endfor -%}
    {%- set problems = [] -%}
    {%- for name in spec.features + [spec.label] -%}
        {%- set column = types.get(name | lower) -%}
        {%- if column is none -%}
            {%- do problems.append("column " ~ name ~ " is missing (the relation has: " ~ (types.keys() | list | join(', ')) ~ ")") -%}
        {%- elif name == spec.label and nn_is_text_or_boolean_column(column) -%}
            {#- a label of names or yes/no: its values are the classes (nn_label_classes) -#}
        {%- elif not nn_is_numeric_column(column) -%}
            {%- do problems.append("column " ~ name ~ " has type " ~ column.data_type ~ "; it must be numeric"
                ~ ("" if name != spec.label else " (whole class numbers), text or boolean")) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ nn_fail("bad input relation " ~ relation ~ ": " ~ problems | join("; ")) }}
    {%- endif -%}
    {%- set label_column = types.get(spec.label | lower) -%}
    {%- set numeric_label = nn_is_numeric_column(label_column) -%}

    {#- Values: one pass over the data. -#}
    {%- set float = nn_float_type() -%}
    {%- set checks = [('rows', 'count(*)')] -%}
    {%- for name in spec.features -%}
        {%- do checks.append((name ~ ' null', 'count(*) - count(' ~ name ~ ')')) -%}
        {%- do checks.append((name ~ ' not finite', 'sum(case when not ' ~ nn_is_finite('cast(' ~ name ~ ' as ' ~ float ~ ')') ~ ' then 1 else 0 end)')) -%}
    {%- endfor -%}
    {%- set label = spec.label -%}
    {%- do checks.append(('rows with a null feature', 'sum(case when ' ~ nn_any_null(spec.features) ~ ' then 1 else 0 end)')) -%}
    {%- do checks.append((label ~ ' null', 'count(*) - count(' ~ label ~ ')')) -%}
    {%- set usable = label ~ ' is not null' ~ ((' and not (' ~ nn_any_null(spec.features) ~ ')') if spec.missing == 'drop' else '') -%}
    {%- do checks.append(('usable rows', 'sum(case when ' ~ usable ~ ' then 1 else 0 end)')) -%}
    {%- if numeric_label -%}
        {%- do checks.append((label ~ ' not a whole number', 'sum(case when cast(' ~ label ~ ' as ' ~ float ~ ') <> floor(cast(' ~ label ~ ' as ' ~ float ~ ')) then 1 else 0 end)')) -%}
        {%- do checks.append((label ~ ' min', 'min(cast(' ~ label ~ ' as ' ~ float ~ '))')) -%}
        {%- do checks.append((label ~ ' max', 'max(cast(' ~ label ~ ' as ' ~ float ~ '))')) -%}
    {%- endif -%}
    {%- do checks.append((label ~ ' classes', 'count(distinct ' ~ label ~ ')')) -%}
    {%- set query -%}
        select
        {%- for check in checks %}
            {{ check[1] }} as check_{{ loop.index }}{{ "," if not loop.last }}
        {%- endfor %}
        from {{ relation }}
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- set result = {} -%}
    {%- for check in checks -%}{%- do result.update({check[0]: row[loop.index0]}) -%}{%- endfor -%}

    {%- if result['rows'] == 0 -%}
        {{ nn_fail("input relation " ~ relation ~ " is empty") }}
    {%- endif -%}
    {%- for name in spec.features -%}
        {%- if result[name ~ ' null'] > 0 and spec.missing == 'error' -%}
            {%- do problems.append("feature " ~ name ~ " is NULL in " ~ result[name ~ ' null'] ~ " rows (set missing: impute or drop to train on them)") -%}
        {%- elif result[name ~ ' not finite'] > 0 -%}{%- do problems.append("feature " ~ name ~ " is NaN or infinite in " ~ result[name ~ ' not finite'] ~ " rows") -%}
        {%- endif -%}
    {%- endfor -%}

    {#- Rows left out (nn_examples): a NULL label always; a NULL feature when missing = drop. -#}
    {%- set left_out = [] -%}
    {%- if result[label ~ ' null'] > 0 -%}
        {%- do left_out.append(result[label ~ ' null'] ~ " with a NULL label") -%}
    {%- endif -%}
    {%- if spec.missing == 'drop' and result['rows with a null feature'] > 0 -%}
        {%- do left_out.append(result['rows with a null feature'] ~ " with a NULL feature (missing: drop)") -%}
    {%- endif -%}
    {{ log("nn_examples: " ~ result['rows'] ~ " rows in " ~ relation ~ (("; left out: " ~ left_out | join(", ")) if left_out else ""), info=True) }}

    {%- if result['usable rows'] == 0 -%}
        {%- do problems.append("no row is left to train on: " ~ left_out | join(", ")) -%}
    {%- elif not numeric_label -%}
        {%- if result[label ~ ' classes'] < 2 -%}
            {%- do problems.append("label " ~ label ~ " has a single value; a classifier needs at least 2") -%}
        {%- elif result[label ~ ' classes'] > 1000 -%}
            {%- do problems.append("label " ~ label ~ " has " ~ result[label ~ ' classes'] ~ " distinct values; at most 1000 classes are supported") -%}
        {%- endif -%}
    {%- elif result[label ~ ' not a whole number'] > 0 -%}
        {%- do problems.append("label " ~ label ~ " must hold whole class numbers 0, 1, ...; " ~ result[label ~ ' not a whole number'] ~ " rows do not") -%}
    {%- else -%}
        {%- set high = spec.n_classes - 1 if spec.n_classes is not none else none -%}
        {%- if result[label ~ ' min'] < 0 or (high is not none and result[label ~ ' max'] > high) -%}
            {%- do problems.append("label " ~ label ~ " must lie in 0.." ~ (high if high is not none else "n_classes-1")
                ~ "; found values from " ~ (result[label ~ ' min'] | int) ~ " to " ~ (result[label ~ ' max'] | int)) -%}
        {%- elif result[label ~ ' classes'] < 2 -%}
            {%- do problems.append("label " ~ label ~ " has a single class (" ~ (result[label ~ ' min'] | int) ~ "); a classifier needs at least 2") -%}
        {%- elif result[label ~ ' max'] > 999 -%}
            {%- do problems.append("label " ~ label ~ " goes up to " ~ (result[label ~ ' max'] | int) ~ "; at most 1000 classes are supported") -%}
        {%- endif -%}
    {%- endif -%}
    {%- if problems -%}
        {{ nn_fail("bad input relation " ~ relation ~ ": " ~ problems | join("; ")) }}
    {%- endif -%}
    {{ return(label_column) }}
{%- endmacro -%}

{#- Text (VARCHAR, STRING) or boolean: a label of this type is a set of named classes. -#}
{%- macro nn_is_text_or_boolean_column(column) -%}
    {{ return(column.is_string() or modules.re.match('^(bool|boolean|string|varchar|text)\\b', column.data_type | lower) is not none) }}
{%- endmacro -%}

{#- dbt's Column knows the numeric types of most adapters; Spark's reports int, bigint, double by name only. -#}
{%- macro nn_is_numeric_column(column) -%}
    {%- set type_name = column.data_type | lower -%}
    {{ return(column.is_numeric() or column.is_float() or column.is_integer()
              or modules.re.match('^(tinyint|smallint|int|bigint|float|double|decimal)\\b', type_name) is not none) }}
{%- endmacro -%}

{#- True when any of the columns is NULL (balanced, so that a thousand columns stay within expression depth). -#}
{%- macro nn_any_null(columns) -%}
    {%- set checks = [] -%}
    {%- for name in columns -%}{%- do checks.append(name ~ ' is null') -%}{%- endfor -%}
    {{ return(nn_balanced(checks, 'or')) }}
{%- endmacro -%}
