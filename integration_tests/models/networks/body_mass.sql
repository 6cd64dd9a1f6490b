{#- A second network in the same project, a regression: body mass from the island, sex and measurements.
    Its history, model and tests live apart from species' (each network has its own schema). -#}
{{ config(materialized='neural_net', meta={'neural_net': {
    'label': 'body_mass_g',
    'task': 'regression',
    'features': ['island', 'sex', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm'],
    'missing': 'impute',
    'hidden': [8],
    'iterations': 300,
    'min_r2': 0.7,
}}) }}

select island, sex, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g
from {{ ref('penguins') }}
where penguin_id % 5 != 0
