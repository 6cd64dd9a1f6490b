-- The input table scored as a downstream model scores new rows (macros/scoring/predict.sql):
--     select * from {{ '{{' }} predict(ref('new_customers')) {{ '}}' }}
-- Here the rows are the input's own, label included: every column of it, then prediction and the
-- probabilities. `dbt show -s nn_scored_input` previews it.
select * from {{ predict(nn_input_relation()) }}
