"""The world set: date expressions taken verbatim from published public text, labelled by hand.

``tests/data/dates_world.tsv`` holds expressions copied from published case reviews, board
and council minutes, inspection and school-calendar pages, and Welsh public bodies' pages
(each row gives its source address). Each was labelled from its reading of what the words
mean, before the reader was run on it. Only date expressions are kept, never a person's name.

Columns: ``text`` (verbatim), ``year_hint`` (the year the page gives for a date written
without one), ``start``/``end``/``precision`` (empty start and end for ``unknown``),
``flags`` (``;``-separated flags the reading must carry; ``uncertain`` means the reading
must be marked uncertain), ``language`` (``en`` or ``cy``), ``source``.

Conventions used in labelling (documented in the README's date table):
a bare ``2014/15`` is the union of the financial and academic years (1 April 2014 -
31 August 2015, flag ``ambiguous-year``); with a context word it is one of them;
consecutive years ``2018-2019`` with no context word are both calendar years, flagged;
school holidays are the windows of ``scrchron.dates.grammar.HOLIDAYS`` (flag ``approximate``);
Welsh ``Hydref YYYY`` alone is 1 September - 31 December (flag ``ambiguous-word``).

Used by ``tests/test_dates_world.py`` and ``bench/bench_dates.py``; both score the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrchron.dates.reader import DateReading, read_date_column

WORLD = Path(__file__).parent / "data" / "dates_world.tsv"
TODAY = date(2025, 6, 1)
HEDGES = frozenset({"year-inferred", "ambiguous-order", "weekday-mismatch", "approximate",
                    "ambiguous-year", "ambiguous-word", "fallback", "from-age",
                    "from-previous-entry"})
"""Flags that say a reading is a guess or a convention, not a statement."""

Reader = Callable[[str, int | None], DateReading]


def world_rows() -> list[dict[str, str]]:
    with WORLD.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_with_scrchron(text: str, hint: int | None) -> DateReading:
    """How a cell is read on import: one cell of a column, with the page's year as hint."""
    return read_date_column([text], year_hint=hint, today=TODAY)[0]


def is_right(row: dict[str, str], reading: DateReading) -> bool:
    """Interval and precision as labelled, and every labelled flag present."""
    wanted = {f for f in row["flags"].split(";") if f}
    have = set(reading.flags) | ({"uncertain"} if reading.uncertain else set())
    return ((reading.start, reading.end, reading.precision)
            == (row["start"] or None, row["end"] or None, row["precision"])
            and wanted <= have)


def is_confidently_wrong(row: dict[str, str], reading: DateReading) -> bool:
    """A dated reading, not hedged, whose interval differs from the label."""
    if reading.start is None or reading.uncertain or HEDGES & set(reading.flags):
        return False
    return (reading.start, reading.end) != (row["start"] or None, row["end"] or None)


@dataclass
class Score:
    """Right and confidently wrong counts, per language."""

    total: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def share(self, language: str | None = None) -> float:
        keys = [language] if language else list(self.total)
        total = sum(self.total.get(k, 0) for k in keys)
        return sum(self.right.get(k, 0) for k in keys) / total if total else 0.0

    def line(self, language: str | None = None) -> str:
        keys = [language] if language else list(self.total)
        right = sum(self.right.get(k, 0) for k in keys)
        total = sum(self.total.get(k, 0) for k in keys)
        return f"{right}/{total} right ({100 * self.share(language):.1f}%)"


def score(read: Reader = read_with_scrchron, rows: list[dict[str, str]] | None = None) -> Score:
    result = Score()
    for row in world_rows() if rows is None else rows:
        hint = int(row["year_hint"]) if row["year_hint"] else None
        reading = read(row["text"], hint)
        language = row["language"]
        result.total[language] = result.total.get(language, 0) + 1
        if is_right(row, reading):
            result.right[language] = result.right.get(language, 0) + 1
        else:
            result.missed.append(row["text"])
        if is_confidently_wrong(row, reading):
            result.wrong.append(row["text"])
    return result
