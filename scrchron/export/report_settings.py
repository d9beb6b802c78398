"""The report's settings: who commissioned and wrote it, its version, status, marking and panel,
and how it is laid out (agency involvement by agency or by period; recommendations apart or
also under their findings: :mod:`scrchron.export.report_layout`).

They are case settings (and the review's protective marking), read by every
export: the title page, the headers, and the panel and timescales sections.
:func:`update_report_settings` changes any of them in one audited transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from scrchron.errors import ValidationError
from scrchron.export.report_layout import (
    INVOLVEMENT,
    INVOLVEMENT_SETTING,
    RECOMMENDATIONS,
    RECOMMENDATIONS_SETTING,
    check_choice,
    layout_of,
)
from scrchron.store.case import Case

STATUSES = ("draft", "final", "published")
PARTNERSHIP, COMMISSIONED_BY, AUTHOR = "partnership", "report_commissioned_by", "report_author"
VERSION, STATUS, PANEL = "report_version", "report_status", "report_panel"
MAX_FIELD = 300
MAX_PANEL = 60

Filter = Callable[[str], str]


@dataclass(frozen=True)
class ReportSettings:
    """What the title page and headers say about the report."""

    partnership: str = ""
    commissioned_by: str = ""
    author: str = ""
    version: str = "0.1"
    #: 'draft', 'final' or 'published'.
    status: str = "draft"
    marking: str = "OFFICIAL-SENSITIVE"
    #: Panel members as 'Name, role' (or 'Role, agency').
    panel: tuple[str, ...] = field(default_factory=tuple)
    #: 'by-agency' or 'by-period' (the summary of agency involvement).
    involvement: str = INVOLVEMENT[0]
    #: 'apart' or 'with-findings' (recommendations also under the findings they answer).
    recommendations: str = RECOMMENDATIONS[0]

    @property
    def status_word(self) -> str:
        """The status as the title page shows it: 'DRAFT', 'FINAL' or 'PUBLISHED'."""
        return self.status.upper()

    def filtered(self, text: Filter) -> ReportSettings:
        """The settings with every free text passed through an export's privacy filter."""
        return replace(self, partnership=text(self.partnership), commissioned_by=text(self.commissioned_by),
                       author=text(self.author), panel=tuple(text(p) for p in self.panel))


def report_settings(case: Case) -> ReportSettings:
    """The report settings of ``case``."""
    status = case.setting(STATUS, "DRAFT").strip().lower() or "final"
    layout = layout_of(case)
    return ReportSettings(
        involvement=layout.involvement, recommendations=layout.recommendations,
        partnership=case.setting(PARTNERSHIP), commissioned_by=case.setting(COMMISSIONED_BY),
        author=case.setting(AUTHOR), version=case.setting(VERSION, "0.1") or "0.1",
        status=status if status in STATUSES else "draft",
        marking=case.review().protective_marking or "OFFICIAL-SENSITIVE", panel=tuple(_panel(case)),
    )


def _panel(case: Case) -> list[str]:
    try:
        members = json.loads(case.setting(PANEL, "[]") or "[]")
    except ValueError:
        return []
    return [str(m) for m in members if str(m).strip()] if isinstance(members, list) else []


def _clean(value: str, what: str) -> str:
    text = " ".join(value.split())
    if len(text) > MAX_FIELD:
        raise ValidationError(f"The {what} is limited to {MAX_FIELD} characters; it has {len(text)}.")
    return text


def update_report_settings(case: Case, *, partnership: str | None = None, commissioned_by: str | None = None,
                           author: str | None = None, version: str | None = None, status: str | None = None,
                           marking: str | None = None, panel: list[str] | None = None,
                           involvement: str | None = None, recommendations: str | None = None) -> ReportSettings:
    """Change the given settings (None leaves one as it is), in one transaction, each change audited.

    Raises:
        ValidationError: a status other than draft/final/published, an empty version or marking,
            a text longer than 300 characters, or more than 60 panel members.
    """
    changes = _changes(partnership, commissioned_by, author, version, status, panel)
    if involvement is not None:
        changes[INVOLVEMENT_SETTING] = check_choice("involvement", involvement, INVOLVEMENT)
    if recommendations is not None:
        changes[RECOMMENDATIONS_SETTING] = check_choice("recommendations", recommendations, RECOMMENDATIONS)
    new_marking = _clean(marking, "protective marking") if marking is not None else None
    if new_marking == "":
        raise ValidationError("Give a protective marking, e.g. OFFICIAL-SENSITIVE.")
    with case.write():
        for key, value in changes.items():
            if case.setting(key) != value:
                case.set_setting(key, value)
        if new_marking is not None and new_marking != case.review().protective_marking:
            case.update_review(protective_marking=new_marking)
    return report_settings(case)


def _changes(partnership: str | None, commissioned_by: str | None, author: str | None, version: str | None,
             status: str | None, panel: list[str] | None) -> dict[str, str]:
    changes: dict[str, str] = {}
    for key, value, what in ((PARTNERSHIP, partnership, "partnership"),
                             (COMMISSIONED_BY, commissioned_by, "commissioner"), (AUTHOR, author, "author"),
                             (VERSION, version, "version")):
        if value is not None:
            changes[key] = _clean(value, what)
    if changes.get(VERSION) == "":
        raise ValidationError("Give a version, e.g. 0.3 or 1.0.")
    if status is not None:
        if status.strip().lower() not in STATUSES:
            raise ValidationError(f"The status is one of {', '.join(STATUSES)}, not '{status}'.")
        changes[STATUS] = status.strip().upper()
    if panel is not None:
        members = [_clean(m, "panel member") for m in panel if m.strip()]
        if len(members) > MAX_PANEL:
            raise ValidationError(f"A panel of more than {MAX_PANEL} members is not a review panel.")
        changes[PANEL] = json.dumps(members)
    return changes
