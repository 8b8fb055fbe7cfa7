"""YAML reading for the project's own files: libyaml's parser where PyYAML has it.

The pure-Python parser takes about 50 ms for the landing contracts alone; every `cla`
command reads several such files. Both parsers read YAML 1.1 into the same plain types.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """`yaml.safe_load`, through libyaml when it is installed."""
    return yaml.load(stream, Loader=_LOADER)
