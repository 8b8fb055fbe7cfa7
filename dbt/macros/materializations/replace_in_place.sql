{#
  The project's tables and views are built under their own name: `create or replace`,
  in the model's transaction, committed at once.

  Why not dbt's own (dbt-duckdb's table, dbt's default view): they build under a
  temporary name, rename the old relation to a backup, rename the new one into place and
  drop the backup: up to three more statements a model, each through a dbt macro that
  sets up a context of every macro in the project (~700), plus catalog checks for
  foreign keys. That was about a tenth of the dbt worker's Python (py-spy,
  docs/benchmarks.md, seventh session). DuckDB replaces a relation atomically inside a
  transaction, so readers see the old relation or the new one, never neither, and a
  failed build leaves the old one (rolled back) as before.

  What dbt's materializations do that these refuse rather than ignore (the project uses
  none of them): enforced contracts and constraints, grants, indexes, DuckDB partitioning
  or sorting, persist_docs (comments are written once per run by persist_comments).
#}

{% macro replace_in_place_refuse_unsupported() %}
  {%- set unsupported = [] -%}
  {%- if config.get('contract') and config.get('contract').enforced -%}{%- do unsupported.append('an enforced contract') -%}{%- endif -%}
  {%- for key in ('grants', 'indexes', 'partitioned_by', 'sorted_by') -%}
    {%- if config.get(key) -%}{%- do unsupported.append(key) -%}{%- endif -%}
  {%- endfor -%}
  {%- set docs = config.get('persist_docs') or {} -%}
  {%- if docs.get('relation') or docs.get('columns') -%}{%- do unsupported.append('persist_docs') -%}{%- endif -%}
  {%- if unsupported -%}
    {{ exceptions.raise_compiler_error(
        model.unique_id ~ " asks for " ~ (unsupported | join(', '))
        ~ ", which this project's materializations do not build"
        ~ " (dbt/macros/materializations/replace_in_place.sql)") }}
  {%- endif -%}
{% endmacro %}

{% macro replace_in_place(kind) %}
  {%- set existing = load_cached_relation(this) -%}
  {%- set target = this.incorporate(type=kind) -%}
  {%- do replace_in_place_refuse_unsupported() -%}
  {%- set sql_header = config.get('sql_header', none) -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  -- `BEGIN` happens here:
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {#- a view where a table was (or the reverse): dropped in this transaction first -#}
  {%- if existing is not none and existing.type != kind -%}
    {{ adapter.drop_relation(existing) }}
  {%- endif %}
  {% call statement('main') -%}
    {{ sql_header if sql_header is not none }}
    create or replace {{ kind }} {{ target }} as (
      {{ sql }}
    )
  {%- endcall %}

  {{ run_hooks(post_hooks, inside_transaction=True) }}
  -- `COMMIT` happens here
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target]}) }}
{% endmacro %}

{% materialization table, adapter="duckdb", supported_languages=['sql'] %}
  {{ return(replace_in_place('table')) }}
{% endmaterialization %}

{% materialization view, adapter="duckdb", supported_languages=['sql'] %}
  {{ return(replace_in_place('view')) }}
{% endmaterialization %}
