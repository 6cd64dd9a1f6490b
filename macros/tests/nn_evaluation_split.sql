{#- The split that measures generalisation, as a scalar subquery over `relation` (which has a split column):
    the held-out rows when there are any, else early stopping's validation rows, else the training rows. -#}
{%- macro nn_evaluation_split(relation) -%}
(
    select
        case
            when count(case when split = 'holdout' then 1 end) > 0 then 'holdout'
            when count(case when split = 'validation' then 1 end) > 0 then 'validation'
            else 'train'
        end
    from {{ relation }}
)
{%- endmacro -%}
