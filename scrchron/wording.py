"""How scrchron words dates for people: one wording for the window and every export.

Month names are fixed English words (never ``%b``): Qt sets the C locale from the
environment, and a reviewer's report is in English whatever the machine's locale.
This module imports nothing heavy, so the window can load it at start-up.
"""

from __future__ import annotations

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
