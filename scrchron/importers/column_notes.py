"""What each column of a submission became, and why (for ``import --dry-run`` and ``--json``).

Every column of the table used is listed: the field it was mapped to ("" when
none) and the reason, in the order the mapper decides: the reviewer's own choice
(``--map``), the agency's earlier submission, the values (when they changed what the
heading said: importers.content), or the heading. A column that is not mapped is
kept with every entry ("other details": the entry panel, the chronology appendix and
its own spreadsheet column), and its note says so. Three sample values are kept with
each column, as the mapping page shows them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from scrchron.importers.cells import cell_text
from scrchron.importers.layout import LayoutChoice
from scrchron.importers.parsed import SourceTable

SAMPLES = 3
"""Sample values kept for each column."""

_SAMPLE_CHARS = 60

KEPT = "kept with each entry as other details (entry panel, appendix, its own spreadsheet column)"


@dataclasses.dataclass(frozen=True, slots=True)
class ColumnNote:
    """One column: its heading, the field it became ("" for none), why, and a few of its values."""

    heading: str
    field: str
    why: str
    samples: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (``import --json``: ``columns``)."""
        return {"heading": self.heading, "field": self.field, "why": self.why, "samples": list(self.samples)}


def explain_columns(table: SourceTable, choice: LayoutChoice, overrides: Mapping[str, str]) -> list[ColumnNote]:
    """Every column of ``table`` under ``choice``: what it became and why.

    Args:
        table: the table the rows come from.
        choice: its chosen header row and mapping (with the content's reasons).
        overrides: field -> header the reviewer chose by hand (``--map``).
    """
    layout = choice.layout
    fields = {col: name for name, col in layout.columns.items()}
    by_hand = {name for name, header in overrides.items() if header}
    rows = table.rows[layout.header_index + 1:]
    notes = []
    for col, heading in enumerate(layout.headers):
        name = fields.get(col, "")
        reason = _content_reason(choice.reasons, heading)
        if name and name in by_hand:
            why = "mapped by hand"
        elif name and choice.saved_used:
            why = "as in this agency's earlier submission"
        elif reason:
            why = f"by its values: {reason}" + ("" if name else f"; {KEPT}")
        elif name:
            why = "by its heading"
        else:
            why = KEPT
        notes.append(ColumnNote(heading, name, why, _samples(rows, col)))
    return notes


def _content_reason(reasons: list[str], heading: str) -> str:
    """The content's reason about this column ("" when the values changed nothing about it)."""
    prefix = f"Column '{heading}' "
    for reason in reasons:
        if reason.startswith(prefix):
            said = reason[len(prefix):].rstrip(".")
            if ": " in said:
                return said.split(": ", 1)[1]
            return "its heading said event, but another column holds the longer free text"
    return ""


def _samples(rows: list[list[Any]], col: int) -> list[str]:
    found: list[str] = []
    for row in rows:
        text = " ".join(cell_text(row[col]).split()) if col < len(row) else ""
        if text:
            found.append(text if len(text) <= _SAMPLE_CHARS else text[:_SAMPLE_CHARS - 1] + "\u2026")
            if len(found) == SAMPLES:
                break
    return found
