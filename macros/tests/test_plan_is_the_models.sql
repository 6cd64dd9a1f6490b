{#- Fails when nn_plan (and so nn_inputs and nn_outputs, written with it) was written for another model than
    the one in nn_model: a model rebuilt without what follows it (dbt run -s nn_model) would be scored with
    the preprocessing and shape of the one before. Yields both rows' iteration and invocation_id. -#}
{% test plan_is_the_models(model, trained_model) %}
select
    plan.iteration as plan_iteration,
    plan.invocation_id as plan_invocation_id,
    trained.iteration as model_iteration,
    trained.invocation_id as model_invocation_id
from {{ model }} as plan
full outer join {{ trained_model }} as trained
    on plan.iteration = trained.iteration and plan.invocation_id = trained.invocation_id
where plan.iteration is null or trained.iteration is null
{% endtest %}
