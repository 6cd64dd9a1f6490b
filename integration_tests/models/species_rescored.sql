-- The rows the species network trained on, scored again through predict: a check that a model of this
-- project scores exactly as the network's own nn_predictions (tests/python/test_package.py compares them).
select * from {{ neural_net.predict(ref('species'), network=ref('species')) }}
