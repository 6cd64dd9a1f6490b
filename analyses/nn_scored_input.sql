-- The input table scored as a downstream model scores new rows (macros/scoring/predict.sql):
--     select * from {{ '{{' }} predict(ref('new_customers')) {{ '}}' }}
-- Here the rows are the input's own, label included: every column of it, then prediction and the
-- probabilities. `dbt show -s nn_scored_input` previews it.
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
select * from {{ predict(nn_input_relation()) }}
