-- New penguins scored by the species network's first version, pinned: after on_new_data: retrain trains a
-- second one, this model still scores with the first (nn_model_versions lists them).
select * from {{ neural_net.predict(ref('new_penguins'), network=ref('species'), version=1) }}
