{#- Every input row with a label (and, with missing: drop, every feature), checked, renamed to the positional
    names the math uses, numbered, and split: held out (is_holdout), set aside for early stopping
    (is_validation), or trained on.
    The SELECT of the network's nn_examples: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_examples_query() -%}
{%- set spec = neural_net.nn_spec() -%}
{%- set source_relation = neural_net.nn_input_relation() -%}
{%- set validated = neural_net.nn_validate_input(source_relation, spec) -%}
{%- set classes = neural_net.nn_label_classes(source_relation, spec, validated.label_column) if validated.task == 'classification' else none -%}
{#- Each row's hash (the MD5 of its split_key, or else of its values: nn_row_text) picks the held-out rows: the
    same rows on every engine, spread evenly, and a row's side depends on that row alone, so appending or deleting
    rows moves no other row, and equal rows fall on the same side (none is trained on while a copy is held out).
    Fold k holds out the rows whose hash lies in the k-th slice of that size, [k f, (k + 1) f) of 2^32
    (f = holdout_fraction): the hash is shifted by k f 2^32 so that its slice comes first. -#}
{%- set holdout_threshold = (spec.holdout_fraction * 4294967296) | round | int -%}
{%- set fold_shift = (4294967296 - spec.holdout_fold * holdout_threshold) % 4294967296 -%}
{#- With early_stopping, the next validation_fraction of the hash's range sets that share of the other rows
    aside for validation (nn_early_stopping). -#}
{%- set validation_threshold = holdout_threshold + ((spec.validation_fraction * (4294967296 - holdout_threshold)) | round | int
                                                   if spec.early_stopping else 0) -%}

{%- set columns = neural_net.nn_quoted(spec.features) -%}

with source as (

    -- the input's columns (quoted: a column may be called `default` or `order`) under positional names
    select
    {%- for column in columns %}
        {{ column }} as x_{{ loop.index0 }},
    {%- endfor %}
        {{ neural_net.nn_quote(spec.label) }} as label_value{{ "," if spec.split_key }}
    {%- if spec.split_key %}
        {{ neural_net.nn_quote(spec.split_key) }} as split_key
    {%- endif %}
    from {{ source_relation }}
    -- left out, and counted by nn_validate_input: rows without a label{{ ", and rows with a NULL feature (missing: drop)" if spec.missing == 'drop' }}
    where {{ neural_net.nn_quote(spec.label) }} is not null
    {%- if spec.missing == 'drop' %}
        and not ({{ neural_net.nn_any_null(columns) }})
    {%- endif %}

),

numbered as (

    select
        *,
        row_number() over (order by {{ neural_net.nn_examples_order(spec) }}) as example_id
    from source

),

typed as (

    select
        example_id,
    -- numbers as floats; categorical features as text (nn_preprocessing one-hot encodes them)
    {%- for feature in spec.features %}
        cast(x_{{ loop.index0 }} as {{ dbt.type_string() if feature in validated.categorical else neural_net.nn_float_type() }}) as x_{{ loop.index0 }},
    {%- endfor %}
        -- the class number; for a regression, the target as a float (nn_task reads which from this column's type)
        {{ ("cast(label_value as " ~ neural_net.nn_float_type() ~ ")") if validated.task == 'regression' else neural_net.nn_label_class('label_value', classes) | indent(8) }} as label,
        -- the label as it is in the input, when it names the classes (the model stores the classes in order)
        {{ "cast(label_value as " ~ dbt.type_string() ~ ")" if classes is not none else "cast(null as " ~ dbt.type_string() ~ ")" }} as label_value{{ "," if spec.split_key }}
    {%- if spec.split_key %}
        split_key
    {%- endif %}
    from numbered

),

digested as (

    -- the first 32 bits (8 hex digits) of the MD5 of the row's values written as text (nn_row_text), or of its
    -- split_key; turned into a number in the next step, which then names them once (BigQuery's local emulator
    -- writes the argument of a text-to-integer cast out several times: the whole row's text, for every column)
    select
        *,
        {%- if spec.split_key %}
        {%- set text = neural_net.nn_row_text([('cast(split_key as ' ~ dbt.type_string() ~ ')' if validated.split_key_kind == 'text' else 'split_key', validated.split_key_kind)]) %}
        {%- else %}
        {%- set values = [] -%}
        {%- for feature in spec.features -%}
            {%- do values.append(('x_' ~ loop.index0, 'text' if feature in validated.categorical else 'number')) -%}
        {%- endfor -%}
        {#- a named class as its name: its number moves when a class sorting before it comes or goes -#}
        {%- do values.append(('label_value', 'text') if classes is not none else ('label', 'number')) %}
        {%- set text = neural_net.nn_row_text(values) %}
        {%- endif %}
        substr({{ neural_net.nn_md5_hex(text) }}, 1, 8) as split_digits
    from typed

),

hashed as (

    select
        *,
        mod({{ neural_net.nn_hex_number('split_digits') }} + {{ fold_shift }}, 4294967296) as split_hash
    from digested

),

final as (

    select
        example_id,
    {%- for feature in spec.features %}
        x_{{ loop.index0 }},
    {%- endfor %}
        label,
        label_value,
        split_hash < {{ holdout_threshold }} as is_holdout,
        split_hash >= {{ holdout_threshold }}
            and split_hash < {{ validation_threshold }} as is_validation
    from hashed

)

select * from final
{%- endmacro -%}
