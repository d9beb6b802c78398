"""How the window writes dates: '9 Mar 2015', '1–31 Mar 2015', '—' when unknown.

Month names are fixed English abbreviations rather than ``%b``, because Qt sets
the C locale from the environment and a reviewer's report is in English.
"""

from __future__ import annotations

from scrchron.dates import wording
from scrchron.dates.wording import parse_day, short_day

UNKNOWN = "—"


def day(value: str | None) -> str:
    """An ISO date (or date-time) as '9 Mar 2015'; '—' when missing or unreadable."""
    parsed = parse_day(value)
    return short_day(parsed) if parsed else UNKNOWN


def interval(start: str | None, end: str | None) -> str:
    """An interval as short as it can be said: '9 Mar 2015', '1–31 Mar 2015', '1 Mar – 31 May 2014'."""
    return wording.interval(start, end, UNKNOWN)


def time_of(start: str | None) -> str:
    """The 'HH:MM' part of an ISO date-time, or '' when there is none."""
    if start and "T" in start:
        return start.split("T", 1)[1][:5]
    return ""


#: How the Flags column names each flag scrchron.dates.reader (or the store) sets,
#: with the sentence its tooltip gives. Unknown flags are shown as written.
FLAG_WORDS: dict[str, tuple[str, str]] = {
    "uncertain": ("uncertain date", "The agency marked the date as uncertain (e.g. '?12 Mar 2015')."),
    "redacted": ("redacted", "Part of the date was redacted."),
    "year-inferred": ("year assumed", "No year was written; it was taken from nearby entries or the scope."),
    "no-year": ("no year", "No year was written and none could be assumed."),
    "invalid": ("impossible date", "The date does not exist, e.g. 31 April."),
    "relative": ("relative date", "Written relative to another event, e.g. 'two days later'."),
    "unparsed": ("date not read", "scrchron could not read this date; the text is kept as written."),
    "empty": ("no date", "No date was given."),
    "too-long": ("date not read", "The date cell was too long to be a date."),
    "order-mdy": ("month first", "Read month-first (e.g. 10/15/2014), as this agency writes dates."),
    "ambiguous-order": ("day/month unclear", "Day and month could be either way round."),
    "excel-serial": ("spreadsheet number", "The date was a spreadsheet day number."),
    "outside-scope": ("outside scope", "The date falls wholly outside the review's scope period."),
    "weekday-mismatch": ("weekday differs", "The weekday written does not match the date."),
    "same-event": ("same event", "Linked with other agencies' accounts of the same event."),
    "withdrawn": ("withdrawn", "The agency took this entry out in a corrected submission."),
    "approximate": ("approximate", "A school holiday or term read from England's and Wales's usual "
                                   "calendars: the real dates may differ by a few days."),
    "ambiguous-year": ("financial or academic year", "A year pair such as 2014/15 with no word saying "
                                                      "which: both readings are covered."),
    "ambiguous-word": ("October or autumn", "Welsh “Hydref” alone: October or autumn; the wider "
                                             "reading is kept."),
    "from-age": ("from an age", "Worked out from the subject's age and date of birth."),
    "from-previous-entry": ("from the entry before", "Worked out from the previous dated entry "
                                                     "(\u201ctwo days later\u201d)."),
    "date-corrected": ("date corrected", "You corrected this date; the agency's own wording is kept "
                                         "beside it (\u201cDate as the agency wrote it\u201d)."),
}


def flag_label(flag: str) -> str:
    """A flag in the reviewer's words, e.g. 'order-mdy' -> 'month first'."""
    return FLAG_WORDS.get(flag, (flag.replace("-", " "), ""))[0]


def flag_explanation(flag: str) -> str:
    """One sentence saying what a flag means ('' when scrchron has none)."""
    return FLAG_WORDS.get(flag, ("", ""))[1]
