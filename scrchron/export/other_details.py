"""The columns an agency sent that were not mapped to a field ("other details").

Nothing the agency wrote is hidden: every unmapped cell is kept with its entry
(``Entry.extra``, heading -> text) and every export shows it, filtered by the
export's name rules like every other text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scrchron.export.privacy import ExportPrivacy
from scrchron.records.case_records import Entry


def filter_other_details(entries: Sequence[Entry], privacy: ExportPrivacy) -> None:
    """Filter the headings and texts of every entry's other details in place (one pass).

    Args:
        entries: the exported entries (copies read for this export).
        privacy: the export's name rules.
    """
    flat = [text for entry in entries for pair in entry.extra.items() for text in pair]
    if not flat:
        return
    filtered = iter(privacy.texts(flat))
    for entry in entries:
        pairs = [(next(filtered), next(filtered)) for _ in range(len(entry.extra))]
        entry.extra = dict(pairs)


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
