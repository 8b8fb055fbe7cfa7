"""Render the dbt project's plain-Jinja macros from Python: one definition, two callers.

dbt owns the data definitions (a period of care, the OC2 and OC3 cohorts, a birthday). Code
that must run without dbt, such as the DfE rules of `cla validate`, renders the very same
macro files with Jinja2 instead of keeping its own copy:

    from dagster_project.dbt_macros import render
    sql = render("oc2_cohort", '"dq_episodes"',
                 "(select date '2025-03-31' as period_end, date '2024-04-01' as window_start)")

Only macros written in plain Jinja can be rendered: relations come in as arguments, and the
macro (and every macro it calls) uses no `ref`, `source`, `var`, `adapter`, `config` or
other dbt context. Calling one that does raises `MacroError` naming what is missing. Files
that plain Jinja cannot even compile (dbt's `{% test %}` blocks, dbt-only filters) are left
out of the library; their macros cannot be rendered here.

Compiling the library (about 20 files) costs a quarter of a second, a large part of a
`cla validate` call, so the compiled templates are kept by Jinja's own bytecode cache in
`dbt/target/jinja/` (dbt's folder of derived files): keyed by each text's checksum, so an
edited macro is compiled again, and written whole (Jinja renames a finished file into
place). A folder that cannot be written only means compiling every time.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import Any

import jinja2

from dagster_project.settings import DBT_PROJECT_DIR

MACRO_DIR = DBT_PROJECT_DIR / "macros"


class MacroError(RuntimeError):
    """A macro is unknown, or needs something only dbt provides."""


BYTECODE_DIR = DBT_PROJECT_DIR / "target" / "jinja"


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, for a folder that may not be writable (then: no cache)."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _environment(texts: dict[str, str]) -> jinja2.Environment:
    cache = None
    try:
        BYTECODE_DIR.mkdir(parents=True, exist_ok=True)
        cache = _Bytecode(str(BYTECODE_DIR))
    except OSError:
        pass
    return jinja2.Environment(
        loader=jinja2.DictLoader(texts),
        bytecode_cache=cache,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )


def _compiles(env: jinja2.Environment, name: str) -> bool:
    try:
        env.get_template(name)
    except jinja2.TemplateError:
        return False
    return True


@functools.cache
def _library(macro_dir: Path = MACRO_DIR) -> Any:
    """Every plain-Jinja macro file of the dbt project, as one Jinja template module."""
    # named by path: the cache keeps one entry per name (its checksum decides reuse)
    paths = sorted(macro_dir.rglob("*.sql"))
    texts = {str(path): path.read_text(encoding="utf-8") for path in paths}
    env = _environment(texts)
    library = "\n".join(text for name, text in texts.items() if _compiles(env, name))
    name = str(macro_dir / "<library>")
    env.loader = jinja2.DictLoader({**texts, name: library})
    return env.get_template(name).module


def macro_names(macro_dir: Path = MACRO_DIR) -> list[str]:
    """The macros `render` can call (those of the files plain Jinja compiles)."""
    module = _library(macro_dir)
    return sorted(n for n in dir(module) if isinstance(getattr(module, n), jinja2.runtime.Macro))


def render(macro: str, *args: object, macro_dir: Path = MACRO_DIR) -> str:
    """The SQL `{{ macro(*args) }}` renders to in dbt, for the same arguments."""
    function = getattr(_library(macro_dir), macro, None)
    if not isinstance(function, jinja2.runtime.Macro):
        raise MacroError(f"no plain-Jinja macro {macro!r} in {macro_dir}")
    try:
        return str(function(*args)).strip()
    except jinja2.UndefinedError as exc:
        raise MacroError(
            f"macro {macro!r} needs something only dbt provides ({exc.message}); "
            "only plain-Jinja macros can be rendered outside dbt"
        ) from exc
