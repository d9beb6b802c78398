"""The agency summary form: a Word form with one content control per question, and reading it back.

Rapid reviews and many reviews ask each agency for a short summary of its
involvement. The form is pre-filled like the chronology template (the review by
pseudonym, the agency, the date due) and carries the same kind of hidden marker
(``form: summary``). Each answer is a block content control tagged
``scrchron:KEY``; reading the returned form takes the text of each control (its
placeholder counts as no answer), from ``word/document.xml`` only, size-limited,
parsed with the importers' locked-down XML parser.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from scrchron.errors import ValidationError, quoted
from scrchron.export.agency_template import add_marker
from scrchron.export.formatting import xml_safe
from scrchron.export.safe_write import write_safely
from scrchron.importers.template_marker import TemplateMarker, read_marker
from scrchron.importers.xmlsafe import parse_bytes

#: (key, question, what the agency is asked to write), in the form's order.
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("involvement", "Your agency's involvement",
     "When and why your agency knew the child, adult or family, and what it did. Roles, not names."),
    ("went_well", "What went well", "Practice your agency is confident about, and why."),
    ("differently", "What could have been done differently",
     "With what your agency knew at the time: what it could have done differently."),
    ("immediate_actions", "Immediate actions taken", "What your agency has already done since the incident."),
    ("learning", "Single-agency learning", "What your agency has learnt, and what it will change."),
)
TAG = "scrchron:"
PLACEHOLDER = "Click or tap here to enter your answer."
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MAX_DOCUMENT = 20 * 1024 * 1024
_MAX_ANSWER = 20_000


@dataclass(frozen=True)
class ReturnedSummary:
    """A read-back form: whose, and its answers by question key."""

    marker: TemplateMarker
    answers: dict[str, str]


def write_form(path: Path, review: str, agency: str, due: str, marker: TemplateMarker) -> None:
    """Write one agency's summary form at ``path`` (through a temporary file)."""
    document = _document(review, agency, due, marker)
    write_safely(path, lambda target: document.save(str(target)))


def _document(review: str, agency: str, due: str, marker: TemplateMarker) -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(xml_safe(f"Agency summary: {review}"), level=1)
    for label, value in (("Agency", agency), ("Please return by", due)):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(xml_safe(value))
    document.add_paragraph("Write in the grey boxes. Describe practitioners by role, never by name; keep what "
                           "happened apart from your view of it. Return the form as a Word document.")
    for key, question, hint in QUESTIONS:
        document.add_heading(question, level=2)
        document.add_paragraph(hint).runs[0].italic = True
        document.element.body.insert(len(document.element.body) - 1, _control(key, question))
    add_marker(document, marker.as_json())
    return document


def _control(key: str, question: str) -> Any:
    """A block content control (rich text) holding one empty answer paragraph with its placeholder."""
    return parse_xml(
        f'<w:sdt xmlns:w="{_W}"><w:sdtPr><w:alias w:val="{escape(question)}"/><w:tag w:val="{TAG}{key}"/>'
        '<w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:pPr><w:shd w:val="clear" w:color="auto" '
        f'w:fill="EDEDED"/></w:pPr><w:r><w:rPr><w:color w:val="808080"/></w:rPr><w:t>{PLACEHOLDER}</w:t></w:r>'
        '</w:p></w:sdtContent></w:sdt>'
    )


def read_form(path: Path) -> ReturnedSummary:
    """The answers of a returned summary form, or ValidationError saying why they cannot be read."""
    marker = read_marker(path)
    if marker is None or marker.form != "summary":
        raise ValidationError(f"{quoted(path.name)} is not an agency summary form this review sent (no marker); "
                              "send the agency the summary form this review makes.")
    return ReturnedSummary(marker, _answers(_document_xml(path)))


def _document_xml(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > _MAX_DOCUMENT:
                raise ValidationError(f"{quoted(path.name)} is too large for a summary form.")
            return archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, EOFError):
        raise ValidationError(f"{quoted(path.name)} cannot be read as a Word document.") from None


def _answers(xml: bytes) -> dict[str, str]:
    root = parse_bytes(xml)  # the importers' locked-down parser: no DTDs, no entities, no network
    if root is None:
        raise ValidationError("The summary form's text cannot be read (the document is damaged).")
    answers: dict[str, str] = {}
    keys = {key for key, _, _ in QUESTIONS}
    for control in root.iter(f"{{{_W}}}sdt"):
        tag = control.find(f"{{{_W}}}sdtPr/{{{_W}}}tag")
        key = (tag.get(f"{{{_W}}}val") or "").removeprefix(TAG) if tag is not None else ""
        if key not in keys or control.find(f"{{{_W}}}sdtPr/{{{_W}}}showingPlcHdr") is not None:
            continue
        text = _text_of(control)
        if text and text != PLACEHOLDER:
            answers[key] = text[:_MAX_ANSWER]
    return answers


def _text_of(control: Any) -> str:
    paragraphs = []
    for paragraph in control.iter(f"{{{_W}}}p"):
        paragraphs.append("".join(node.text or "" for node in paragraph.iter(f"{{{_W}}}t")).strip())
    return "\n".join(p for p in paragraphs if p).strip()
