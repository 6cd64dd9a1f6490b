{#- Arrays of floats: how the training state stores each layer's weights and biases (nn_parameter_arrays).

    nn_array(elements)                 an array of these SQL expressions, in order (one per line when there
                                       are more than 8: no line grows with the network)
    nn_array_element(array, position)  its element at `position`, counted from 0

    The defaults are the SQL standard's: ARRAY[...], subscripts counted from 1. -#}

{%- macro nn_array(elements) -%}
    {%- set items = elements | join(", ") if elements | length <= 8 else "\n    " ~ elements | join(",\n    ") ~ "\n" -%}
    {{ return(adapter.dispatch('nn_array', 'neural_net')(items)) }}
{%- endmacro -%}
{%- macro default__nn_array(items) -%}array[{{ items }}]{%- endmacro -%}
{%- macro duckdb__nn_array(items) -%}[{{ items }}]{%- endmacro -%}
{%- macro bigquery__nn_array(items) -%}[{{ items }}]{%- endmacro -%}
{%- macro spark__nn_array(items) -%}array({{ items }}){%- endmacro -%}

{%- macro nn_array_element(array, position) -%}{{ return(adapter.dispatch('nn_array_element', 'neural_net')(array, position)) }}{%- endmacro -%}
{%- macro default__nn_array_element(array, position) -%}{{ array }}[{{ position + 1 }}]{%- endmacro -%}
{%- macro bigquery__nn_array_element(array, position) -%}{{ array }}[offset({{ position }})]{%- endmacro -%}
{%- macro spark__nn_array_element(array, position) -%}{{ array }}[{{ position }}]{%- endmacro -%}
