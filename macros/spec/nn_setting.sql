{#- Read and check the settings that reach SQL. Every var passes through one of these before it is rendered,
    so a setting can only ever become a plain identifier or a plain number in the compiled SQL. -#}

{%- macro nn_fail(message) -%}
    {{ exceptions.raise_compiler_error("neural_net: " ~ message) }}
{%- endmacro -%}

{#- A column or relation name part: letters, digits and underscores, not starting with a digit. -#}
{%- macro nn_identifier(value, setting) -%}
    {%- if value is not string or not modules.re.fullmatch('[A-Za-z_][A-Za-z0-9_]*', value) -%}
        {{ neural_net.nn_fail(setting ~ " must be a plain identifier (letters, digits, underscores); got " ~ (value | tojson)) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro -%}

{#- A number within [minimum, maximum] (either bound may be none); integer=true also requires a whole number.
    Accepts numbers and numeric strings (vars given on the command line); refuses booleans, NaN and the rest. -#}
{%- macro nn_number(value, setting, minimum=none, maximum=none, integer=false, exclusive_minimum=false) -%}
    {%- set number_pattern = '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?' -%}
    {%- if value is boolean or value is none
          or (value is string and not modules.re.fullmatch(number_pattern, value | trim))
          or (value is not string and value is not number) -%}
        {{ neural_net.nn_fail(setting ~ " must be a number; got " ~ (value | tojson)) }}
    {%- endif -%}
    {%- set number = (value | trim | float) if value is string else value -%}
    {%- if number != number or number > 1.7976931348623157e308 or number < -1.7976931348623157e308 -%}
        {{ neural_net.nn_fail(setting ~ " must be a finite number; got " ~ value) }}
    {%- endif -%}
    {%- if integer and number != (number | int) -%}
        {{ neural_net.nn_fail(setting ~ " must be a whole number; got " ~ value) }}
    {%- endif -%}
    {%- if minimum is not none and (number < minimum or (exclusive_minimum and number == minimum)) -%}
        {{ neural_net.nn_fail(setting ~ " must be " ~ ("greater than " if exclusive_minimum else "at least ") ~ minimum ~ "; got " ~ value) }}
    {%- endif -%}
    {%- if maximum is not none and number > maximum -%}
        {{ neural_net.nn_fail(setting ~ " must be at most " ~ maximum ~ "; got " ~ value) }}
    {%- endif -%}
    {{ return((number | int) if integer else (number | float)) }}
{%- endmacro -%}

{#- A yes/no setting: true or false (also the strings true/false from the command line). -#}
{%- macro nn_boolean(value, setting) -%}
    {%- if value is boolean -%}{{ return(value) }}{%- endif -%}
    {%- if value is string and value | lower in ['true', 'false'] -%}{{ return(value | lower == 'true') }}{%- endif -%}
    {{ neural_net.nn_fail(setting ~ " must be true or false; got " ~ (value | tojson)) }}
{%- endmacro -%}

{#- One of a fixed set of words. -#}
{%- macro nn_choice(value, setting, choices) -%}
    {%- if value not in choices -%}
        {{ neural_net.nn_fail(setting ~ " must be one of " ~ (choices | join(', ')) ~ "; got " ~ (value | tojson)) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro -%}

{#- A list of identifiers (a single name or a comma-separated string is accepted too). -#}
{%- macro nn_identifier_list(value, setting) -%}
    {%- set items = value.split(',') if value is string else value -%}
    {%- if items is string or items is not iterable or items is mapping or items | length == 0 -%}
        {{ neural_net.nn_fail(setting ~ " must be a non-empty list of column names; got " ~ (value | tojson)) }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for item in items -%}
        {%- do names.append(neural_net.nn_identifier(item | trim if item is string else item, setting)) -%}
    {%- endfor -%}
    {%- if names | unique | list | length != names | length -%}
        {{ neural_net.nn_fail(setting ~ " lists a column twice: " ~ (names | tojson)) }}
    {%- endif -%}
    {{ return(names) }}
{%- endmacro -%}

{#- `value` of the setting `name`, checked as settings.yml's `setting` declares it: null when its default is
    null; else a number within its bounds (a whole one for an integer), a boolean, or one of its choices. -#}
{%- macro nn_checked_setting(name, value, setting) -%}
    {%- if value is none and setting.default is none -%}{{ return(none) }}{%- endif -%}
    {%- if setting.type in ['number', 'integer'] -%}
        {{ return(neural_net.nn_number(value, name, minimum=setting.get('minimum'), maximum=setting.get('maximum'),
                                       integer=setting.type == 'integer', exclusive_minimum=setting.get('exclusive_minimum', false))) }}
    {%- elif setting.type == 'boolean' -%}
        {{ return(neural_net.nn_boolean(value, name)) }}
    {%- elif setting.type == 'choice' -%}
        {{ return(neural_net.nn_choice(value, name, setting.choices)) }}
    {%- endif -%}
    {{ neural_net.nn_fail("internal: setting " ~ name ~ " is of type " ~ setting.type ~ ", which nn_spec checks itself") }}
{%- endmacro -%}
