"""The BI team's commentary for a period: `config/commentary/<period_end>.yaml`.

The analysts write a sentence or two per indicator after reading the figures; the report
shows it beside the indicator (HTML and Excel). The file is optional (no file, no
commentary), but a file that is there must be right: an unknown indicator, a key that is
neither a number nor an id, or text that is not text stops the report with a message naming
the file and the key (never the text, which may quote a case).

    # config/commentary/2026-03-31.yaml
    period_end: 2026-03-31        # optional; when given it must match the file name
    indicators:
      21: Three children moved placement twice after a provider closed.   # by number
      health_assessment_pct: Catch-up clinics ran in February.           # or by id
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from dagster_project import yaml_io

MAX_LENGTH = 2000  # characters per indicator: a paragraph, not a paper


class CommentaryError(ValueError):
    """The commentary file is not valid; the message names the file and the key."""


def commentary_path(folder: Path, period_end: dt.date) -> Path:
    return folder / f"{period_end.isoformat()}.yaml"


def load_commentary(
    folder: Path | None,
    period_end: dt.date,
    numbers: Mapping[int, str],
) -> dict[str, str]:
    """indicator_id -> text for `period_end`; {} when there is no file.

    `numbers` maps each indicator number to its id (seed indicator_catalogue): both are
    accepted as keys; the same indicator given twice is an error.
    """
    if folder is None:
        return {}
    path = commentary_path(folder, period_end)
    if not path.is_file():
        return {}
    where = path.name
    try:
        document = yaml_io.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise CommentaryError(f"{where}{line}: not valid YAML (UTF-8)") from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise CommentaryError(f"{where}: expected a mapping with 'indicators'")
    unknown = set(document) - {"period_end", "indicators"}
    if unknown:
        raise CommentaryError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    stated = document.get("period_end")
    if stated is not None and str(stated) != period_end.isoformat():
        raise CommentaryError(f"{where}: period_end does not match the file name")
    entries = document.get("indicators") or {}
    if not isinstance(entries, dict):
        raise CommentaryError(f"{where}: 'indicators' must map indicator numbers or ids to text")
    ids = set(numbers.values())
    result: dict[str, str] = {}
    for key, text in entries.items():
        indicator = _indicator(key, numbers, ids, where)
        if indicator in result:
            raise CommentaryError(f"{where}: indicator {key} is given twice (number and id)")
        if not isinstance(text, str):
            raise CommentaryError(f"{where}: indicator {key}: the commentary must be text")
        text = " ".join(text.split())
        if len(text) > MAX_LENGTH:
            raise CommentaryError(
                f"{where}: indicator {key}: commentary over {MAX_LENGTH} characters"
            )
        if text:
            result[indicator] = text
    return result


def _indicator(key: Any, numbers: Mapping[int, str], ids: set[str], where: str) -> str:
    if isinstance(key, bool):
        raise CommentaryError(f"{where}: {key} is not an indicator number or id")
    if isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit()):
        number = int(key)
        if number not in numbers:
            raise CommentaryError(f"{where}: no indicator number {number} in the catalogue")
        return numbers[number]
    if isinstance(key, str) and key in ids:
        return key
    raise CommentaryError(f"{where}: {key!s:.40} is not an indicator number or id")
