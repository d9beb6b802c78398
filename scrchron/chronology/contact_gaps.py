"""Gaps: periods inside the review's scope when no agency (or one agency) recorded anything.

An entry covers its whole interval (a "Summer 2014" entry covers June to August),
so a coarse date never makes a gap appear. :func:`find_gaps` is pure, over Entry
objects; :func:`case_gaps` reads a case (the minimum length is the case setting
``gap_days``, 60 days unless the reviewer changed it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from scrchron.errors import NotFoundError, ValidationError
from scrchron.records.case_records import Entry
from scrchron.store import Case, list_entries

DEFAULT_GAP_DAYS = 60


@dataclass(frozen=True)
class Gap:
    """A period inside the scope with no entry (from any agency, or from ``agency``).

    ``start`` is the end of the last entry before it (or the scope start), ``end``
    the start of the next entry after it (or the scope end); ``days`` is the
    number of days between them.
    """

    start: str
    end: str
    days: int
    agency: str | None = None
    previous_entry: int | None = None
    next_entry: int | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON form used by ``scrchron gaps --json``."""
        return {"start": self.start, "end": self.end, "days": self.days, "agency": self.agency,
                "previous_entry": self.previous_entry, "next_entry": self.next_entry}


def _spans(entries: Iterable[Entry], low: date | None,
           high: date | None) -> list[tuple[date, date, int | None]]:
    spans: list[tuple[date, date, int | None]] = []
    for entry in entries:
        if entry.start is None or entry.precision == "unknown":
            continue
        first = date.fromisoformat(entry.start[:10])
        last = date.fromisoformat((entry.end or entry.start)[:10])
        if (low and last < low) or (high and first > high):
            continue
        spans.append((max(first, low) if low else first, min(last, high) if high else last, entry.id))
    return sorted(spans)


def find_gaps(entries: Iterable[Entry], *, scope_from: str | None = None, scope_to: str | None = None,
              min_days: int = DEFAULT_GAP_DAYS, agency: str | None = None) -> list[Gap]:
    """Periods longer than ``min_days`` with no entry, inside the scope.

    An entry covers its whole interval (a "Summer 2014" entry covers June to
    August). Without a scope, the period runs from the first entry to the last;
    with one, gaps before the first entry and after the last are listed too.

    Args:
        entries: the entries to look at (already filtered to an agency if wanted).
        scope_from: first day of the review's scope (YYYY-MM-DD) or None.
        scope_to: last day of the scope or None.
        min_days: only gaps of more than this many days are listed.
        agency: the agency name to write on each gap (None for all agencies).
    """
    low = date.fromisoformat(scope_from) if scope_from else None
    high = date.fromisoformat(scope_to) if scope_to else None
    spans = _spans(entries, low, high)
    day, previous = low or (spans[0][0] if spans else None), None
    if high is not None:
        spans.append((high, high, None))  # the scope's end closes a trailing gap
    gaps: list[Gap] = []
    for first, last, entry_id in spans if day else []:
        if day is not None and (first - day).days > min_days:
            gaps.append(Gap(day.isoformat(), first.isoformat(), (first - day).days, agency,
                            previous, entry_id))
        if day is None or last >= day:
            day, previous = last, entry_id
    return gaps


def gap_days(case: Case) -> int:
    """The case's minimum gap length in days (setting 'gap_days', default 60)."""
    text = case.setting("gap_days", str(DEFAULT_GAP_DAYS)).strip()
    if not text.isdigit():
        raise ValidationError(f"The case setting gap_days is '{text}'; it must be a whole number of days.")
    return int(text)


def case_gaps(case: Case, min_days: int | None = None, agencies: Sequence[str] = ()) -> list[Gap]:
    """Gaps in the case's chronology, overall or for each named agency.

    The period is the review's scope; an unset end is taken from the first or last
    visible dated entry of any agency, so an agency silent at the end shows a gap.
    """
    if min_days is None:
        min_days = gap_days(case)
    if min_days < 0:
        raise ValidationError("The minimum gap must be zero or more days.")
    everything = list_entries(case)
    low, high = _period(case, everything)
    if not agencies:
        return find_gaps(everything, scope_from=low, scope_to=high, min_days=min_days)
    found: list[Gap] = []
    for name in agencies:
        agency = case.find_agency(name)
        if agency is None:
            raise NotFoundError(f"There is no agency '{name}' in this case.")
        own = [e for e in everything if e.agency_id == agency.id]
        found.extend(find_gaps(own, scope_from=low, scope_to=high, min_days=min_days, agency=agency.name))
    return found


def _period(case: Case, entries: Sequence[Entry]) -> tuple[str | None, str | None]:
    review = case.review()
    dated = [e for e in entries if e.start and e.precision != "unknown"]
    low = review.scope_from or (min(e.start[:10] for e in dated if e.start) if dated else None)
    high = review.scope_to or (max((e.end or e.start or "")[:10] for e in dated) if dated else None)
    return low, high
