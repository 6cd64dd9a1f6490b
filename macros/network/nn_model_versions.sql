{#- The trained versions of `network`, oldest first: [{number, latest, model: the relation its model row is read
    from, scorable: whether that is a model (nn_model, nn_model_v<n>, with its nn_plan) predict can score with, metrics: its
    nn_metrics relation or none, fingerprint: of the rows it was trained on, or none}]. Version n < latest is
    kept as nn_training_v<n> (nn_archive_version) with its nn_model_v<n>, when there was one (a version kept
    before models were kept with it, or whose build stopped before its model, has only its history: the
    history's latest row stands for it); the latest is nn_training and nn_model. Empty when nothing is
    trained. -#}
{%- macro nn_model_versions(network) -%}
    {%- set versions = [] -%}
    {%- for number in range(1, 10000) -%}
        {%- set suffix = '_v' ~ number -%}
        {%- set latest = neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_training' ~ suffix)) is none -%}
        {%- set suffix = '' if latest else suffix -%}
        {%- set history = neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_training' ~ suffix)) -%}
        {%- set model = neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_model' ~ suffix)) -%}
        {%- if history is not none or model is not none -%}
            {%- set source = model if model is not none else
                             "(select * from " ~ history ~ " where iteration = (select max(iteration) from " ~ history ~ "))" -%}
            {%- set preprocessing = run_query("select preprocessing from " ~ source ~ " as version_model").rows -%}
            {%- do versions.append({'number': number, 'latest': latest, 'model': source, 'scorable': model is not none and neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_plan' ~ suffix)) is not none,
                                    'metrics': neural_net.nn_find_relation(neural_net.nn_network_relation(network, 'nn_metrics' ~ suffix)),
                                    'fingerprint': fromjson(preprocessing[0][0]).get('input_fingerprint') if preprocessing else none}) -%}
        {%- endif -%}
        {%- if latest -%}{{ return(versions) }}{%- endif -%}
    {%- endfor -%}
{%- endmacro -%}
