"""The columns an agency sent that were not mapped to a field ("other details").

Nothing the agency wrote is hidden: every unmapped cell is kept with its entry
(``Entry.extra``, heading -> text) and every export shows it, filtered by the
export's name rules like every other text (in the same pass as the entry's other
texts: :func:`scrchron.export.data.filter_entries`).
"""

from __future__ import annotations

from collections.abc import Iterable

from scrchron.records.case_records import Entry


def other_details(entry: Entry) -> list[tuple[str, str]]:
    """An entry's unmapped columns as (heading, text), in the agency's order, empty ones left out."""
    return [(heading, text) for heading, text in entry.extra.items() if text]


def other_headings(entries: Iterable[Entry]) -> list[str]:
    """Every unmapped heading that holds a text, in order of first appearance."""
    seen: dict[str, None] = {}
    for entry in entries:
        for heading, text in entry.extra.items():
            if text:
                seen.setdefault(heading, None)
    return list(seen)
