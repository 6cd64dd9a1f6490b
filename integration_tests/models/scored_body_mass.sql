-- The same penguins scored by the body_mass network (a regression): prediction is a mass in grams.
select * from {{ neural_net.predict(ref('new_penguins'), network=ref('body_mass')) }}
