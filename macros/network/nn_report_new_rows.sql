{#- Post-hook of the package's nn_examples, which scripts/train.py (or a plain `dbt run`) rebuilds from the input
    at the start of each run: says when its rows changed since the history beside it started (the fingerprint
    of nn_examples that nn_training_start kept on it, nn_input_fingerprint), as
        nn_examples: the rows of "db"."main"."t" changed since the history in ... started (rows:checksum ...)
    A history goes on with the preprocessing fitted when it started, on the rows as they are now, and
    nn_metrics measures those; --full-refresh trains a new one on them. (A network that `dbt build` trains
    follows its on_new_data setting instead: nn_train_network.) -#}
{%- macro nn_report_new_rows() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {#- beside nn_examples, not a ref: nn_training is built from nn_examples -#}
    {%- set history = neural_net.nn_find_relation(this.incorporate(path={'identifier': 'nn_training'})) -%}
    {%- if history is none -%}{{ return('') }}{%- endif -%}
    {%- set rows = run_query("select preprocessing from " ~ history ~ " order by iteration limit 1").rows -%}
    {%- set trained_on = fromjson(rows[0][0]).get('input_fingerprint') if rows else none -%}
    {%- if trained_on is none -%}{{ return('') }}{%- endif -%}
    {%- set input = neural_net.nn_input_relation() -%}
    {%- set now = neural_net.nn_input_fingerprint(this) -%}  {#- the rows just checked from it -#}
    {%- if now != trained_on -%}
        {{ log("nn_examples: the rows of " ~ input ~ " changed since the history in " ~ history ~ " started (rows:checksum "
               ~ trained_on ~ ", now " ~ now ~ "): it goes on with the preprocessing fitted then, on the rows as they are now, "
               ~ "and nn_metrics measures those. Run with --full-refresh to train a new model on them", info=True) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro -%}
