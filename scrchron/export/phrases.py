"""Small phrases the report writes in sentences: spans, elapsed time, row numbers, dates with their reading.

A table cell can say "1 Mar – 31 May 2014"; a sentence cannot say "between 1 Mar
– 31 May 2014". These helpers give the wording a sentence needs. Nothing here
touches a file or the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scrchron.dates.wording import age_at, parse_day, short_day
from scrchron.export.formatting import UNKNOWN, entry_date
from scrchron.records.case_records import Entry


def between(start: str | None, end: str | None) -> str:
    """'between 14 Feb 2014 and 27 Jul 2015', 'on 9 Mar 2015' (one day), 'date unknown' (no start)."""
    first, last = parse_day(start), parse_day(end)
    if first is None:
        return UNKNOWN
    if last is None or last == first:
        return f"on {short_day(first)}"
    return f"between {short_day(first)} and {short_day(last)}"


def elapsed(since: date, until: date) -> str | None:
    """How long from ``since`` to ``until`` as a reviewer says it: '11 years 1 month', '3 weeks'.

    None when ``until`` is not after ``since`` (the caller says 'the same day' or 'before').
    """
    return age_at(since, until) if until > since else None


def numbers(values: Sequence[int]) -> str:
    """'3, 5–8, 12': runs of consecutive numbers joined."""
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def rows_phrase(values: Sequence[int]) -> str:
    """'row 26', 'rows 26–27', 'rows 3, 5–8': the noun agrees with how many rows there are."""
    return f"row {values[0]}" if len(values) == 1 else f"rows {numbers(values)}"


def dated(entry: Entry) -> str:
    """The date as written, with scrchron's reading beside it where they differ.

    '03/09/2015 (read as 9 Mar 2015)', '?May 2014 (read as 1–31 May 2014, uncertain)'; '9 March 2015'
    alone when the written date says it plainly.
    """
    written, reading = entry_date(entry)
    return f"{written} ({reading.replace(' (uncertain)', ', uncertain')})" if reading else written
