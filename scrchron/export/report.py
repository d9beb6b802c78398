"""The Word overview report: ``write_report(case, path)``.

The report follows the skeleton of its review type (:mod:`scrchron.export.report_skeleton`),
is filled from the case wherever it holds data, and carries a guidance prompt in
the "Guidance" style wherever the reviewer has not written a section yet. It
ends with appendices, the merged chronology in a landscape section.

Privacy: every text comes through :mod:`scrchron.export.data` (already filtered);
the file is written to a temporary file, read back (every XML part with
``anonymise``; properties, headers and footers otherwise) and only then moved
into place, so a refused or failed export leaves nothing behind.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document

from scrchron.dates.wording import long_day
from scrchron.errors import ValidationError
from scrchron.export import docx_parts, report_draft
from scrchron.export.data import ExportData, gather, require_entries
from scrchron.export.docx_tables import PLAIN, Cell, CellValue, Column, add_table, splice_tables
from scrchron.export.formatting import period
from scrchron.export.privacy import ExportPrivacy, check_file_name, refuse_if_found, zip_findings
from scrchron.export.report_layout import ReportLayout, layout_of
from scrchron.export.report_skeleton import appendices_for, sections_for
from scrchron.export.report_writer import ReportWriter
from scrchron.export.safe_write import check_destination, write_safely
from scrchron.runtime import collector
from scrchron.runtime.progress import Cancelled, Progress, Steps
from scrchron.store.case import Case

#: Parts read back in a draft (not anonymised) export: where the subject's name must never be.
DRAFT_CHECKED_PARTS = ("docProps/", "word/header", "word/footer", "word/comments")


@dataclass
class ExportSummary:
    """What an export wrote."""

    path: Path
    format: str
    entries: int
    rows: int
    anonymised: bool
    checked: str
    seconds: float = 0.0
    people: int = 0
    #: Phrases around a surname that may be a place or organisation ('Marsh Lane Surgery'): the
    #: reviewer can mark them as not-a-name (``scrchron names not-a-name``); they were replaced.
    suggestions: list[str] = field(default_factory=list)


@dataclass
class ReportSummary(ExportSummary):
    """What the Word report holds, and what the reviewer still has to write."""

    review_type: str = ""
    to_write: list[str] = field(default_factory=list)
    tables: int = 0
    figures: int = 0
    abbreviations: int = 0


@collector.while_paused
def write_report(case: Case, path: Path | str, *, anonymise: bool = False, include_withdrawn: bool = False,
                 progress: Progress | None = None, cancelled: Cancelled | None = None,
                 today: date | None = None, publication: bool = False, marking: str | None = None,
                 layout: ReportLayout | None = None) -> ReportSummary:
    """Write the overview report of ``case`` as a Word document at ``path``.

    Args:
        case: the open case.
        path: where to write (a ``.docx`` file; replaced only when everything succeeded).
        anonymise: replace every known name and alias with its pseudonym, and refuse the
            export if any remains in the written file.
        include_withdrawn: also list entries the agencies withdrew (marked so).
        progress: called as ``progress(done, total)`` while the report is written.
        cancelled: asked now and then; when it returns True the export stops with
            ExportCancelled and nothing is written.
        today: the report's date (today when None).
        publication: the version for publication (anonymised, final, the partnership's
            publication marking; see :func:`scrchron.export.data.gather`).
        marking: the protective marking to carry instead of the review's.
        layout: how agency involvement and recommendations are laid out (the case's settings when None).

    Raises:
        ValidationError: the case has no entries, or the path is not a .docx file.
        ExportRefused: a known name remained (the file was not written).
        ExportError: the folder is missing or read-only, or the file is open elsewhere.
        ExportCancelled: ``cancelled()`` returned True.
    """
    started = time.perf_counter()
    path = Path(path)
    anonymise = anonymise or publication
    if path.suffix.lower() != ".docx":
        raise ValidationError(f"A Word report must be saved as .docx, not '{path.suffix or path.name}'.")
    check_destination(path, case.path)
    require_entries(case, include_withdrawn)
    privacy = ExportPrivacy.for_case(case, anonymise)
    check_file_name(path, privacy)
    data = gather(case, privacy, include_withdrawn=include_withdrawn, today=today, publication=publication,
                  marking=marking, layout=layout or layout_of(case))
    steps = Steps(progress, len(data.events) + 30, cancelled)
    steps.advance(5)
    draft = report_draft.DraftFrame.for_case(case, privacy)
    document, writer = build_document(data, steps, draft)
    checked = [0]

    def check(written: Path) -> None:
        findings = zip_findings(written, privacy, None if anonymise else DRAFT_CHECKED_PARTS)
        refuse_if_found(findings, privacy, path.name)
        checked[0] = 1

    write_safely(path, lambda target: save_report(document, writer, target, steps), check)
    steps.finish()
    return ReportSummary(
        path=path, format="docx", entries=len(data.entries), rows=len(data.events), anonymised=anonymise,
        checked=privacy.describe(), seconds=time.perf_counter() - started, people=privacy.people,
        review_type=data.review.review_type, to_write=writer.guided, tables=writer.tables,
        figures=writer.figures, abbreviations=len(writer.glossary), suggestions=privacy.suggestions,
    )


def save_report(document: Any, writer: ReportWriter, target: Path, steps: Steps | None = None) -> None:
    """Save the document at ``target`` with its deferred tables (the chronology) in place."""
    buffer = BytesIO()
    document.save(buffer)
    splice_tables(buffer.getvalue(), target, writer.deferred)
    if steps is not None:
        steps.advance(15)


def build_document(data: ExportData, steps: Steps | None = None,
                   draft: report_draft.DraftFrame | None = None) -> tuple[Any, ReportWriter]:
    """The report as a python-docx Document (not yet saved), and its writer.

    The chronology table is held by the writer (``writer.deferred``) and only put in
    place by :func:`save_report`; save the document with it. ``draft`` carries the report
    settings, the review's id and the panel's comments (see :mod:`scrchron.export.report_draft`).
    """
    draft = draft or report_draft.DraftFrame()
    steps = steps or Steps(None, len(data.events) + 30)
    document = Document()
    docx_parts.set_up_styles(document)
    section = document.sections[0]
    docx_parts.set_page(section)
    review = data.review
    marking = review.protective_marking or "OFFICIAL-SENSITIVE"
    name = f"{review.title} ({data.status}, version {data.version})" if data.status else \
        f"{review.title} (version {data.version})"
    docx_parts.set_header_footer(section, marking, name)
    docx_parts.set_properties(document, review.title, f"{review.type_name} concerning {data.subject}",
                              marking, data.status)
    writer = ReportWriter(document, data)
    draft.start(writer)
    title_page(writer, marking)
    toc = contents(writer)
    _main_body(writer)
    steps.advance(5)
    _appendices(writer, steps)
    draft.finish(writer, toc)
    return document, writer


def title_page(w: ReportWriter, marking: str) -> None:
    """Marking, status, review type, subject, version and date: never the subject's real name."""
    data, review = w.data, w.data.review
    for _ in range(2):
        w.para()
    w.para(marking, style="Marking")
    if data.status:
        w.para(data.status, style="Marking").runs[0].font.color.rgb = docx_parts.DRAFT_INK
    for _ in range(5):
        w.para()
    w.para(review.type_name, style="Title")
    w.para(data.subject[:1].upper() + data.subject[1:], style="Subtitle")
    if review.title.strip() and review.title.strip() != data.subject:
        w.para(review.title).runs[0].italic = True
    for _ in range(5):
        w.para()
    details = [
        ("Commissioned by", w.settings.commissioned_by or data.partnership or "[the safeguarding partnership]"),
        ("Version", f"{data.version} ({data.status.lower() or 'final'}), {long_day(data.today)}"),
        ("Scope period", period(review.scope_from, review.scope_to)),
        ("Anonymisation", "anonymised for publication: people are named by pseudonym or role"
         if data.anonymised else "NOT anonymised: for the review panel only, do not publish"),
        *([("Partnership", data.partnership)] if w.settings.commissioned_by and data.partnership else []),
        *([("Author", w.settings.author)] if w.settings.author else []),
        ("Protective marking", marking),
    ]
    rows: list[list[CellValue]] = [[Cell([[(label, "b")]]), value] for label, value in details]
    add_table(w.document, [Column("", 4.2), Column("", 12.4)], rows, style=PLAIN)
    if not data.partnership:
        w.guidance("title_page", "Title page: the commissioning partnership")
    if not review.subject_pseudonym:
        w.guidance("anonymisation", "Title page: the subject's pseudonym")
    w.page_break()


def contents(w: ReportWriter) -> Any:
    """The table of contents on its own page: a TOC field, filled in when the body is written."""
    w.para("Contents", style="TOC Heading")
    toc = docx_parts.add_toc(w.document)
    w.page_break()
    return toc


def _main_body(w: ReportWriter) -> None:
    letters = "ABCDEFGHIJ"
    for letter, appendix in zip(letters, appendices_for(w.data.review.review_type), strict=False):
        w.appendices[appendix.key] = f"Appendix {letter}"
    for number, section in enumerate(sections_for(w.data.review.review_type), start=1):
        w.heading(f"{number}. {section.heading(w.data.subject)}", 1)
        if section.build is not None:
            section.build(w, section)


def _appendices(w: ReportWriter, steps: Steps) -> None:
    landscape = False
    base = steps.done
    for appendix in appendices_for(w.data.review.review_type):
        if appendix.landscape and not landscape:
            docx_parts.new_section(w.document, landscape=True)
            landscape = True
        else:
            w.page_break()
        w.heading(f"{w.appendix(appendix.key)}: {appendix.title}", 1)
        appendix.build(w, lambda rows: steps.set(base + rows))
