"""The project's own exceptions.

Every exception here carries, as its string, the message a reviewer should read:
what is wrong and what to do about it, in words that suit every front door. Where
the next step is done differently on the command line and in the window (choose a
sheet, map the columns, restore a backup), the error carries a ``Remedy``: what to
do and the values it needs. Each front door words it (``scrchron.cli.advice`` names
commands and options, ``scrchron.ui.widgets.error_dialogs`` names menus and pages)
and shows it after the message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: The remedies a front door words: kind -> what the values are.
REMEDIES: dict[str, str] = {
    "create_case": "no case file at the path: make a new review",
    "protect_case": "protect the review with a passphrase (case)",
    "give_passphrase": "open a protected review with its passphrase",
    "list_backups": "look at the case's backups (case)",
    "restore_backup": "restore a named backup (case, backup)",
    "choose_sheet": "choose another sheet of the workbook (sheet)",
    "choose_table": "choose another table of the document (table)",
    "map_columns": "say which columns hold the date and the event (headers)",
    "name_agency": "name the agency a file comes from",
    "read_summary_form": "read an agency summary form instead of importing it",
    "replace_answers": "read the summary forms again, replacing the agencies' earlier answers",
    "import_chronologies": "import agency chronologies into the case",
    "list_agencies": "see the agencies of the case",
    "add_aliases": "add the people's missing aliases or pseudonyms",
    "decide_names": "decide, form by form, whether a doubtful place is a name",
    "export_draft": "export the report as a Word draft",
}


@dataclass(frozen=True)
class Remedy:
    """The next step an error asks for, for each front door to word (``kind`` in REMEDIES)."""

    kind: str
    values: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in REMEDIES:
            raise ValueError(f"unknown remedy {self.kind!r}")


class ScrchronError(Exception):
    """Base class for every error a user is expected to read.

    ``remedy`` (optional) is the next step, worded by the front door that shows the error.
    """

    def __init__(self, *args: object, remedy: Remedy | None = None) -> None:
        super().__init__(*args)
        self.remedy = remedy

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole (an import's reader runs in a child process and sends its error back):
        the message, the remedy and any other fields a subclass keeps."""
        return (_rebuilt, (type(self), self.args, dict(vars(self))))


def _rebuilt(kind: type[ScrchronError], args: tuple[object, ...], state: dict[str, object]) -> ScrchronError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    vars(error).update(state)
    return error


class CaseFileError(ScrchronError):
    """The case file cannot be created, opened or written."""


class NewerCaseFileError(CaseFileError):
    """The case file was written by a newer scrchron."""


class ValidationError(ScrchronError):
    """A value given by the user is not acceptable."""


class NotFoundError(ScrchronError):
    """An id or name does not exist in the case."""


class Cancelled(ScrchronError):
    """The person asked long work to stop (an import, an export, a search); nothing was
    changed or written. The front doors say so quietly: it is not a failure."""


class ExportCancelled(Cancelled):
    """The person asked an export to stop; nothing was written."""


class ProposalsCancelled(Cancelled):
    """The person asked the search for same events to stop; nothing was changed."""


def quoted(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: shortened (a hostile file or option may hold 70 KB)."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
