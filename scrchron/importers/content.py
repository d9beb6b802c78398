"""Choosing columns by what they hold, not only by their heading.

A heading says what a column should hold; its values say what it does hold. The
event is the column of long free text (most words per cell, most distinct values);
a column of a few repeated short labels is a contact type, not the event; a
column of dates is a date whatever its heading, and a "To" column of names is no
end date. Clear headings still win where the values do not contradict them; each
change is explained in one sentence for the mapping page and ``--dry-run``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from scrchron.importers.cells import cell_text, one_line
from scrchron.importers.headers import field_scores
from scrchron.importers.parsed import Cell

SAMPLE_ROWS = 200
"""Data rows looked at below a candidate header row."""

_CLEAR = 100
"""A heading scoring this for the event field names it clearly."""

_NARRATIVE_WORDS = 5
"""With no event heading, a column needs this many words per cell to be taken as the event
(fewer: an address, a name or a code; the reviewer maps it by hand)."""

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?")
_DATE_LIKE = re.compile(
    r"^[?~c.\s]*(?:w/?c\s*)?(?:"
    r"\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?"  # 14/03/2019, 2019-03-14, 12.05.18, 3/14
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s\-]*{_MONTH}(?:[\s\-,]*\d{{2,4}})?"  # 9 march 2015, 22-may-16
    rf"|{_MONTH}[\s\-,]*\d{{1,4}}(?:[\s,]+\d{{4}})?"  # Jan 2016, Jul-15, March 9, 2015
    r"|(?:early|mid|late|spring|summer|autumn|winter)[a-z\s\-]*\d{4}"  # Summer 2015
    r"|(?:19|20)\d\d"  # 2014
    r")(?:[T\s,]+\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]m|\s*hrs)?)?\s*$",
    re.IGNORECASE,
)
_TIME_LIKE = re.compile(r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|hrs?)?$|^\d{4}\s*hrs?$",
                        re.IGNORECASE)
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_NUMBER_LIKE = re.compile(r"^[\s#?]*[A-Za-z]{0,4}[-/]?\d+(?:[.:]\d+)?\s*$")
_FLAGS = frozenset({"yes", "no", "y", "n", "true", "false", "n/a", "na", "x", "-", "0", "1"})
_DATE_FIELDS = ("start_date", "end_date")
_STRUCTURED = frozenset({"sequence", "start_date", "start_time", "end_date", "end_time"})


@dataclass(frozen=True, slots=True)
class ColumnProfile:
    """What one column's values look like.

    Attributes:
        filled: non-empty cells seen.
        words: mean words per non-empty cell.
        distinct: distinct values / non-empty cells.
        dates: share of non-empty cells that are dates (or date-times).
        times: share that are times of day.
        numbers: share that are numbers or codes ("1001", "INC-0041").
        flags: share that are yes/no style flags.
        with_time: share of the date cells that also carry a time.
    """

    filled: int = 0
    words: float = 0.0
    distinct: float = 0.0
    dates: float = 0.0
    times: float = 0.0
    numbers: float = 0.0
    flags: float = 0.0
    with_time: float = 0.0

    @property
    def structured(self) -> bool:
        """True for a column of dates, times, numbers or codes (never the event)."""
        return max(self.dates, self.times, self.numbers) >= 0.6

    @property
    def free_text(self) -> float:
        """How much free text the column holds: words per cell, weighted by variety."""
        if not self.filled or self.structured:
            return 0.0
        return self.words * (0.5 + 0.5 * self.distinct)

    @property
    def categorical(self) -> bool:
        """True for a column of a few repeated short labels, or of yes/no flags."""
        if not self.filled:
            return False
        return self.flags >= 0.8 or (self.words <= 3 and self.distinct <= 0.6 and self.filled >= 4)


def profile_column(values: Sequence[Cell]) -> ColumnProfile:
    """Describe a column from its values.

    Args:
        values: the column's cells, top to bottom (empty cells allowed).

    Returns:
        Its profile.
    """
    texts = [one_line(value) if isinstance(value, str) else cell_text(value) for value in values]
    kinds = [_kind(value, text) for value, text in zip(values, texts, strict=True) if text]
    filled = [text for text in texts if text]
    if not filled:
        return ColumnProfile()
    count = len(filled)
    dates = [text for text, kind in zip(filled, kinds, strict=True) if kind == "date"]
    return ColumnProfile(
        filled=count,
        words=sum(len(text.split()) for text in filled) / count,
        distinct=len({text.lower() for text in filled}) / count,
        dates=len(dates) / count,
        times=kinds.count("time") / count,
        numbers=kinds.count("number") / count,
        flags=sum(1 for text in filled if text.lower() in _FLAGS) / count,
        with_time=(sum(1 for text in dates if _HAS_TIME.search(text)) / len(dates)) if dates else 0.0,
    )


def _kind(value: Cell, text: str) -> str:
    """Classify one non-empty cell: 'date', 'time', 'number' or 'text'."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "date"
    if isinstance(value, datetime.time):
        return "time"
    if isinstance(value, (int, float)):
        return "number"
    if len(text) > 40:
        return "text"
    if _TIME_LIKE.match(text):
        return "time"
    if _DATE_LIKE.match(text):
        return "date"
    if _NUMBER_LIKE.match(text):
        return "number"
    return "text"


def looks_like_header_row(row: Sequence[Cell]) -> bool:
    """Tell whether a row could be a header: short texts, none of them a date, time or number.

    Args:
        row: the candidate header row.

    Returns:
        False for a data row (its cells hold dates, times or long text).
    """
    texts = [(cell, cell_text(cell)) for cell in row]
    return all(len(text) <= 120 and _kind(cell, text) == "text" for cell, text in texts if text)


@dataclass(slots=True)
class ContentChoice:
    """The mapping after looking at the values, and why it changed."""

    columns: dict[str, int]
    reasons: list[str] = field(default_factory=list)


def refine_by_content(
    columns: dict[str, int], headers: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> ContentChoice:
    """Correct a heading-based mapping with what the columns hold.

    Args:
        columns: field -> column, from the headings.
        headers: the unique header name of every column.
        rows: data rows below the header (a sample is enough).

    Returns:
        The corrected mapping and one reason per change.
    """
    sample = rows[:SAMPLE_ROWS]
    profiles = [profile_column([row[col] if col < len(row) else None for row in sample])
                for col in range(len(headers))]
    choice = ContentChoice(dict(columns))
    if not any(profile.filled for profile in profiles):
        return choice
    _Refiner(choice, headers, profiles).run()
    return choice


class _Refiner:
    """One pass of content corrections over a mapping."""

    def __init__(self, choice: ContentChoice, headers: Sequence[str],
                 profiles: list[ColumnProfile]) -> None:
        self.choice = choice
        self.columns = choice.columns
        self.headers = headers
        self.profiles = profiles

    def run(self) -> None:
        """Dates first (they decide what is structured), then the event."""
        self._drop_false_dates()
        self._find_start_date()
        self._find_start_time()
        self._choose_event()

    def _field_of(self, col: int) -> str | None:
        return next((name for name, mapped in self.columns.items() if mapped == col), None)

    def _say(self, text: str) -> None:
        self.choice.reasons.append(text)

    def _drop_false_dates(self) -> None:
        """A date field whose values are words (names, places) is no date.

        A start date is only dropped when another column holds dates to replace it.
        """
        spare = any(self._field_of(col) is None and profile.dates >= 0.8
                    for col, profile in enumerate(self.profiles))
        for name in _DATE_FIELDS:
            col = self.columns.get(name)
            if col is None or (name == "start_date" and not spare):
                continue
            profile = self.profiles[col]
            time_field = name.replace("_date", "_time")
            if profile.filled and profile.times >= 0.8 and time_field not in self.columns:
                del self.columns[name]
                self.columns[time_field] = col
                self._say(f"Column '{self.headers[col]}' was taken as the "
                          f"{time_field.replace('_', ' ')}: it holds times of day.")
            elif profile.filled >= 2 and profile.dates < 0.2 and profile.free_text > 0:
                del self.columns[name]
                label = "start date" if name == "start_date" else "end date"
                self._say(f"Column '{self.headers[col]}' was not taken as the {label}: "
                          "its values are not dates.")

    def _find_start_date(self) -> None:
        """With no start date column, the first unmapped column of dates is one."""
        if "start_date" in self.columns:
            return
        for col, profile in enumerate(self.profiles):
            if self._field_of(col) is None and profile.filled and profile.dates >= 0.8:
                self.columns["start_date"] = col
                self._say(f"Column '{self.headers[col]}' was taken as the start date: "
                          "it holds dates.")
                return

    def _find_start_time(self) -> None:
        """A column of times is the start time when the dates carry no time."""
        start = self.columns.get("start_date")
        if "start_time" in self.columns or start is None or self.profiles[start].with_time >= 0.5:
            return
        for col, profile in enumerate(self.profiles):
            if self._field_of(col) is None and profile.filled and profile.times >= 0.8:
                self.columns["start_time"] = col
                self._say(f"Column '{self.headers[col]}' was taken as the start time: "
                          "it holds times of day.")
                return

    def _choose_event(self) -> None:
        """The event is the column of free text, unless a clear heading says otherwise."""
        best = self._best_free_text()
        if best is None:
            return
        current = self.columns.get("event")
        if current == best:
            return
        if current is None:
            if self.profiles[best].words >= _NARRATIVE_WORDS and self._rows_are_dated():
                self._move_event(best, None, "it holds the longest free text")
            return
        reason = self._why_switch(current, best)
        if reason:
            self._move_event(best, current, reason)

    def _rows_are_dated(self) -> bool:
        """True when the date column holds dates on several rows (a chronology, not a guide)."""
        start = self.columns.get("start_date")
        if start is None:
            return False
        profile = self.profiles[start]
        return profile.filled >= 2 and profile.dates >= 0.5

    def _best_free_text(self) -> int | None:
        """The column with the most free text (not a date, time or code column)."""
        scored = [(profile.free_text, -col) for col, profile in enumerate(self.profiles)
                  if self._field_of(col) not in _STRUCTURED and profile.free_text > 0]
        return -max(scored)[1] if scored else None

    def _why_switch(self, current: int, best: int) -> str:
        """Why the event should move from ``current`` to ``best`` ("" to keep it)."""
        old, new = self.profiles[current], self.profiles[best]
        if new.filled < 2 or new.words < max(3.0, 2 * old.words):
            return ""
        old_heading = field_scores(self.headers[current]).get("event", 0)
        new_heading = field_scores(self.headers[best]).get("event", 0)
        if old.categorical:
            return (f"'{self.headers[current]}' holds a few repeated short labels, "
                    f"'{self.headers[best]}' the free text")
        if old_heading < _CLEAR:
            return f"its free text is longer than that of '{self.headers[current]}'"
        if new_heading >= old_heading:
            return (f"its heading names an event too, and its text is longer than that of "
                    f"'{self.headers[current]}'")
        return ""

    def _move_event(self, best: int, current: int | None, reason: str) -> None:
        """Map ``best`` as the event; the old event column becomes the contact type."""
        previous = self._field_of(best)
        if previous is not None:
            del self.columns[previous]
        self.columns["event"] = best
        self._say(f"Column '{self.headers[best]}' was taken as the event: {reason}.")
        if current is None:
            return
        old = self.profiles[current]
        if "contact_type" not in self.columns and old.flags < 0.8 and old.words <= 4:
            self.columns["contact_type"] = current
            self._say(f"Column '{self.headers[current]}' was taken as the contact type.")
        else:
            self._say(f"Column '{self.headers[current]}' is kept with each entry as it is.")
