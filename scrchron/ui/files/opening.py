"""Opening a case file for a window: read what the window shows first, off the window's code.

Also the small helpers a window uses when files are dropped on it or a case is locked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData

from scrchron.errors import ScrchronError
from scrchron.records.case_records import Agency, Review
from scrchron.store import Case, EntryQuery, count_entries
from scrchron.store.cipher import PassphraseNeededError, WrongPassphraseError


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


#: How many passphrases a window asks for before it gives up (nothing is changed by a wrong one).
PASSPHRASE_TRIES = 3
#: Asks the reviewer for a case's passphrase, saying why; None when they cancel.
AskPassphrase = Callable[[str], "str | None"]


def read_case(path: Path, read_only: bool, ask: AskPassphrase | None = None) -> OpenedCase:
    """Open a case file and read what the window shows first; raises ``ScrchronError``.

    A case protected with a passphrase is opened with what ``ask`` returns, asked again
    (up to ``PASSPHRASE_TRIES`` times) after a wrong one; cancelling opens nothing.
    """
    case = _open(path, read_only, ask)
    try:
        return OpenedCase(case, case.review(), case.agencies(), count_entries(case, EntryQuery()))
    except Exception:
        case.close()
        raise


def _open(path: Path, read_only: bool, ask: AskPassphrase | None) -> Case:
    try:
        return Case.open(path, read_only=read_only)
    except PassphraseNeededError as needed:
        if ask is None:
            raise
        why = f"{path.name} is protected with a passphrase. Enter it to open the review."
        first = needed
    for _try in range(PASSPHRASE_TRIES):
        passphrase = ask(why)
        if passphrase is None:
            raise ScrchronError(f"{path.name} was not opened: it needs its passphrase.") from None
        try:
            return Case.open(path, read_only=read_only, passphrase=passphrase)
        except WrongPassphraseError:
            why = (f"That passphrase does not open {path.name} (nothing was changed). Try again; "
                   "a forgotten passphrase cannot be recovered.")
    raise ScrchronError(f"{path.name} was not opened: {PASSPHRASE_TRIES} passphrases did not open it. "
                        "Nothing in the file was changed.") from first


def dropped_paths(data: QMimeData) -> list[Path]:
    """The local files dragged onto a window."""
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
