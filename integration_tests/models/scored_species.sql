-- New penguins scored by the species network: their columns, prediction (a species) and probability_<species>.
select * from {{ neural_net.predict(ref('new_penguins'), network=ref('species')) }}
