{#- The L2 strength (reg) when the var is null: 0.001 for a classification; for a regression 3 / N, N the
    training rows the loss averages over. The loss is a mean over the rows and the penalty is not, so 3 / N
    weighs the weights' penalty like 3 rows' squared errors whatever the table's size (a Gaussian prior on the
    weights): a small, noisy table is held back, a large one fits closely. Chosen in a numpy sweep
    (scripts/sweep_regression_defaults.py) on diabetes, boston, mpg and diamonds (docs/benchmarks.md: "How good the
    defaults are"). -#}
{%- macro nn_default_reg(task, training_rows) -%}
    {%- if task == 'regression' and training_rows -%}  {#- parsing: the rows are not counted yet -#}
        {{ return(3.0 / training_rows) }}
    {%- endif -%}
    {{ return(0.001) }}
{%- endmacro -%}
