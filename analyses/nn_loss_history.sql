-- The loss curve: loss and training accuracy measured at each iteration of the history, and with
-- early_stopping the validation loss.
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set early_stopping = execute and 'validation_loss' in adapter.get_columns_in_relation(ref('nn_training')) | map(attribute='name') | map('lower') | list %}
select
    iteration,
    loss,
    {%- if early_stopping %}
    validation_loss,
    {%- endif %}
    train_accuracy
from {{ ref('nn_training') }}
order by iteration
