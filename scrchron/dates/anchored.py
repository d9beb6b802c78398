"""Readings offered for ages and relative dates, from an anchor the reviewer can check.

``aged 3``, ``when she was 13``, ``at 29 weeks pregnant`` and ``two days later``,
``the following week`` stay ``unknown`` when read on their own (:mod:`scrchron.dates.reader`
never guesses). With an anchor, the subject's date of birth or the previous dated entry
in the same submission, :func:`offer_reading` works out the interval they stand for, so
the entry panel or the import preview can offer it for the reviewer to accept with one
click. An offered reading keeps the text as written and carries the flag ``from-age``
or ``from-previous-entry``, so it is never mistaken for a date the agency wrote.

Intervals:

- ``aged N`` / ``N years old`` / ``when she was N``: the year of life, from the Nth
  birthday to the day before the next (precision ``range``); ``aged N months``: that
  month of life; ``aged N weeks``: that week; ``aged N days``: that day;
  ``aged N years M months``: that month of life.
- ``at N weeks pregnant`` (the subject being the child): 37-42 weeks is term, so the
  day is between 42-N and 37-N weeks before the birth (precision ``range``, also flagged
  ``approximate``).
- ``N days later`` / ``the next day`` / ``the day after``: that many days after the
  previous entry (its whole interval moved when it is not one day); ``N weeks later``:
  the week centred N weeks on (also ``approximate``); ``the following week``: the
  Monday-to-Sunday week after the previous entry's; ``N months later``: the month N on;
  ``the same day`` / ``later that day``: the previous entry's day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from scrchron.dates.reader import DateReading

_F = re.ASCII
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19, "twenty": 20}
_N = rf"(?P<n>[0-9]{{1,3}}|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))})"
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)"
_AGE = re.compile(
    rf"(?:(?:when|while)\s+(?:she|he|they|the child|child \w+)\s+(?:was|were)|aged?|at (?:the )?age(?: of)?)"
    rf"\s+{_N}(?:\s*{_UNIT})?(?:\s+(?:and\s+)?(?P<m>[0-9]{{1,2}})\s*months?)?(?:\s+old)?", _F)
_YEARS_OLD = re.compile(rf"{_N}\s*(?P<unit>years?|months?|weeks?|days?)[\s-]*old", _F)
_PREGNANT = re.compile(r"(?:at\s+)?(?P<w>[0-9]{1,2})\s*(?:weeks?|/40)\s+(?:pregnant|gestation)", _F)
_LATER = re.compile(rf"{_N}\s+{_UNIT}\s+(?:later|after(?:wards)?|on)", _F)
_NEXT_DAY = re.compile(r"(?:the\s+)?(?:next|following)\s+(?:day|morning|evening|afternoon)|the\s+day\s+after", _F)
_NEXT_WEEK = re.compile(r"(?:the\s+)?(?:next|following)\s+week", _F)
_NEXT_MONTH = re.compile(r"(?:the\s+)?(?:next|following)\s+month", _F)
_SAME_DAY = re.compile(
    r"(?:the\s+)?same\s+day|later\s+(?:that|the\s+same)\s+day|that\s+(?:evening|afternoon|night)", _F)
_MAX_CHARS = 80


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text]


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _clean(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").replace(".", " ").split())


def _reading(text: str, start: date, end: date, precision: str, *flags: str) -> DateReading:
    return DateReading(text, start.isoformat(), end.isoformat(), precision, False, flags)


def _from_age(text: str, s: str, dob: date) -> DateReading | None:
    pregnant = _PREGNANT.fullmatch(s)
    if pregnant:
        weeks = int(pregnant["w"])
        if not 4 <= weeks <= 42:
            return None
        return _reading(text, dob - timedelta(weeks=42 - weeks), dob - timedelta(weeks=max(37 - weeks, 0)),
                        "range", "from-age", "approximate")
    m = _AGE.fullmatch(s) or _YEARS_OLD.fullmatch(s)
    if m is None:
        return None
    n, unit = _number(m["n"]), (m["unit"] or "years").rstrip("s")
    extra = int(m["m"]) if "m" in m.groupdict() and m["m"] else 0
    if unit == "day":
        return _reading(text, dob + timedelta(n), dob + timedelta(n), "day", "from-age")
    if unit == "week":
        return _reading(text, dob + timedelta(weeks=n), dob + timedelta(weeks=n, days=6), "week", "from-age")
    months = n * 12 + extra if unit == "year" else n
    if months > 130 * 12 or (unit == "month" and extra):
        return None
    span = 12 if unit == "year" and not extra else 1
    start = _add_months(dob, months)
    return _reading(text, start, _add_months(dob, months + span) - timedelta(1), "range", "from-age")


def _from_previous(text: str, s: str, previous: DateReading) -> DateReading | None:
    if previous.start is None or previous.end is None:
        return None
    first, last = date.fromisoformat(previous.start[:10]), date.fromisoformat(previous.end[:10])
    one_day = first == last
    if _SAME_DAY.fullmatch(s):
        return _reading(text, first, last, "day" if one_day else "range", "from-previous-entry")
    if _NEXT_DAY.fullmatch(s):
        return _shifted(text, first, last, timedelta(1))
    if _NEXT_WEEK.fullmatch(s):
        monday = last - timedelta(last.weekday()) + timedelta(7)
        return _reading(text, monday, monday + timedelta(6), "week", "from-previous-entry")
    if _NEXT_MONTH.fullmatch(s):
        return _month_on(text, first, last, 1)
    m = _LATER.fullmatch(s)
    if m is None:
        return None
    n, unit = _number(m["n"]), m["unit"].rstrip("s")
    if unit == "day" and n <= 3650:
        return _shifted(text, first, last, timedelta(n))
    if unit == "week" and n <= 520:
        return _reading(text, first + timedelta(weeks=n, days=-3), last + timedelta(weeks=n, days=3), "week"
                        if one_day else "range", "from-previous-entry", "approximate")
    if unit == "month" and n <= 120:
        return _month_on(text, first, last, n)
    if unit == "year" and n <= 100:
        return _month_on(text, first, last, 12 * n)
    return None


def _shifted(text: str, first: date, last: date, by: timedelta) -> DateReading:
    precision = "day" if first == last else "range"
    return _reading(text, first + by, last + by, precision, "from-previous-entry")


def _month_on(text: str, first: date, last: date, months: int) -> DateReading:
    start, end = _add_months(first, months), _add_months(last, months)
    start, end = start.replace(day=1), end.replace(day=calendar.monthrange(end.year, end.month)[1])
    precision = "month" if (start.year, start.month) == (end.year, end.month) else "range"
    return _reading(text, start, end, precision, "from-previous-entry")


def offer_reading(text: str, *, date_of_birth: date | None = None,
                  previous: DateReading | None = None) -> DateReading | None:
    """The reading an age or a relative date stands for, given an anchor; None if none applies.

    Args:
        text: the cell as written ("aged 3", "two days later").
        date_of_birth: the subject's date of birth, the anchor of an age.
        previous: the reading of the previous dated entry in the same submission,
            the anchor of a relative date.

    Returns:
        A reading flagged ``from-age`` or ``from-previous-entry`` that keeps ``text``,
        for the reviewer to accept, or None. Never raises.
    """
    if not isinstance(text, str) or len(text) > _MAX_CHARS:
        return None
    s = _clean(text)
    try:
        if date_of_birth is not None:
            reading = _from_age(text, s, date_of_birth)
            if reading is not None:
                return reading
        return _from_previous(text, s, previous) if previous is not None else None
    except (ValueError, OverflowError):  # beyond the calendar's years: nothing to offer
        return None
