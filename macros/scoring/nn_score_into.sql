{#- dbt run-operation nn_score_into --args '{relation: analytics.new_customers, into: analytics.scored}'

    Writes predict(relation, network) to the table `into` (replacing it): every row of `relation` with its prediction
    and probabilities. The scores go to a scratch table first and replace `into` only once they are complete,
    so a failure while scoring leaves `into` as it was. Dropping `into` and renaming the scratch table are one
    transaction on DuckDB only; on BigQuery and Spark a failure between them leaves the scores in the scratch
    table and no `into`. scripts/predict.py --input-relation ... --into ... runs this. -#}
{%- macro nn_score_into(relation, into, network=none) -%}
    {%- set source = neural_net.nn_relation(relation, 'relation') -%}
    {%- set destination = neural_net.nn_relation(into, 'into') -%}
    {%- if destination.identifier | lower == source.identifier | lower and destination.schema | lower == source.schema | lower -%}
        {{ neural_net.nn_fail("nn_score_into: into (" ~ into ~ ") is the relation being scored; write the scores to another table") }}
    {%- endif -%}
    {%- set scratch = destination.incorporate(path={'identifier': destination.identifier ~ '__nn_scoring'}, type='table') -%}
    {%- set scored = "select * from " ~ neural_net.predict(source, network) -%}
    {%- do adapter.drop_relation(scratch) -%}
    {%- do run_query(create_table_as(false, scratch, scored)) -%}
    {%- set existing = adapter.get_relation(database=destination.database, schema=destination.schema, identifier=destination.identifier) -%}
    {%- if existing is not none -%}{%- do adapter.drop_relation(existing) -%}{%- endif -%}
    {%- do adapter.rename_relation(scratch, destination.incorporate(type='table')) -%}
    {%- do adapter.commit() -%}  {#- run-operation commits nothing by itself -#}
    {%- set count = run_query("select count(*) from " ~ destination).rows[0][0] -%}
    {{ log("nn_score_into: " ~ count ~ " rows of " ~ source ~ " scored into " ~ destination, info=True) }}
{%- endmacro -%}
