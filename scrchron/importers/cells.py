"""Turning cells into text, and small text helpers shared by the readers."""

from __future__ import annotations

import datetime
import re

from scrchron.importers.parsed import Cell

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def cell_text(value: Cell) -> str:
    """Return the text of a cell as a reviewer would read it.

    Dates become ISO text (``2021-01-01``, ``2021-01-01 10:10``), times
    ``10:10`` (seconds only when present), whole numbers lose their ``.0``.

    Args:
        value: a cell as read.

    Returns:
        The text, stripped; "" for an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return _datetime_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return _time_text(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _time_text(value: datetime.time) -> str:
    """Format a time as HH:MM, adding seconds only when they are not zero."""
    if value.second or value.microsecond:
        return value.strftime("%H:%M:%S")
    return value.strftime("%H:%M")


def _datetime_text(value: datetime.datetime) -> str:
    """Format a datetime as ``YYYY-MM-DD HH:MM`` (date only at midnight)."""
    if value.time() == datetime.time(0, 0):
        return value.date().isoformat()
    return f"{value.date().isoformat()} {_time_text(value.time())}"


def clean_text(text: str) -> str:
    """Normalise a text cell: unify line ends, tidy spaces, drop blank edges.

    Args:
        text: raw text (may contain ``\\r\\n``, no-break spaces, tabs).

    Returns:
        The text with lines kept (``\\n``), each line's runs of spaces and
        no-break spaces collapsed to one space, blank leading/trailing lines
        removed.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:
        return _SPACES.sub(" ", text).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def one_line(text: str) -> str:
    """Collapse a text onto one line (for header names and messages)."""
    return " ".join(text.split())


def column_letter(index: int) -> str:
    """Return the spreadsheet column letter of a 0-based index (0 -> A).

    Args:
        index: 0-based column index.

    Returns:
        "A", "B", ..., "Z", "AA", ...
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Return the 0-based index of spreadsheet column letters (A -> 0).

    Args:
        letters: upper-case column letters.

    Returns:
        The 0-based column index.
    """
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


def quoted_list(items: list[str], limit: int = 12) -> str:
    """Format items for a message: ``"A", "B", "C"`` (shortened when long).

    Args:
        items: the texts to list.
        limit: how many to show before "and N more".

    Returns:
        The formatted list, or "none" when empty.
    """
    if not items:
        return "none"
    shown = ", ".join(f'"{one_line(item)[:60]}"' for item in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown
