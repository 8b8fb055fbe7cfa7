"""One published figure: the number (None when hidden), its text, and why it looks so.

Every number the report shows goes through `make_figure`, so rounding (DfE: whole numbers
for percentages and rates, one decimal for an average score) and suppression are applied in
one place for the HTML and the Excel workbook alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SUPPRESSED = "c"
MISSING = "–"
DECIMALS = {"count": 0, "percent": 0, "rate": 0, "score": 1}


@dataclass(frozen=True)
class Figure:
    """A displayed figure. `number` is the rounded value shown, or None."""

    number: float | None
    text: str
    kind: str  # count, percent, rate, score
    suppressed: bool = False
    provisional: bool = False

    @property
    def css(self) -> str:
        parts = ["num", f"k-{self.kind}"]
        if self.suppressed:
            parts.append("supp")
        if self.provisional:
            parts.append("prov")
        return " ".join(parts)


def round_half_up(value: float, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def make_figure(
    value: float | None,
    kind: str,
    suppressed: bool = False,
    provisional: bool = False,
    decimals: int | None = None,
) -> Figure:
    if suppressed:
        return Figure(None, SUPPRESSED, kind, suppressed=True, provisional=provisional)
    if value is None:
        return Figure(None, MISSING, kind, provisional=provisional)
    if decimals is None:
        decimals = DECIMALS.get(kind, 1)
    number = round_half_up(float(value), decimals)
    if decimals == 0:
        text = f"{int(number):,}"
        number = int(number)
    else:
        text = f"{number:,.{decimals}f}"
    if kind == "percent":
        text += "%"
    return Figure(number, text, kind, provisional=provisional)
