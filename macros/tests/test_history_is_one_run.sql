{#- Fails when the history holds rows trained with different settings (run_settings): resuming under other
    settings is refused by nn_training_start, and this checks that the refusal held. Yields each setting. -#}
{% test history_is_one_run(model) %}
with settings as (

    select run_settings, count(*) as stored_rows
    from {{ model }}
    group by run_settings

)

select *
from settings
where (select count(*) from settings) > 1
{% endtest %}
