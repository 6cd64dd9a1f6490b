{#- Checks the input relation before anything is built from it, and fails with every problem found, each naming
    the column and what is wrong. Runs when nn_examples is built, so bad data never reaches training. Returns
    {'task': classification or regression: the task var, or when it is null regression exactly when the label
             is numeric and either of a type with fractions (float, double, decimal) or holds more than 100
             distinct values,
     'label_column': the label's column (its type decides how the label names classes: nn_label_classes),
     'categorical': the features to one-hot encode: those listed in the categorical var, or when it is null the
                    text and boolean ones,
     'split_key_kind': how nn_row_text writes the split_key column: whole, number or text}. -#}
{%- macro nn_validate_input(relation, spec) -%}
    {%- if not execute -%}{{ return({'task': spec.task or 'classification', 'label_column': none, 'categorical': [], 'split_key_kind': 'text'}) }}{%- endif -%}
    {%- set found = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {%- if found is none -%}
        {{ neural_net.nn_fail("input relation " ~ relation ~ " does not exist (set input_relation, or run dbt seed for the example data)") }}
    {%- endif -%}

    {#- Columns: present, and of a type their role allows. -#}
    {%- set types = {} -%}
    {%- for column in adapter.get_columns_in_relation(found) -%}
        {%- do types.update({column.name | lower: column}) -%}
    {%- endfor -%}
    {%- set problems = [] -%}
    {%- set categorical = [] -%}
    {%- for name in spec.features + [spec.label] -%}
        {%- set column = types.get(name | lower) -%}
        {%- set listed = spec.categorical is none or name in spec.categorical -%}
        {%- if column is none -%}
            {%- do problems.append("column " ~ name ~ " is missing (the relation has: " ~ (types.keys() | list | join(', ')) ~ ")") -%}
        {%- elif name == spec.label and neural_net.nn_is_text_or_boolean_column(column) and spec.task == 'regression' -%}
            {%- do problems.append("label " ~ name ~ " has type " ~ column.data_type ~ ", but task is regression: a regression target must be numeric") -%}
        {%- elif name == spec.label and neural_net.nn_is_text_or_boolean_column(column) -%}
            {#- a label of names or yes/no: its values are the classes (nn_label_classes) -#}
        {%- elif name != spec.label and neural_net.nn_is_text_or_boolean_column(column) -%}
            {%- if listed -%}
                {%- do categorical.append(name) -%}
            {%- else -%}
                {%- do problems.append("feature " ~ name ~ " has type " ~ column.data_type ~ ", which can only be one-hot encoded: "
                    ~ "add it to categorical (now " ~ spec.categorical ~ "), or leave categorical null") -%}
            {%- endif -%}
        {%- elif name != spec.label and spec.categorical and name in spec.categorical -%}
            {%- if neural_net.nn_is_integer_column(column) -%}
                {%- do categorical.append(name) -%}
            {%- else -%}
                {%- do problems.append("feature " ~ name ~ " is listed in categorical but has type " ~ column.data_type
                    ~ "; a categorical feature must be text, boolean or whole numbers") -%}
            {%- endif -%}
        {%- elif not neural_net.nn_is_numeric_column(column) -%}
            {%- do problems.append("column " ~ name ~ " has type " ~ column.data_type ~ "; it must be numeric"
                ~ (", text or boolean" if name != spec.label else " (whole class numbers), text or boolean")) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set key_column = types.get(spec.split_key | lower) if spec.split_key else none -%}
    {%- if spec.split_key and key_column is none -%}
        {%- do problems.append("split_key " ~ spec.split_key ~ " is missing (the relation has: " ~ (types.keys() | list | join(', ')) ~ ")") -%}
    {%- elif spec.split_key and not (neural_net.nn_is_numeric_column(key_column) or neural_net.nn_is_text_or_boolean_column(key_column)) -%}
        {%- do problems.append("split_key " ~ spec.split_key ~ " has type " ~ key_column.data_type ~ "; a key must be whole numbers, numbers or text") -%}
    {%- endif -%}
    {%- if problems -%}
        {{ neural_net.nn_fail("bad input relation " ~ relation ~ ": " ~ problems | join("; ")) }}
    {%- endif -%}
    {%- set split_key_kind = none if key_column is none else ('whole' if neural_net.nn_is_integer_column(key_column)
                                                                 else 'number' if neural_net.nn_is_numeric_column(key_column) else 'text') -%}
    {%- set label_column = types.get(spec.label | lower) -%}
    {%- set numeric_label = neural_net.nn_is_numeric_column(label_column) -%}

    {#- Values: one pass over the data. -#}
    {%- set float = neural_net.nn_float_type() -%}
    {%- set checks = [('rows', 'count(*)')] -%}
    {#- each check is (key, SQL); the SQL quotes the columns: a column may be called `default` or `order`. Each
        feature's are (key, a condition on one row): how many rows meet it (nn_input_checks); their keys are
        (feature, check) pairs, which no other check's text can equal (a feature may be called `key`). -#}
    {%- set feature_checks = [] -%}
    {%- for name in spec.features -%}
        {%- set column = neural_net.nn_quote(name) -%}
        {%- do feature_checks.append(((name, 'null'), column ~ ' is null')) -%}
        {%- if name not in categorical -%}
            {%- do feature_checks.append(((name, 'not finite'), 'not ' ~ neural_net.nn_is_finite('cast(' ~ column ~ ' as ' ~ float ~ ')'))) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set label = spec.label -%}
    {%- set label_sql = neural_net.nn_quote(label) -%}
    {%- set any_null = neural_net.nn_any_null(neural_net.nn_quoted(spec.features)) -%}
    {%- do checks.append(('rows with a null feature', 'sum(case when ' ~ any_null ~ ' then 1 else 0 end)')) -%}
    {%- do checks.append((label ~ ' null', 'count(*) - count(' ~ label_sql ~ ')')) -%}
    {%- set usable = label_sql ~ ' is not null' ~ ((' and not (' ~ any_null ~ ')') if spec.missing == 'drop' else '') -%}
    {%- do checks.append(('usable rows', 'sum(case when ' ~ usable ~ ' then 1 else 0 end)')) -%}
    {%- if numeric_label -%}
        {%- set label_float = 'cast(' ~ label_sql ~ ' as ' ~ float ~ ')' -%}
        {%- do checks.append((label ~ ' not a whole number', 'sum(case when not ' ~ neural_net.nn_is_finite(label_float) ~ ' or ' ~ label_float ~ ' <> floor(' ~ label_float ~ ') then 1 else 0 end)')) -%}
        {%- do checks.append((label ~ ' not finite', 'sum(case when not ' ~ neural_net.nn_is_finite(label_float) ~ ' then 1 else 0 end)')) -%}
        {%- do checks.append((label ~ ' min', 'min(' ~ label_float ~ ')')) -%}
        {%- do checks.append((label ~ ' max', 'max(' ~ label_float ~ ')')) -%}
    {%- endif -%}
    {%- do checks.append((label ~ ' classes', 'count(distinct ' ~ label_sql ~ ')')) -%}
    {%- if spec.split_key -%}
        {%- set key_sql = neural_net.nn_quote(spec.split_key) -%}
        {%- set usable_key = 'case when ' ~ usable ~ ' then ' ~ key_sql ~ ' end' -%}
        {%- do checks.append(('key null', 'sum(case when ' ~ usable ~ ' and ' ~ key_sql ~ ' is null then 1 else 0 end)')) -%}
        {%- do checks.append(('key repeated', 'count(' ~ usable_key ~ ') - count(distinct ' ~ usable_key ~ ')')) -%}
    {%- endif -%}
    {%- set result = neural_net.nn_input_checks(relation, checks, feature_checks) -%}

    {%- if result['rows'] == 0 -%}
        {{ neural_net.nn_fail("input relation " ~ relation ~ " is empty") }}
    {%- endif -%}
    {%- for name in spec.features -%}
        {%- if result[(name, 'null')] > 0 and spec.missing == 'error' -%}
            {%- do problems.append("feature " ~ name ~ " is NULL in " ~ result[(name, 'null')] ~ " rows (set missing: impute or drop to train on them)") -%}
        {%- elif result.get((name, 'not finite'), 0) > 0 -%}{%- do problems.append("feature " ~ name ~ " is NaN or infinite in " ~ result[(name, 'not finite')] ~ " rows") -%}
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

    {#- A numeric label is a regression target when its type holds fractions (float, decimal) or when it holds more
        than 100 distinct whole numbers (a CSV's 151.0 loads as an integer), unless the task var says otherwise
        or n_classes or class_weight, which only a classification has, is set. -#}
    {%- set fractional = numeric_label and not neural_net.nn_is_integer_column(label_column) -%}
    {%- set many = numeric_label and result[label ~ ' classes'] > 100 -%}
    {%- set classes_set = spec.n_classes is not none or spec.class_weight is not none -%}
    {%- set task = spec.task or ('regression' if (fractional or many) and not classes_set else 'classification') -%}
    {%- if task == 'regression' and spec.task is none -%}
        {{ log("nn_examples: label " ~ label ~ (" has type " ~ label_column.data_type if fractional else " holds " ~ result[label ~ ' classes'] ~ " distinct numbers")
            ~ ": trained as a regression (task: classification makes its whole numbers classes)", info=True) }}
    {%- endif -%}

    {#- a key splits the rows only if it names each one -#}
    {%- if spec.split_key and result['key null'] > 0 -%}
        {%- do problems.append("split_key " ~ spec.split_key ~ " is NULL in " ~ result['key null'] ~ " rows; every row needs a key to be split by") -%}
    {%- endif -%}
    {%- if spec.split_key and result['key repeated'] > 0 -%}
        {%- do problems.append("split_key " ~ spec.split_key ~ " repeats: " ~ result['key repeated'] ~ " rows have a key an earlier row has; a key must name one row") -%}
    {%- endif -%}
    {%- if result['usable rows'] == 0 -%}
        {%- do problems.append("no row is left to train on: " ~ left_out | join(", ")) -%}
    {%- elif task == 'regression' -%}
        {%- if result[label ~ ' not finite'] > 0 -%}
            {%- do problems.append("label " ~ label ~ " is NaN or infinite in " ~ result[label ~ ' not finite'] ~ " rows; a regression target must be finite") -%}
        {%- elif result[label ~ ' classes'] < 2 -%}
            {%- do problems.append("label " ~ label ~ " has a single value (" ~ result[label ~ ' min'] ~ "); there is nothing to regress") -%}
        {%- endif -%}
        {%- if spec.class_weight is not none -%}
            {%- do problems.append("class_weight: " ~ spec.class_weight ~ " weighs classes, and a regression has none; unset class_weight") -%}
        {%- endif -%}
        {%- if spec.n_classes is not none -%}
            {%- do problems.append("n_classes is " ~ spec.n_classes ~ ", and a regression has no classes; unset n_classes") -%}
        {%- endif -%}
        {%- if spec.init == 'article' -%}
            {%- do problems.append("init: article holds the article's classifier weights; a regression needs init: he") -%}
        {%- endif -%}
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
            {%- do problems.append("label " ~ label ~ " goes up to " ~ (result[label ~ ' max'] | int) ~ "; at most 1000 classes are supported (a numeric target, a quantity to predict, trains with task: regression)") -%}
        {%- endif -%}
    {%- endif -%}
    {%- if problems -%}
        {{ neural_net.nn_fail("bad input relation " ~ relation ~ ": " ~ problems | join("; ")) }}
    {%- endif -%}
    {{ return({'task': task, 'label_column': label_column, 'categorical': categorical, 'split_key_kind': split_key_kind}) }}
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

{#- Whole numbers: a feature of this type may be declared categorical (codes such as a store number). -#}
{%- macro nn_is_integer_column(column) -%}
    {{ return(column.is_integer() or modules.re.match('^(tinyint|smallint|int|integer|bigint|int64|hugeint)\\b', column.data_type | lower) is not none) }}
{%- endmacro -%}

{#- True when any of the columns is NULL (balanced, so that a thousand columns stay within expression depth). -#}
{%- macro nn_any_null(columns) -%}
    {%- set checks = [] -%}
    {%- for name in columns -%}{%- do checks.append(name ~ ' is null') -%}{%- endfor -%}
    {{ return(neural_net.nn_balanced(checks, 'or')) }}
{%- endmacro -%}
