"""The project's own exceptions.

Every exception here carries, as its string, the message a reviewer should read:
what is wrong and what to do about it. Front ends (CLI, GUI) show ``str(error)``
and never a traceback for these.
"""


class ScrchronError(Exception):
    """Base class for every error a user is expected to read."""


class CaseFileError(ScrchronError):
    """The case file cannot be created, opened or written."""


class NewerCaseFileError(CaseFileError):
    """The case file was written by a newer scrchron."""


class ValidationError(ScrchronError):
    """A value given by the user is not acceptable."""


class NotFoundError(ScrchronError):
    """An id or name does not exist in the case."""


class ExportCancelled(ScrchronError):
    """The person asked an export to stop; nothing was written."""


class ProposalsCancelled(ScrchronError):
    """The person asked the search for same events to stop; nothing was changed."""


def quoted(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: shortened (a hostile file or option may hold 70 KB)."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
