{#- Early stopping (var early_stopping): validation_fraction of the training rows is set aside (nn_examples:
    is_validation); every iteration measures their loss on its way, as it measures the training loss, and
    learns from the other rows only. Training stops once `patience` measurements in a row have not lowered the
    lowest validation loss so far; the model (nn_model) is the iteration that reached it. Three columns of the
    state carry what that needs from iteration to iteration:

      validation_loss       the validation rows' loss of the PREVIOUS row's parameters (like `loss`), with the
                            same L2 term
      best_validation_loss  the lowest validation_loss so far
      best_iteration        the iteration whose parameters reached it (one less than the row that measured it)

    The step from the state of iteration i is taken while i - 1 - best_iteration < patience: the parameters
    of iterations best_iteration + 1 .. i - 1 are measured, and none beat the best. The same rows result
    whatever the block size: the recursive block stops there, and nn_training keeps no row past it (the
    chained block computes its every iteration).
-#}

{%- macro nn_early_stopping_columns(spec) -%}
    {{ return(['validation_loss', 'best_validation_loss', 'best_iteration'] if spec.early_stopping else []) }}
{%- endmacro -%}

{#- True for a state that training steps on from: early stopping has not stopped it. -#}
{%- macro nn_still_training(spec) -%}
    {%- if not spec.early_stopping -%}{{ return("true") }}{%- endif -%}
    {{ return("(best_iteration is null or iteration - 1 - best_iteration < " ~ spec.patience ~ ")") }}
{%- endmacro -%}

{#- `expression` for the rows training learns from, NULL for the validation rows (aggregates skip NULLs). -#}
{%- macro nn_on_fit_rows(spec, expression) -%}
    {{ return(("case when is_validation then null else " ~ expression ~ " end") if spec.early_stopping else expression) }}
{%- endmacro -%}

{#- How many rows of the step learn: its gradient is their mean. -#}
{%- macro nn_fit_row_count(spec) -%}
    {{ return("sum(case when is_validation then 0 else 1 end)" if spec.early_stopping else "count(*)") }}
{%- endmacro -%}

{#- The early-stopping columns of the next state, as aggregates over the step's rows: `l2` is the L2 term. -#}
{%- macro nn_early_stopping_aggregates(spec, l2) -%}
    {%- if not spec.early_stopping -%}{{ return([]) }}{%- endif -%}
    {%- set measured = "avg(case when is_validation then row_loss end) + " ~ l2 -%}
    {%- set improved = "(" ~ neural_net.nn_any_value('best_validation_loss') ~ " is null or " ~ measured ~ " < " ~ neural_net.nn_any_value('best_validation_loss') ~ ")" -%}
    {{ return([
        ('validation_loss', measured),
        ('best_validation_loss', "case when " ~ improved ~ " then " ~ measured ~ " else " ~ neural_net.nn_any_value('best_validation_loss') ~ " end"),
        ('best_iteration', "case when " ~ improved ~ " then " ~ neural_net.nn_any_value('iteration') ~ " else " ~ neural_net.nn_any_value('best_iteration') ~ " end"),
    ]) }}
{%- endmacro -%}

{#- An aggregate over a block's states: the first iteration early stopping stopped at, or NULL. -#}
{%- macro nn_stopped_iteration(spec) -%}
    {{ return("min(case when not " ~ neural_net.nn_still_training(spec) ~ " then iteration end)") }}
{%- endmacro -%}
