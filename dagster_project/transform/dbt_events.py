"""dbt's debug events are built only if something reads them.

dbt turns every event into protobuf messages before anything looks at the event's level:
once when the event is made (its fields, `BaseEvent.__init__`), again when it is fired
(with its info, `msg_from_base_event`). Most of a build's events are debug events (each
SQL statement and its status, connections, the relation cache), and in our builds nothing
reads them: no dbt.log (`--log-level-file none`), the console at info, callbacks that want
node results or info lines. Building them was about a seventh of the dbt worker's Python
(py-spy, docs/benchmarks.md, seventh session).

While `deferred_debug_events(keep)` is active, an event of a debug-level class (other than
those named in `keep`) only keeps its arguments. It is built, exactly as dbt builds it, the
first time anything reads it, or when it is fired at a level other than debug, or fired
while a logger takes debug lines (`--log-level debug`); otherwise firing it does nothing.
Outside that context dbt's events are untouched. Installed on dbt_common's classes once per
process (`_install`), so a dbt upgrade that renames them fails here, loudly, at import.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from dbt_common.events.base_types import BaseEvent, DebugLevel, EventLevel
from dbt_common.events.event_manager import EventManager

_dbt_init = BaseEvent.__init__
_dbt_getattr = BaseEvent.__getattr__
_dbt_setattr = BaseEvent.__setattr__
_dbt_fire = EventManager.fire_event

_ARGS = "_deferred_event_args"


# the event classes to build at once while active (None: not active); read by dbt's node
# threads, so one value for the process, set under dbt_build's lock
_keep: frozenset[str] | None = None
_INSTALL = threading.Lock()
_installed = False


def _init(self: BaseEvent, *args: Any, **kwargs: Any) -> None:
    keep = _keep
    if keep is not None and isinstance(self, DebugLevel) and type(self).__name__ not in keep:
        object.__setattr__(self, _ARGS, (args, kwargs))
        return
    _dbt_init(self, *args, **kwargs)


def _build(self: BaseEvent) -> None:
    deferred = self.__dict__.pop(_ARGS, None)
    if deferred is not None:
        args, kwargs = deferred
        _dbt_init(self, *args, **kwargs)


def _getattr(self: BaseEvent, key: str) -> Any:
    _build(self)
    return _dbt_getattr(self, key)


def _setattr(self: BaseEvent, key: str, value: Any) -> None:
    _build(self)
    _dbt_setattr(self, key, value)


def _fire(
    self: EventManager,
    e: BaseEvent,
    level: EventLevel | None = None,
    node: Any = None,
    force_warn_or_error_handling: bool = False,
) -> None:
    if _ARGS in e.__dict__:
        unread = (
            level in (None, EventLevel.DEBUG)
            and not force_warn_or_error_handling
            and all(logger.level != EventLevel.DEBUG for logger in self.loggers)
        )
        if unread:
            return
        _build(e)
    _dbt_fire(self, e, level, node, force_warn_or_error_handling)


def _install() -> None:
    global _installed
    with _INSTALL:
        if not _installed:
            BaseEvent.__init__ = _init  # type: ignore[method-assign]
            BaseEvent.__getattr__ = _getattr  # type: ignore[method-assign]
            BaseEvent.__setattr__ = _setattr  # type: ignore[method-assign]
            EventManager.fire_event = _fire  # type: ignore[method-assign]
            _installed = True


@contextlib.contextmanager
def deferred_debug_events(keep: frozenset[str] = frozenset()) -> Iterator[None]:
    """Debug events (but those named in `keep`) are built only if read, while active.

    For our own dbt invocations only (one at a time per process, `dbt_build.LOCK`):
    their callbacks are ours, and want no debug event outside `keep`."""
    global _keep
    _install()
    _keep = keep
    try:
        yield
    finally:
        _keep = None
