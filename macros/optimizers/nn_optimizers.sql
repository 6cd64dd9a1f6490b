{#- The update rules. Each file beside this one holds one optimizer: the state it carries from iteration to
    iteration (columns of the training state, one per parameter and kind, stored in the history like the
    parameters) and its update, given the gradient of the loss (L2 term included) for one parameter:
      g_p = mean over training rows of d row loss / d p  (+ reg p for a weight)
    nn_iteration computes g_p one level below the update, so that the update can use it more than once.

      sgd        p -= lr g                                                          no state
      momentum   m = momentum m + g;  p -= lr m                                     m: the velocity
      adam       m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;       m, v: the moments
                 p -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon), t = the new iteration
    The optimizer and lr vars are null by default: the defaults below, per task (measured: docs/benchmarks.md). A
    regression's squared error curves about 8 times as steeply as the softmax's cross-entropy (2 per output
    against at most 1/4), so its steps are smaller.
    settings.yml lists them (optimizer's choices).
-#}

{#- sgd for a classification (the article's; it matches scikit-learn on the tables of docs/benchmarks.md in 500 iterations),
    adam for a regression (full-batch sgd fell far short on the larger tables). -#}
{%- macro nn_default_optimizer(task) -%}
    {{ return('adam' if task == 'regression' else 'sgd') }}
{%- endmacro -%}

{%- macro nn_default_learning_rate(optimizer, task) -%}
    {%- if task == 'regression' -%}
        {{ return({'sgd': 0.05, 'momentum': 0.005, 'adam': 0.02}[optimizer]) }}
    {%- endif -%}
    {{ return({'sgd': 2.0, 'momentum': 0.2, 'adam': 0.05}[optimizer]) }}
{%- endmacro -%}

{#- The kinds of state the optimizer keeps per parameter: its columns are <kind>_<parameter>. -#}
{%- macro nn_optimizer_state(optimizer) -%}
    {{ return({'sgd': [], 'momentum': ['m'], 'adam': ['m', 'v']}[optimizer]) }}
{%- endmacro -%}

{#- The state columns of all parameters, kind by kind. -#}
{%- macro nn_optimizer_state_columns(optimizer, dims) -%}
    {%- set columns = [] -%}
    {%- for kind in neural_net.nn_optimizer_state(optimizer) -%}
        {%- for p in neural_net.nn_parameters(dims) -%}{%- do columns.append(kind ~ '_' ~ p.name) -%}{%- endfor -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- {column: SQL} for the parameter p after one step and for its new state, given SQL for p's previous value
    and for its gradient. `previous` holds SQL for the state's previous values by kind (m, v); by default they
    are read under their own names (m_<p>, v_<p>). `iteration` is the new iteration number. -#}
{%- macro nn_optimizer_update(spec, p, value, gradient, previous=none) -%}
    {%- set previous = previous or {'m': 'm_' ~ p.name, 'v': 'v_' ~ p.name} -%}
    {%- if spec.optimizer == 'sgd' -%}{{ return(neural_net.sgd_update(spec, p.name, value, gradient, previous)) }}
    {%- elif spec.optimizer == 'momentum' -%}{{ return(neural_net.momentum_update(spec, p.name, value, gradient, previous)) }}
    {%- elif spec.optimizer == 'adam' -%}{{ return(neural_net.adam_update(spec, p.name, value, gradient, previous)) }}
    {%- else -%}{{ neural_net.nn_fail("unknown optimizer " ~ spec.optimizer) }}
    {%- endif -%}
{%- endmacro -%}
