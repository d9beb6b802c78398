"""How scrchron words dates for people: one wording for the window and every export.

Month names are fixed English words (never ``%b``): Qt sets the C locale from the
environment, and a reviewer's report is in English whatever the machine's locale.
This module imports nothing heavy, so the window can load it at start-up.
"""

from __future__ import annotations

import calendar
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date or date-time, or None when missing or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def short_day(day: date) -> str:
    """'9 Mar 2015'."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def long_day(value: date | str | None) -> str:
    """'9 March 2015' (an ISO string or a date); '' when missing."""
    day = parse_day(value) if isinstance(value, str) or value is None else value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def interval(start: str | None, end: str | None, unknown: str) -> str:
    """An interval as short as it can be said: '9 Mar 2015', '1–31 Mar 2015', '1 Mar – 31 May 2014'."""
    first, last = parse_day(start), parse_day(end)
    if first is None:
        return unknown
    if last is None or last == first:
        return short_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{short_day(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1][:3]} – {short_day(last)}"
    return f"{short_day(first)} – {short_day(last)}"


def age_at(dob: date, when: date) -> str:
    """Age at ``when`` as a reviewer writes it.

    Under 14 days: "N days"; under 13 weeks: "N weeks"; under a year:
    "N months"; then "N years M months" ("N years" on a whole year).
    Before birth: "before birth".
    """
    days = (when - dob).days
    if days < 0:
        return "before birth"
    if days < 14:
        return _count(days, "day")
    if days < 91:
        return _count(days // 7, "week")
    months = (when.year - dob.year) * 12 + when.month - dob.month
    last_day = calendar.monthrange(when.year, when.month)[1]
    if when.day < dob.day and when.day != last_day:
        months -= 1
    if months < 12:
        return _count(months, "month")
    years, months = divmod(months, 12)
    return _count(years, "year") + (f" {_count(months, 'month')}" if months else "")


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"
