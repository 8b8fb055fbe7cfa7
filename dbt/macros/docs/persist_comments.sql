{#
  The table, view and column comments of every model and seed this run built (their
  descriptions in the YAML), written in one statement when the run ends.

  Why not dbt's persist_docs: it costs three round trips a model (a catalog query, the
  relation's comment, the columns'), about a tenth of a Harrow-sized nightly run
  (docs/benchmarks.md); here one catalog query and one script cover the run. The same
  comments as persist_docs wrote: a relation's when it has a description, each described
  column that the relation has, escaped by dbt-duckdb's own duckdb_escape_comment.
  Called by on-run-end (dbt_project.yml) when dbt builds; persist_docs is off. A run's
  compiled build writes the same comments in each model's own transaction
  (dagster_project/transform/compiled_build.py `_comment`; its test compares both ways).
#}
{% macro persist_comments(results) %}
  {%- if not execute -%}{{ return('') }}{%- endif -%}
  {%- set built = [] -%}
  {%- for result in results -%}
    {%- if result.status == 'success' and result.node.resource_type in ('model', 'seed') -%}
      {%- do built.append(result.node) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- do write_comments(built) -%}
{% endmacro %}

{#- `built`: nodes (objects or the graph's dictionaries) of models and seeds built -#}
{% macro write_comments(built) %}
  {%- if not built -%}{{ return('') }}{%- endif -%}
  {%- set existing = {} -%}
  {%- set catalog = run_query(
      "select schema_name, table_name, column_name from duckdb_columns() "
      ~ "where database_name = current_database()") -%}
  {%- for row in catalog.rows -%}
    {%- do existing.setdefault((row[0] ~ '.' ~ row[1]) | lower, {}).update(
        {(row[2] | lower): row[2]}) -%}
  {%- endfor -%}
  {%- set statements = [] -%}
  {%- for node in built -%}
    {%- set kind = 'view' if node.config.materialized == 'view' else 'table' -%}
    {%- set relation = api.Relation.create(
        database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- set columns = existing.get((node.schema ~ '.' ~ node.alias) | lower, {}) -%}
    {%- if node.description -%}
      {%- do statements.append('comment on ' ~ kind ~ ' ' ~ relation ~ ' is '
          ~ duckdb_escape_comment(node.description)) -%}
    {%- endif -%}
    {%- for name, column in node.columns.items() -%}
      {%- if column.description and (name | lower) in columns -%}
        {%- do statements.append('comment on column ' ~ relation ~ '.'
            ~ adapter.quote(columns[name | lower]) ~ ' is '
            ~ duckdb_escape_comment(column.description)) -%}
      {%- endif -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- if statements -%}
    {#- one transaction: committed one by one, each comment waited for its own write to
        disk (3,000 of them took 2 s of a Harrow-sized run; docs/benchmarks.md) -#}
    {%- do run_query('begin transaction;\n' ~ (statements | join(';\n')) ~ ';\ncommit') -%}
  {%- endif -%}
{% endmacro %}
