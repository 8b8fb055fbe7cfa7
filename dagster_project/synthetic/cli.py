"""`cla generate`: write a synthetic LA's inputs and say what was written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dagster_project.synthetic import figures as F
from dagster_project.synthetic.generator import SOURCES, UnmarkedFolderError, generate


def run_generate(args: argparse.Namespace) -> int:
    """Generate from parsed `cla generate` arguments; 0 on success, 2 on bad arguments."""
    source = getattr(args, "source", "both") or "both"
    if source not in SOURCES:
        print(f"cla generate: --source must be one of {', '.join(SOURCES)}", file=sys.stderr)
        return 2
    if args.children < 1 or args.years < 1:
        print("cla generate: --children and --years must be at least 1", file=sys.stderr)
        return 2
    ratio = getattr(args, "cin_ratio", None)
    if ratio is not None and not 0 <= ratio <= 100:
        print("cla generate: --cin-ratio must be between 0 and 100", file=sys.stderr)
        return 2
    try:
        report = generate(
            Path(args.out),
            args.children,
            args.years,
            args.seed,
            source=source,
            cin_ratio=F.CIN_RATIO if ratio is None else ratio,
        )
    except UnmarkedFolderError as error:
        print(f"cla generate: {error}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0
