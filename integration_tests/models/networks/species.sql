{#- A network: its model is its input (the features and the label), its settings are under meta.neural_net.
    Every column but the label is a feature: two text columns (island, sex, with NULLs) and four numbers
    (with NULLs), imputed. Four in five penguins train it; new_penguins holds the fifth. -#}
{{ config(materialized='neural_net', meta={'neural_net': {
    'label': 'species',
    'missing': 'impute',
    'hidden': [8],
    'optimizer': 'adam',
    'iterations': 200,
    'min_accuracy': 0.9,
}}) }}

select island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex, species
from {{ ref('penguins') }}
where penguin_id % 5 != 0
