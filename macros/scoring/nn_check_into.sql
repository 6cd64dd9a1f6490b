{#- Fails, naming the relation, unless `into` may take the scores of `source` under the network `model`.
    Protected, whatever the engine:
      - the relation being scored, and the one the network was trained on (its input_relation),
      - every model, seed, snapshot and source of the project and its packages (dbt's graph),
      - every relation named nn_... in any schema: this project's own (a network's history, model, examples,
        predictions, metrics; those of networks not built in this run are not in the graph);
    and an existing `into` is replaced only when it has the shape of a table of scores, as nn_score_into writes
    them: a table whose last columns are `prediction` and then only probability_... columns. A view, or a
    table of another shape, is never dropped. -#}
{%- macro nn_check_into(source, destination, model) -%}
    {%- set key = (destination.schema | lower, destination.identifier | lower) -%}
    {%- set refuse = "nn_score_into: into (" ~ destination ~ ") " -%}
    {%- if destination.identifier | lower == source.identifier | lower and destination.schema | lower == source.schema | lower -%}
        {{ neural_net.nn_fail(refuse ~ "is the relation being scored; write the scores to another table") }}
    {%- endif -%}
    {%- if (destination.identifier | lower).startswith('nn_') -%}
        {{ neural_net.nn_fail(refuse ~ "is named nn_..., a name this project keeps for its own tables; choose another name") }}
    {%- endif -%}
    {%- set trained_on = neural_net.nn_stored_model(model).input_relation -%}
    {%- if trained_on is not none and (trained_on.schema | lower, trained_on.identifier | lower) == key -%}
        {{ neural_net.nn_fail(refuse ~ "is the relation the network was trained on; write the scores to another table") }}
    {%- endif -%}
    {%- for node in graph.nodes.values() | list + graph.sources.values() | list
            if node.resource_type in ['model', 'seed', 'snapshot', 'source'] -%}
        {%- set name = node.identifier if node.resource_type == 'source' else node.alias -%}
        {%- if ((node.schema or '') | lower, (name or '') | lower) == key -%}
            {{ neural_net.nn_fail(refuse ~ "is the " ~ node.resource_type ~ " " ~ node.name ~ " of the project; write the scores to another table") }}
        {%- endif -%}
    {%- endfor -%}
    {%- set existing = adapter.get_relation(database=destination.database, schema=destination.schema, identifier=destination.identifier) -%}
    {%- if existing is not none -%}
        {%- set names = adapter.get_columns_in_relation(existing) | map(attribute='name') | map('lower') | list -%}
        {%- set ns = namespace(scores='prediction' in names) -%}
        {%- for name in (names[names.index('prediction') + 1:] if ns.scores else []) if not name.startswith('probability_') -%}
            {%- set ns.scores = false -%}
        {%- endfor -%}
        {%- if existing.type != 'table' or not ns.scores -%}
            {{ neural_net.nn_fail(refuse ~ "exists and is not a table of scores (a " ~ existing.type ~ (" whose last columns are not prediction and probability_..." if existing.type == 'table' else "")
                ~ "): nn_score_into replaces only tables it wrote; drop it yourself or choose another name") }}
        {%- endif -%}
    {%- endif -%}
    {{ return(existing) }}
{%- endmacro -%}
