{#- The update rules. Each file beside this one holds one optimizer: the state it carries from iteration to
    iteration (columns of the training state, one per parameter and kind, stored in the history like the
    parameters) and its update, given the gradient of the loss (L2 term included) for one parameter:
      g_p = mean over training rows of d row loss / d p  (+ reg p for a weight)
    nn_iteration computes g_p one level below the update, so that the update can use it more than once.

      sgd        p -= lr g                                                          no state
      momentum   m = momentum m + g;  p -= lr m                                     m: the velocity
      adam       m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;       m, v: the moments
                 p -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon), t = the new iteration
    The learning rate var lr is null by default: each optimizer's own default below (measured: README).
-#}
{%- macro nn_optimizers() -%}
    {{ return(['sgd', 'momentum', 'adam']) }}
{%- endmacro -%}

{%- macro nn_default_learning_rate(optimizer) -%}
    {{ return({'sgd': 2.0, 'momentum': 0.2, 'adam': 0.1}[optimizer]) }}
{%- endmacro -%}

{#- The kinds of state the optimizer keeps per parameter: its columns are <kind>_<parameter>. -#}
{%- macro nn_optimizer_state(optimizer) -%}
    {{ return({'sgd': [], 'momentum': ['m'], 'adam': ['m', 'v']}[optimizer]) }}
{%- endmacro -%}

{#- The state columns of all parameters, kind by kind. -#}
{%- macro nn_optimizer_state_columns(optimizer, dims) -%}
    {%- set columns = [] -%}
    {%- for kind in nn_optimizer_state(optimizer) -%}
        {%- for p in nn_parameters(dims) -%}{%- do columns.append(kind ~ '_' ~ p.name) -%}{%- endfor -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro -%}

{#- {column: SQL} for the parameter p after one step and for its new state, given SQL for p's previous value
    and for its gradient. The state's previous values are read under their own names (m_<p>, v_<p>), and
    `iteration` is the new iteration number. -#}
{%- macro nn_optimizer_update(spec, p, value, gradient) -%}
    {%- if spec.optimizer == 'sgd' -%}{{ return(sgd_update(spec, p.name, value, gradient)) }}
    {%- elif spec.optimizer == 'momentum' -%}{{ return(momentum_update(spec, p.name, value, gradient)) }}
    {%- elif spec.optimizer == 'adam' -%}{{ return(adam_update(spec, p.name, value, gradient)) }}
    {%- else -%}{{ nn_fail("unknown optimizer " ~ spec.optimizer) }}
    {%- endif -%}
{%- endmacro -%}
