{#- How nn_training adds a block to the history, per engine. Every strategy is safe to repeat: a block starts
    from the latest stored iteration, so a rerun (or a run after a crash) never writes an iteration twice.

    DuckDB    append: one INSERT in one transaction; the fastest, and all or nothing.
    BigQuery  merge on `iteration`: a block is one MERGE statement, atomic; an iteration that were somehow
              written again would replace its row, not duplicate it.
    Spark     append (parquet; merge needs Delta or Iceberg): one INSERT INTO job, committed when it ends. -#}
{%- macro nn_incremental_config() -%}{{ return(adapter.dispatch('nn_incremental_config', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_incremental_config() -%}{{ return({'incremental_strategy': 'append'}) }}{%- endmacro -%}
{%- macro bigquery__nn_incremental_config() -%}{{ return({'incremental_strategy': 'merge', 'unique_key': 'iteration'}) }}{%- endmacro -%}
{%- macro spark__nn_incremental_config() -%}{{ return({'incremental_strategy': 'append', 'file_format': 'parquet'}) }}{%- endmacro -%}
