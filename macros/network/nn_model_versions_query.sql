{#- One row per trained version of a network (materialized='neural_net'): version 1, 2, ... in the order they
    were trained, the latest being the one nn_model holds (is_latest); an earlier one is kept, when
    on_new_data: retrain starts a new one, as nn_training_v<n>, nn_model_v<n> and nn_metrics_v<n>. For each:
    when it was trained, its model's iteration, settings and the fingerprint of the rows it was trained on,
    and its training and held-out metrics; model_relation is NULL for a version kept without its model.
    predict(..., version=n) scores with version n.
    The SELECT of the network's nn_model_versions (nn_train_network builds it with the other outputs). -#}
{%- macro nn_model_versions_query(network) -%}
{%- set versions = neural_net.nn_model_versions(network) -%}
{%- set float = neural_net.nn_float_type() -%}
{%- for version in versions %}
{{ "union all" if not loop.first }}
select
    '{{ network }}' as network,
    {{ version.number }} as version,
    {{ "true" if version.latest else "false" }} as is_latest,
    {{ neural_net.nn_string_literal(version.model.identifier) if version.scorable else "cast(null as " ~ dbt.type_string() ~ ")" }} as model_relation,
    model.trained_at,
    -- the model's iteration (with early stopping, the best one)
    model.iteration,
    model.run_settings,
    {{ neural_net.nn_string_literal(version.fingerprint) if version.fingerprint else "cast(null as " ~ dbt.type_string() ~ ")" }} as input_fingerprint,
    metrics.train_examples,
    metrics.holdout_examples,
    metrics.train_accuracy,
    metrics.holdout_accuracy,
    metrics.train_rmse,
    metrics.holdout_rmse,
    metrics.holdout_r2
from {{ version.model }} as model
cross join (
    {%- if version.metrics is not none %}
    select
        max(case when split = 'train' then examples end) as train_examples,
        max(case when split = 'holdout' then examples end) as holdout_examples,
        max(case when split = 'train' then accuracy end) as train_accuracy,
        max(case when split = 'holdout' then accuracy end) as holdout_accuracy,
        max(case when split = 'train' then rmse end) as train_rmse,
        max(case when split = 'holdout' then rmse end) as holdout_rmse,
        max(case when split = 'holdout' then r2 end) as holdout_r2
    from {{ version.metrics }}
    {%- else %}
    -- this version's metrics were never measured (its build stopped before them)
    select
        cast(null as {{ dbt.type_bigint() }}) as train_examples,
        cast(null as {{ dbt.type_bigint() }}) as holdout_examples,
        {%- for name in ['train_accuracy', 'holdout_accuracy', 'train_rmse', 'holdout_rmse', 'holdout_r2'] %}
        cast(null as {{ float }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    {%- endif %}
) as metrics
{%- endfor %}
{%- endmacro -%}
