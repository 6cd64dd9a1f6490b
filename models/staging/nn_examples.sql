{#- Every input row with a label (and, with missing: drop, every feature), checked, renamed to the positional
    names the math uses, numbered, and split. -#}
{%- set spec = nn_spec() -%}
{%- set source_relation = nn_input_relation() -%}
{%- set label_column = nn_validate_input(source_relation, spec) -%}
{%- set classes = nn_label_classes(source_relation, spec, label_column) -%}
{#- A multiplicative hash of the row number (Knuth's 2654435761, mod 2^32) picks the held-out rows: the same
    rows on every engine, spread evenly, and exactly the same split every time. -#}
{%- set holdout_threshold = (spec.holdout_fraction * 4294967296) | round | int -%}

with source as (

    select
    {%- for feature in spec.features %}
        {{ feature }},
    {%- endfor %}
        {{ spec.label }}
    from {{ source_relation }}
    -- left out, and counted by nn_validate_input: rows without a label{{ ", and rows with a NULL feature (missing: drop)" if spec.missing == 'drop' }}
    where {{ spec.label }} is not null
    {%- if spec.missing == 'drop' %}
        and not ({{ nn_any_null(spec.features) }})
    {%- endif %}

),

numbered as (

    select
        *,
        row_number() over (order by {{ nn_examples_order(spec) }}) as example_id
    from source

),

final as (

    select
        example_id,
    {%- for feature in spec.features %}
        cast({{ feature }} as {{ nn_float_type() }}) as x_{{ loop.index0 }},
    {%- endfor %}
        {{ nn_label_class(spec.label, classes) | indent(8) }} as label,
        -- the label as it is in the input, when it names the classes (the model stores the classes in order)
        {{ "cast(" ~ spec.label ~ " as string)" if classes is not none else "cast(null as string)" }} as label_value,
        mod(example_id * 2654435761, 4294967296) < {{ holdout_threshold }} as is_holdout
    from numbered

)

select * from final
