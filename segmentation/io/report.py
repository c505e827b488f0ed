"""The load report and result of `segmentation.io.load_customers` (what was read and noticed)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd

from segmentation.schema import CAMPAIGN_COLUMNS, OPTIONAL_COLUMNS, OUTCOME_COLUMN

__all__ = ["LoadReport", "LoadResult", "optional_missing"]

_KINDS = MappingProxyType(
    {
        "\t": "tab-separated",
        ";": "semicolon-separated",
        ",": "comma-separated",
        "|": "pipe-separated",
    }
)
_FILL_NOTE = "They stay empty (NaN) here; the model fills them at training with fit-time medians"


@dataclass
class LoadReport:
    """What :func:`load_customers` read, dropped and noticed, for the user to see."""

    source: str
    format: str  # "csv" | "xlsx" | "parquet"
    delimiter: str | None = None
    encoding: str | None = None
    rows_read: int = 0  # data rows in the file, blank ones included
    rows_dropped: list[tuple[int, str]] = field(default_factory=list)  # (line/row, reason)
    missing: dict[str, int] = field(default_factory=dict)  # empty cells per column
    warnings: list[str] = field(default_factory=list)
    column_map: dict[str, str] = field(default_factory=dict)  # header -> canonical name
    date_formats: dict[str, str] = field(default_factory=dict)  # column -> strptime format
    schema: str = "generic"  # "reference" | "generic"
    id_column: str | None = None
    sheet: str | None = None
    columns_dropped: list[str] = field(default_factory=list)  # all-empty optional columns
    unit: str = "line"  # how rows are numbered in messages: "line" (text) or "row"

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-serializable values."""
        out = asdict(self)
        out["rows_dropped"] = [[int(n), str(why)] for n, why in self.rows_dropped]
        return out

    def summary(self) -> str:
        """A few human lines: rows read, dropped, empty cells, warnings."""
        kind = {
            "csv": _KINDS.get(self.delimiter or "", "text"),
            "xlsx": "Excel workbook",
            "parquet": "Parquet file",
        }.get(self.format, self.format)
        if self.encoding not in (None, "utf-8", "utf-8-sig"):
            kind += f", {self.encoding}"
        if self.sheet:
            kind += f", sheet '{self.sheet}'"
        lines = [f"{self.source}: {self.rows_read:,} rows read ({kind}); {self.schema} schema."]
        dropped = len(self.rows_dropped)
        if dropped:
            shown = ", ".join(f"{self.unit} {n} ({why})" for n, why in self.rows_dropped[:5])
            more = f" and {dropped - 5} more" if dropped > 5 else ""
            lines.append(f"Dropped {dropped} {'row' if dropped == 1 else 'rows'}: {shown}{more}.")
        else:
            lines.append("No rows dropped.")
        if self.missing:
            cells = ", ".join(f"{c} {n:,}" for c, n in self.missing.items())
            lines.append(f"Empty cells: {cells}. {_FILL_NOTE}.")
        else:
            lines.append("No empty cells.")
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning(s):")
            lines.extend(f"- {w}" for w in self.warnings)
        return "\n".join(lines)


class LoadResult(NamedTuple):
    """``frame, report = load_customers(...)``."""

    frame: pd.DataFrame
    report: LoadReport


def optional_missing(columns: Collection[str]) -> str | None:
    """The warning for a reference-schema table without some optional columns: which, and
    what that turns off (None when it has them all)."""
    missing = [c for c in OPTIONAL_COLUMNS if c not in columns]
    cmp = [c for c in CAMPAIGN_COLUMNS if c in missing]
    named = [f"{cmp[0]}–{cmp[-1][-1]}" if len(cmp) == 5 else ", ".join(cmp)] if cmp else []
    named += [c for c in missing if c not in CAMPAIGN_COLUMNS]
    off = ["no campaign features or past-campaign rates" if len(cmp) == 5 else
           "past campaigns counted from those present"] if cmp else []  # fmt: skip
    off += ["no complaint figures"] if "Complain" in missing else []
    off += ["no held-out response or lift (shown as not available)"] if (
        OUTCOME_COLUMN in missing) else []  # fmt: skip
    if not named:
        return None
    return f"the table has no {', '.join(named)}: trained on the columns it has; {'; '.join(off)}."
