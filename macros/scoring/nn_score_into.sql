{#- dbt run-operation nn_score_into --args '{relation: analytics.new_customers, into: analytics.scored}'

    Writes predict(relation, network) to the table `into`: every row of `relation` with its prediction and
    probabilities. `into` may not be a relation of the project, the one scored or the one trained on, and an
    existing `into` is replaced only when it is a table of scores (nn_check_into). The scores go to a scratch
    table of this run's own (`into`__nn_scoring_<run>) first and replace `into` only once they are complete, so a
    failure while scoring leaves `into` as it was. Dropping `into` and renaming the scratch table are one
    transaction on DuckDB only; on BigQuery and Spark a failure between them leaves the scores in the scratch
    table and no `into`. scripts/predict.py --input-relation ... --into ... runs this. -#}
{%- macro nn_score_into(relation, into, network=none) -%}
    {%- set source = neural_net.nn_relation(relation, 'relation') -%}
    {%- set destination = neural_net.nn_relation(into, 'into') -%}
    {%- set model = neural_net.nn_network_model(network) -%}
    {%- set existing = neural_net.nn_check_into(source, destination, model) -%}
    {#- a name no other run and no user table has: a table found under it is not this run's, and is not dropped -#}
    {%- set scratch = destination.incorporate(path={'identifier': destination.identifier ~ '__nn_scoring_' ~ invocation_id.replace('-', '')[:12]}, type='table') -%}
    {%- if adapter.get_relation(database=scratch.database, schema=scratch.schema, identifier=scratch.identifier) is not none -%}
        {{ neural_net.nn_fail("nn_score_into: " ~ scratch ~ ", the scratch table of this run, exists already; it is not this run's, and is left alone") }}
    {%- endif -%}
    {%- set scored = "select * from " ~ neural_net.predict(source, network) -%}
    {%- do run_query(create_table_as(false, scratch, scored)) -%}
    {%- if existing is not none -%}{%- do adapter.drop_relation(existing) -%}{%- endif -%}
    {%- do adapter.rename_relation(scratch, destination.incorporate(type='table')) -%}
    {%- do neural_net.nn_commit() -%}  {#- run-operation commits nothing by itself -#}
    {%- set count = run_query("select count(*) from " ~ destination).rows[0][0] -%}
    {{ log("nn_score_into: " ~ count ~ " rows of " ~ source ~ " scored into " ~ destination, info=True) }}
{%- endmacro -%}
