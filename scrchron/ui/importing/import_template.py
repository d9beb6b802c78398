"""The import wizard's two template jobs: recognising a returned template, and the return check.

A file carrying this review's hidden marker (``scrchron.importers.template_marker``)
names its agency, so the wizard files it there; when the agency changed nothing it
needs no column mapping, and when it did, the mapping page says what changed
(``scrchron.review.template_returns.template_changes``). A template of another review, or
the agency summary form, is refused with a sentence saying what to do instead.
The return check (``scrchron.review.return_check``) is written where the reviewer says.
Both run in the background on the worker's own connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrchron.dates.wording import long_day
from scrchron.errors import quoted
from scrchron.export.return_check_file import write_check
from scrchron.export.template_pack import review_heading
from scrchron.importers import parse_submission
from scrchron.importers.template_marker import TemplateMarker, read_marker, template_mapping
from scrchron.review.return_check import ReturnCheck, check_return
from scrchron.review.template_returns import template_changes
from scrchron.store import Case
from scrchron.store.case import CASE_ID_SETTING
from scrchron.ui.widgets.tasks import Cancelled, Progress, Work, with_case


@dataclass
class TemplateCheck:
    """What a file's marker means for the open review (``marker`` None: not a template)."""

    marker: TemplateMarker | None = None
    refused: str = ""
    changes: list[str] = field(default_factory=list)

    @property
    def ours(self) -> bool:
        """A chronology template this review sent."""
        return self.marker is not None and not self.refused

    @property
    def unchanged(self) -> bool:
        """Returned as sent: it imports with no mapping page."""
        return self.ours and not self.changes

    @property
    def mapping(self) -> dict[str, str]:
        """field -> heading of the template's columns as sent."""
        return template_mapping(self.marker) if self.marker is not None and self.ours else {}

    def words(self) -> str:
        """What the wizard says about the file ('' for a file that is not a template)."""
        if self.marker is None or self.refused:
            return self.refused
        sent = f"the chronology template this review sent to {self.marker.agency} on {_day(self.marker.sent)}"
        if self.unchanged:
            return f"This is {sent}. It came back as sent, so its columns need no mapping."
        return f"This is {sent}. The agency changed it: {'; '.join(self.changes)}. Check its columns."


def _day(text: str) -> str:
    """'1 December 2026' for the marker's ISO day (as written when it is not one)."""
    return long_day(text) or text


def check_template(case: Case, path: Path, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> TemplateCheck:
    """Read the file's marker and, for this review's template, what the agency changed."""
    marker = read_marker(path)
    if marker is None:
        return TemplateCheck()
    if marker.form != "chronology":
        return TemplateCheck(marker, f"{quoted(path.name)} is the agency summary form {marker.agency} was sent, "
                                     "not a chronology: read it back with File > Read back a summary form… instead.")
    if marker.case_id != case.setting(CASE_ID_SETTING):
        return TemplateCheck(marker, f"{quoted(path.name)} is a template of another review, "
                                     f"'{marker.review}' (sent to {marker.agency} on {_day(marker.sent)}), not of "
                                     "this one. Open that review to import it; nothing was imported here.")
    parsed = parse_submission(path, saved_mapping=template_mapping(marker) or None, progress=progress,
                              cancelled=cancelled)
    return TemplateCheck(marker, changes=template_changes(marker, parsed))


def template_work(path: Path, case: Case) -> Work:
    """``check_template`` in the background."""
    return with_case(case, lambda worker_case, progress, cancelled: check_template(worker_case, path, progress,
                                                                                   cancelled))


def return_check_work(case: Case, agency: str, out: Path) -> Work:
    """Check the agency's return and write the check to ``out`` (.docx or .xlsx)."""

    def call(worker_case: Case, _progress: Progress, _cancelled: Cancelled) -> ReturnCheck:
        check = check_return(worker_case, agency)
        write_check(check, out, review_heading(worker_case))
        return check

    return with_case(case, call)
