"""What is due and overdue in a review the start page lists (the most recent one).

The start page opens the case file read-only for a moment, asks the core for its
timetable (``scrchron.review.timetable.build_timetable``) and closes it again. A review
protected with a passphrase, locked, damaged or gone shows nothing: the start page
never asks for a passphrase on its own. What was read is kept until the file changes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrchron.errors import ScrchronError
from scrchron.review.timetable import TimetableRow, build_timetable
from scrchron.store import Case
from scrchron.store.case import is_protected

#: How many milestones the start page lists.
SHOWN = 5


@dataclass(frozen=True)
class DueNow:
    """A review's title and its overdue and soon-due milestones, overdue first."""

    path: Path
    title: str
    rows: list[TimetableRow] = field(default_factory=list)
    more: int = 0


_read: dict[tuple[str, float, str], DueNow | None] = {}


def due_now(path: Path) -> DueNow | None:
    """The review's overdue and soon-due milestones (None when it cannot be read without asking)."""
    try:
        key = (str(path), path.stat().st_mtime, date.today().isoformat())
    except OSError:
        return None
    if key not in _read:
        _read[key] = _read_due(path)
    return _read[key]


def _read_due(path: Path) -> DueNow | None:
    try:
        if is_protected(path):
            return None
        with Case.open(path, read_only=True) as case:
            title = case.review().title
            table = build_timetable(case)
    except (ScrchronError, OSError, sqlite3.Error):
        return None
    wanted = [row for row in table.rows if row.status == "overdue"]
    wanted += [row for row in table.rows if row.status == "due soon"]
    return DueNow(path, title, wanted[:SHOWN], max(0, len(wanted) - SHOWN))
