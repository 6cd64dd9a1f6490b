{#- The trained versions of `network`, oldest first: [{number, latest, model: its nn_model relation, metrics: its
    nn_metrics relation or none, fingerprint: of the rows it was trained on, or none}]. Version n < latest is
    kept as nn_model_v<n> (nn_archive_version); the latest is nn_model. Empty when nothing is trained. -#}
{%- macro nn_model_versions(network) -%}
    {%- set versions = [] -%}
    {%- for number in range(1, 10000) -%}
        {%- set suffix = '_v' ~ number -%}
        {%- set model = neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_model' ~ suffix)) -%}
        {%- set latest = model is none -%}
        {%- set model = neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_model')) if latest else model -%}
        {%- if model is not none and (versions | length) == number - 1 -%}
            {%- set metrics = neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_metrics' ~ ('' if latest else suffix))) -%}
            {%- set preprocessing = run_query("select preprocessing from " ~ model).rows[0][0] -%}
            {%- do versions.append({'number': number, 'latest': latest, 'model': model, 'metrics': metrics,
                                    'fingerprint': fromjson(preprocessing).get('input_fingerprint')}) -%}
        {%- endif -%}
        {%- if latest -%}{{ return(versions) }}{%- endif -%}
    {%- endfor -%}
{%- endmacro -%}
