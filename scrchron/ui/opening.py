"""Opening a case file for a window: read what the window shows first, off the window's code.

Also the small helpers a window uses when files are dropped on it or a case is locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData

from scrchron.model import Agency, Review
from scrchron.store import Case, EntryQuery, count_entries


def is_locked_error(error: BaseException) -> bool:
    """True for the case lock's error (another copy of scrchron has the case open)."""
    return any(kind.__name__ == "CaseLockedError" for kind in type(error).__mro__)


@dataclass
class OpenedCase:
    """A case file opened and read, ready for a window to show."""

    case: Case
    review: Review
    agencies: list[Agency]
    entries: int


def read_case(path: Path, read_only: bool) -> OpenedCase:
    """Open a case file and read what the window shows first; raises ``ScrchronError``."""
    case = Case.open(path, read_only=read_only)
    try:
        return OpenedCase(case, case.review(), case.agencies(), count_entries(case, EntryQuery()))
    except Exception:
        case.close()
        raise


def dropped_paths(data: QMimeData) -> list[Path]:
    """The local files dragged onto a window."""
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
