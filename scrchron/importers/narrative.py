"""Reading a narrative chronology: dated paragraphs instead of a table.

Adult social care often writes its chronology as paragraphs: "14/03/2019 – Home visit by
the social worker...". One entry starts at each paragraph (or line) that begins with a
date in any form the date reader knows; a paragraph without a leading date continues the
entry above; a heading such as "2019" or "January 2015" gives the year to the dates below
it that have none; text before the first dated paragraph is the submission's notes.
Dates are kept as written (they are read later, with every other date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrchron.importers import limits
from scrchron.importers.parsed import Cell, ParsedRow, SourceTable, SubmissionError
from scrchron.importers.rows import is_banner

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+)?"
_DATES = (
    rf"{_YEAR}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z?)?",  # 2019-03-14T10:30:00
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d\d)",  # 14/03/2019, 22.05.16
    rf"\d{{1,2}}(?:st|nd|rd|th)?[\s\-]+(?:of\s+)?{_MONTH}(?:[\s\-,]+(?:{_YEAR}|\d\d)\b)?",  # 9 March 2015
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}",  # March 9, 2015
    rf"{_MONTH}[\s\-]+(?:{_YEAR}|\d\d)\b",  # March 2015, Jul-15
    rf"(?:early|mid|late|spring|summer|autumn|winter)(?:[\s\-]+term)?[\s\-]+{_YEAR}",  # Spring 2014
)
_TIME = r"(?:,?\s*(?:at\s+)?(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|hrs)?|\d{4}\s*hrs|\d{1,2}\s*[ap]\.?m\.?))"
_LEADING_DATE = re.compile(
    rf"^\s*(?P<date>(?:\?\s*|c\.\s*|w/c\s+|on\s+)?{_WEEKDAY}(?:{'|'.join(_DATES)}))"
    rf"(?P<time>{_TIME})?"
    r"(?:\s*(?:[:\-\u2013\u2014,.;)|]|\t)\s*|\s+|$)(?P<event>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_HAS_YEAR = re.compile(rf"{_YEAR}|\b\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d\d\b|[\s\-']\d\d$")
_YEAR_IN = re.compile(_YEAR)
_AT = re.compile(r"^[,\s]*(?:at\s+)?", re.IGNORECASE)

DATE_HEADING = "Date (start of paragraph)"
TEXT_HEADING = "Paragraph"
MAPPING = {"start_date": DATE_HEADING, "event": TEXT_HEADING}
"""What a narrative's "columns" became (it has none to save for the agency's next table)."""


@dataclass(slots=True)
class Narrative:
    """The entries read from dated paragraphs.

    Attributes:
        rows: one entry per dated paragraph.
        preamble: the paragraphs before the first dated one.
        continued: paragraphs added to the entry above them.
        headings: year or month headings used as context.
    """

    rows: list[ParsedRow] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    continued: int = 0
    headings: int = 0


def leading_date(text: str) -> tuple[str, str, str] | None:
    """Split a paragraph that begins with a date into (date, time, event).

    Args:
        text: one paragraph or line.

    Returns:
        The date and time as written and the rest of the text, or None when the
        paragraph does not begin with a date.
    """
    match = _LEADING_DATE.match(text)
    if match is None:
        return None
    time = _AT.sub("", match.group("time") or "").strip()
    return match.group("date").strip(), time, match.group("event").strip()


def read_narrative(text: SourceTable, place: str = "Paragraph", joiner: str = "\n") -> Narrative:
    """Read a document's paragraphs (or a text file's lines) as a narrative chronology.

    Args:
        text: a table of kind 'text': one paragraph per row, in its first cell.
        place: how an origin names a row ("Paragraph", "Line").
        joiner: put between an entry and a paragraph continuing it (" " for a PDF's wrapped lines).

    Returns:
        The entries, the preamble and counts for the messages.

    Raises:
        SubmissionError: when one entry's text grows beyond the cell limit.
    """
    found = Narrative()
    section = ""
    pages = text.pages or [0] * len(text.rows)
    for row, number, page in zip(text.rows, text.row_numbers, pages, strict=True):
        value = row[0] if row and isinstance(row[0], str) else ""
        value = value.strip()
        if not value:
            continue
        if is_banner(value):
            section, found.headings = value.strip(" :.-\u2013"), found.headings + 1
            continue
        split = leading_date(value)
        if split is None:
            _continue(found, value, text.name, joiner)
            continue
        where = f"Page {page}, {place.lower()} {number}" if page else f"{place} {number}"
        found.rows.append(_entry(split, value, number, section, where, text.name))
    for position, entry in enumerate(found.rows, start=1):
        entry.order = float(position)
    return found


def _continue(found: Narrative, value: str, name: str, joiner: str) -> None:
    """Add an undated paragraph to the entry above (or to the preamble before the first)."""
    if not found.rows:
        found.preamble.append(value)
        return
    entry = found.rows[-1]
    event = str(entry.fields["event"] or "")
    joined = f"{event}{joiner}{value}" if event else value
    if len(joined) > limits.MAX_CELL_CHARS:
        raise SubmissionError(
            f"The entry starting at {entry.origin} of '{name}' runs to more than "
            f"{limits.MAX_CELL_CHARS:,} characters with the paragraphs below it (none of them starts "
            "with a date). Check that the document's dates begin their paragraphs, and import it again."
        )
    entry.fields["event"] = joined
    entry.original[TEXT_HEADING] = f"{entry.original[TEXT_HEADING]}{joiner}{value}"
    found.continued += 1


def _entry(split: tuple[str, str, str], value: str, number: int, section: str, origin: str,
           name: str) -> ParsedRow:
    """One entry from a dated paragraph; a heading's year completes a date written without one."""
    written, time, event = split
    date = written
    year = _YEAR_IN.search(section)
    if year and not _HAS_YEAR.search(written):
        date = f"{written} {year.group(0)}"
    fields: dict[str, Cell] = {"start_date": date, "start_time": time or None, "event": event}
    return ParsedRow(origin, name, number, fields, {TEXT_HEADING: value}, {}, 0.0, section)


def no_dated_paragraph_error(name: str, paragraphs: int) -> SubmissionError:
    """The message for a document with neither a chronology table nor a dated paragraph."""
    return SubmissionError(
        f"'{name}' has no chronology table, and none of its {paragraphs:,} paragraph(s) begins with a "
        "readable date, so no entries could be read. scrchron reads a table with date and event "
        "columns, or paragraphs that each begin with a date (\"14/03/2019 Home visit ...\"). Ask the "
        "agency for the chronology in one of these forms."
    )
