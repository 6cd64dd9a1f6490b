{#- Commits what this model's connection has done so far. dbt-postgres refuses to commit where no transaction is
    open (one opens with the first statement after a commit): a build that trains a network commits each block
    itself, and has nothing open when the materialization commits at its end. There a statement that changes
    nothing opens one first; the other engines' adapters commit as asked. -#}
{%- macro nn_commit() -%}{{ return(adapter.dispatch('nn_commit', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_commit() -%}{%- do adapter.commit() -%}{%- endmacro -%}
{%- macro postgres__nn_commit() -%}
    {%- call statement('nn_commit', auto_begin=True) -%}select 1{%- endcall -%}
    {%- do adapter.commit() -%}
{%- endmacro -%}
