"""How exports write dates, flags and cell text.

Month names are fixed English words (never ``%b``), because a reviewer's report
is in English whatever the machine's locale. Nothing here touches a file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

from scrchron.dates import wording
from scrchron.dates.wording import long_day, parse_day
from scrchron.records.case_records import Entry

UNKNOWN = "date unknown"

#: Characters XML 1.0 forbids (and lone surrogates): dropped from every exported text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: A cell starting with one of these could run as a formula in Excel (OWASP "CSV injection").
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Flags in a reviewer's words (the same vocabulary the chronology window uses).
FLAG_WORDS: dict[str, str] = {
    "uncertain": "uncertain date",
    "redacted": "date partly redacted",
    "year-inferred": "year assumed",
    "no-year": "no year written",
    "invalid": "impossible date",
    "relative": "relative date",
    "unparsed": "date not read",
    "empty": "no date given",
    "too-long": "date not read",
    "order-mdy": "read month first",
    "ambiguous-order": "day/month unclear",
    "excel-serial": "spreadsheet day number",
    "outside-scope": "outside scope",
    "weekday-mismatch": "weekday differs",
    "approximate": "approximate (school holiday)",
    "ambiguous-year": "financial or academic year",
    "ambiguous-word": "October or autumn",
    "from-age": "worked out from an age",
    "from-previous-entry": "worked out from the entry before",
}


def xml_safe(text: str) -> str:
    """``text`` without the control characters an XML file (docx, xlsx) cannot hold."""
    return _NOT_XML.sub("", text)


def neutralise(text: str) -> str:
    """A spreadsheet cell that can never run as a formula: a leading ``'`` where one could."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeCsvWriter:
    """A CSV writer that neutralises every text cell (no formula runs when Excel opens it).

    Every CSV scrchron writes goes through it, so the guard cannot be forgotten.
    """

    def __init__(self, handle: Any, lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(handle, lineterminator=lineterminator)

    def writerow(self, values: Iterable[object]) -> None:
        """Write one row; text cells are neutralised."""
        self._writer.writerow([neutralise(v) if isinstance(v, str) else v for v in values])


def interval(start: str | None, end: str | None) -> str:
    """An interval as short as it can be said: '9 Mar 2015', '1–31 Mar 2015', '1 Mar – 31 May 2014'."""
    return wording.interval(start, end, UNKNOWN)


def period(start: str | None, end: str | None) -> str:
    """A period for prose: '1 January 2014 to 12 September 2015' (open ends said so)."""
    if start and end:
        return f"{long_day(start)} to {long_day(end)}"
    if start:
        return f"from {long_day(start)}"
    if end:
        return f"up to {long_day(end)}"
    return "not set"


_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_LONG = re.compile(r"^(\d{1,2}) ([a-z]{3,9}) (\d{4})$")
#: Flags that mean the written date does not say plainly what was read.
_DOUBTFUL = {"year-inferred", "order-mdy", "ambiguous-order", "redacted", "excel-serial", "weekday-mismatch",
             "invalid", "relative", "approximate", "ambiguous-year", "ambiguous-word", "from-age",
             "from-previous-entry"}


def _plain(text: str) -> str:
    return _ORDINAL.sub("", " ".join(text.lower().replace(",", " ").split()))


def written_matches(entry: Entry) -> bool:
    """Whether the date as written already says plainly what scrchron read (so no reading is shown).

    True for a single day written in full, day first: '9 March 2015', '9th Mar 2015',
    '09/03/2015'. A two-digit year, a month, a season, an uncertain or inferred date
    is always shown with its reading.
    """
    if entry.precision not in ("day", "time") or entry.uncertain:
        return False
    if entry.flags and not _DOUBTFUL.isdisjoint(entry.flags):
        return False
    first = parse_day(entry.start)
    if first is None:
        return False
    written = entry.date_text.strip()
    numeric = _NUMERIC.match(written)
    if numeric is None:  # a date written in figures is its own plain form: only others are tidied
        written = _plain(entry.date_text)
        numeric = _NUMERIC.match(written)
    if numeric:
        return (int(numeric[1]), int(numeric[2]), int(numeric[3])) == (first.day, first.month, first.year)
    long = _LONG.match(written)
    if long is None or (int(long[1]), int(long[3])) != (first.day, first.year):
        return False
    month = wording.MONTHS[first.month - 1].lower()
    return long[2] in (month, month[:3])


def entry_date(entry: Entry) -> tuple[str, str]:
    """The date as written (with its time) and scrchron's reading when the two differ.

    Returns:
        (written, reading): ``reading`` is '' when the written date says it plainly,
        otherwise e.g. 'read as 24–30 Mar 2014', 'read as 12 Mar 2015 (uncertain)'. An end
        written apart ('01/03/2015' to '05/03/2015') is shown too, always with the reading.
    """
    written = entry.date_text.strip() or "(no date given)"
    if entry.time_text.strip():
        written = f"{written} {entry.time_text.strip()}"
    end = " ".join(part for part in (entry.end_date_text.strip(), entry.end_time_text.strip()) if part)
    if end:
        return f"{written} to {end}", _reading(entry)
    if written_matches(entry):
        return written, ""
    return written, _reading(entry)


def _reading(entry: Entry) -> str:
    """'read as 24–30 Mar 2014', 'read as 12 Mar 2015 19:30 (uncertain)', 'date not understood'."""
    if parse_day(entry.start) is None:
        return "date not understood"
    reading = interval(entry.start, entry.end)
    if entry.time:
        reading = f"{reading} {entry.time}"
    if entry.uncertain:
        reading += " (uncertain)"
    return f"read as {reading}"


def flag_words(flags: list[str]) -> list[str]:
    """Flags in the reviewer's words, each once, in the order given."""
    return list(dict.fromkeys(FLAG_WORDS.get(flag, flag.replace("-", " ")) for flag in flags))


def entry_flags(entry: Entry) -> list[str]:
    """An entry's date flags in words, 'uncertain date' included when the entry is marked uncertain."""
    flags = [*entry.flags, "uncertain"] if entry.uncertain else entry.flags
    return flag_words(flags)


def tint(colour: str, keep: float = 0.22) -> str:
    """A light tint of a #RRGGBB colour (``keep`` of the colour, the rest white), as 'RRGGBB'."""
    value = colour.lstrip("#")
    if len(value) != 6:
        return "EEEEEE"
    channels = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c * keep + 255 * (1 - keep)) for c in channels]
    return "".join(f"{c:02X}" for c in mixed)
