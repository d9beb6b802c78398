"""Sections about the review itself, in every review type: the panel, and the review's timescales.

The panel members come from the report settings (``scrchron report settings
--panel "Name, role"``), each as a row of name and role; the reviewer's words
follow (the chair's and author's independence, how often the panel met).
"""

from __future__ import annotations

from scrchron.export.docx_tables import CellValue
from scrchron.export.report_sections import Section
from scrchron.export.report_writer import ReportWriter


def panel(w: ReportWriter, section: Section) -> None:
    """The panel members (name or role, and role or agency), then the reviewer's words."""
    members = w.settings.panel
    if members:
        rows: list[list[CellValue]] = [_member(m) for m in members]
        w.table(["Panel member", "Role or agency"], [1, 2], rows, "The review panel")
    author = w.settings.author
    if author:
        w.labelled("Author of this report", author)
    w.written_or_guidance(section.key, section.heading(w.data.subject))


def _member(text: str) -> list[CellValue]:
    name, _, role = text.partition(",")
    return [name.strip(), role.strip()]
