"""What each section of the report is filled with from the case, for the Report tab to show.

:func:`section_facts` builds the report's main body the way the export does (the
reviewer's draft: only the subject is replaced by the pseudonym) and returns, for
each section, the lines written from the case: paragraphs, and table rows as
'cell | cell'. The reviewer's own words and the guidance prompts are left out
(the tab shows those itself). Reading the case is most of the cost, so call it
in a background task on a large case.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.oxml.ns import qn

from scrchron.export import docx_parts
from scrchron.export import report_controls as rc
from scrchron.export.data import gather, require_entries
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.report_settings import report_settings
from scrchron.export.report_skeleton import appendices_for, sections_for
from scrchron.export.report_writer import ReportWriter
from scrchron.store.case import Case


def section_facts(case: Case) -> dict[str, list[str]]:
    """Section key -> the lines written from the case in that section (in report order).

    Raises:
        ValidationError: the case has no entries yet.
    """
    require_entries(case)
    privacy = ExportPrivacy.for_case(case, False)
    data = gather(case, privacy)
    document = Document()
    docx_parts.set_up_styles(document)
    writer = ReportWriter(document, data)
    writer.controls = True
    writer.settings = report_settings(case).filtered(privacy.text)
    kind = data.review.review_type
    for letter, appendix in zip("ABCDEFGHIJ", appendices_for(kind), strict=False):
        writer.appendices[appendix.key] = f"Appendix {letter}"
    body = document.element.body
    found: dict[str, list[str]] = {}
    for section in sections_for(kind):
        before = len(body) - 1
        if section.build is not None:
            section.build(writer, section)
        found[section.key] = [line for element in list(body)[before:-1] for line in _lines(element)]
    return found


def _lines(element: Any) -> list[str]:
    if element.tag == qn("w:tbl"):
        return [" | ".join(rc.element_text(cell) for cell in row.iter(qn("w:tc")))
                for row in element.iter(qn("w:tr"))]
    if element.tag != qn("w:p"):
        return []  # a section's own words and prompt, in its content control
    text = rc.element_text(element).strip()
    return [text] if text else []
