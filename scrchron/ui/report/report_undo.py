"""The report's undoable changes: a section's words, the report settings, a read-back taken.

Each goes through the report core (``set_section_text``, ``update_report_settings``,
``accept_read_back``), so redo and undo are audited like every other change; undo
puts back the words or settings as they were and brings the section into view.
"""

from __future__ import annotations

from dataclasses import asdict

from scrchron.export.read_back import COMMENTS_PREFIX, ReadBack, accept_read_back
from scrchron.export.report_prose import section_text, set_section_text, set_section_texts
from scrchron.export.report_settings import ReportSettings, report_settings, update_report_settings
from scrchron.ui.widgets.commands import CaseCommand, Where
from scrchron.ui.window.session import Session


class _ReportCommand(CaseCommand):
    key = ""
    #: True when the command changes what the sections are filled with (the settings).
    settings = False

    def where(self) -> Where:
        return Where("report", 0, self.key)

    def announce(self) -> None:
        self.session.report_changed.emit(self.settings)


class WriteSection(_ReportCommand):
    """The reviewer's words for one section of the report."""

    def __init__(self, session: Session, key: str, heading: str, text: str) -> None:
        super().__init__(session, f"Write “{heading}”")
        self.key = key
        self.before = section_text(session.case, key)
        self.after = text

    def do(self) -> None:
        set_section_text(self.session.case, self.key, self.after)

    def undo_change(self) -> None:
        set_section_text(self.session.case, self.key, self.before)


def _settings_values(settings: ReportSettings) -> dict[str, object]:
    values = asdict(settings)
    values["panel"] = list(settings.panel)
    return values


class ChangeReportSettings(_ReportCommand):
    """The report settings (partnership, commissioner, author, version, status, marking, panel)."""

    settings = True

    def __init__(self, session: Session, changes: dict[str, object]) -> None:
        super().__init__(session, "Change report settings")
        self.before = _settings_values(report_settings(session.case))
        self.changes = dict(changes)

    def do(self) -> None:
        update_report_settings(self.session.case, **self.changes)  # type: ignore[arg-type]

    def undo_change(self) -> None:
        update_report_settings(self.session.case, **self.before)  # type: ignore[arg-type]


class TakeReadBack(_ReportCommand):
    """The ticked sections of an edited draft taken into the case (words and comments)."""

    def __init__(self, session: Session, result: ReadBack, keys: list[str]) -> None:
        super().__init__(session, f"Take {len(keys)} section{'s' if len(keys) != 1 else ''} from {result.file}")
        self.result, self.keys = result, list(keys)
        self.key = self.keys[0] if self.keys else ""
        self.before = {key: section_text(session.case, key) for key in self.keys}
        self.comments = {key: session.case.setting(_comments_key(key)) for key in self.keys}

    def do(self) -> None:
        accept_read_back(self.session.case, self.result, self.keys)

    def undo_change(self) -> None:
        case = self.session.case
        with case.write():
            set_section_texts(case, self.before)
            for key, stored in self.comments.items():
                if case.setting(_comments_key(key)) != stored:
                    case.set_setting(_comments_key(key), stored)


def _comments_key(key: str) -> str:
    return COMMENTS_PREFIX + key
