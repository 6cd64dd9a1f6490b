{#- The classes of a label column that holds names or yes/no values: its distinct values as text, sorted (in
    Jinja, so the order is the same on every engine); class c is the c-th. A numeric label holds class numbers
    already: none. nn_examples numbers the labels with nn_label_class; the model stores the list
    (nn_preprocessing's `classes`) and predictions give the values back.

    A value with a quote or a backslash is refused: the engines escape those differently inside SQL text. -#}
{%- macro nn_label_classes(relation, spec, label_column) -%}
    {%- if not execute or neural_net.nn_is_numeric_column(label_column) -%}{{ return(none) }}{%- endif -%}
    {%- set label = neural_net.nn_quote(spec.label) -%}
    {%- set rows = run_query("select distinct cast(" ~ label ~ " as " ~ dbt.type_string() ~ ") from " ~ relation ~ " where " ~ label ~ " is not null").rows -%}
    {%- set classes = rows | map(attribute=0) | sort -%}
    {%- for value in classes -%}
        {%- if "'" in value or "\\" in value -%}
            {{ neural_net.nn_fail("label " ~ spec.label ~ " has the value \"" ~ value ~ "\": values with a quote or a backslash are not supported; map them in a view first") }}
        {%- endif -%}
    {%- endfor -%}
    {%- if spec.n_classes is not none and spec.n_classes != classes | length -%}
        {{ neural_net.nn_fail("label " ~ spec.label ~ " has " ~ (classes | length) ~ " distinct values " ~ (classes | tojson) ~ ", but n_classes is " ~ spec.n_classes) }}
    {%- endif -%}
    {{ return(classes) }}
{%- endmacro -%}

{#- The class number of a label: its position in `classes`, or the label itself when it is numeric. -#}
{%- macro nn_label_class(column, classes) -%}
    {%- if classes is none -%}{{ return("cast(" ~ column ~ " as integer)") }}{%- endif -%}
    {%- set pairs = [] -%}
    {%- for value in classes -%}{%- do pairs.append((neural_net.nn_string_literal(value), loop.index0)) -%}{%- endfor -%}
    {{ return(neural_net.nn_case_lookup("cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")", pairs)) }}
{%- endmacro -%}

{#- The label value of a class number, as text: the inverse of nn_label_class (none: the number itself). -#}
{%- macro nn_class_label(column, classes) -%}
    {%- if classes is none -%}{{ return(column) }}{%- endif -%}
    {%- set pairs = [] -%}
    {%- for value in classes -%}{%- do pairs.append((loop.index0, neural_net.nn_string_literal(value))) -%}{%- endfor -%}
    {{ return(neural_net.nn_case_lookup(column, pairs)) }}
{%- endmacro -%}

{#- case expression when a then b ... end, one pair per line. -#}
{%- macro nn_case_lookup(expression, pairs) -%}
    {%- set lines = ["case " ~ expression] -%}
    {%- for when, then in pairs -%}{%- do lines.append("    when " ~ when ~ " then " ~ then) -%}{%- endfor -%}
    {{ return((lines + ["end"]) | join("\n")) }}
{%- endmacro -%}

{#- The names of nn_predictions' probability columns, class by class: probability_<value> when every class's
    label value is a plain identifier (probability_adelie, probability_true), lowercased, and the names are
    distinct and clash with no feature; otherwise probability_<class number> for all (classes none: numbers). -#}
{%- macro nn_probability_columns(classes, n_classes, features) -%}
    {%- set numbered = [] -%}
    {%- for c in range(n_classes) -%}{%- do numbered.append(neural_net.nn_probability(c)) -%}{%- endfor -%}
    {%- if classes is none -%}{{ return(numbered) }}{%- endif -%}
    {%- set named = [] -%}
    {%- for value in classes -%}
        {%- if not modules.re.fullmatch('[A-Za-z_][A-Za-z0-9_]*', value | string) -%}{{ return(numbered) }}{%- endif -%}
        {%- do named.append('probability_' ~ (value | string | lower)) -%}
    {%- endfor -%}
    {%- set taken = features | map('lower') | list -%}
    {%- if named | unique | list | length != named | length or named | select('in', taken) | list -%}
        {{ return(numbered) }}
    {%- endif -%}
    {{ return(named) }}
{%- endmacro -%}
