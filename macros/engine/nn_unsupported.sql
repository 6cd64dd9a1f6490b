{#- Fails for an engine this project has no SQL for. A dispatched macro's default__ holds SQL that any engine
    following the SQL standard runs, or calls this when there is no such SQL (lambdas, list functions, the
    training state's structs): a fourth engine then fails at once, naming what it still has to provide
    (docs/engines.md, "Adding an engine"), instead of running another engine's dialect. -#}
{%- macro nn_unsupported(operation) -%}
    {{ neural_net.nn_fail("unsupported engine " ~ target.type ~ ": neural_net has no SQL for " ~ operation ~ " on it; it runs on duckdb, bigquery, "
        ~ "spark and postgres (docs/engines.md says what a new engine provides: a " ~ target.type ~ "__" ~ operation ~ " macro)") }}
{%- endmacro -%}
