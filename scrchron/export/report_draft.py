"""The overview report as a draft the panel edits in Word and scrchron reads back.

:class:`DraftFrame` carries what the report needs beyond :class:`ExportData`: the
report settings, the review's id, the comments kept from an earlier read-back.
``start`` turns on the sections' content controls; ``finish`` fills the contents
page, puts the kept comments back on their sections, and records the draft's
identity and fingerprints (see :mod:`scrchron.export.report_controls`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from scrchron.export import docx_parts
from scrchron.export import report_controls as rc
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.prose import references
from scrchron.export.read_back import COMMENTS_PREFIX, Comment, stored_comments
from scrchron.export.report_settings import ReportSettings, report_settings
from scrchron.export.report_writer import ReportWriter
from scrchron.store import report_texts
from scrchron.store.case import CASE_ID_SETTING, Case


@dataclass
class DraftFrame:
    """The settings, identity and kept comments of one export of the report."""

    settings: ReportSettings = field(default_factory=ReportSettings)
    case_id: str = ""
    anonymised: bool = False
    comments: dict[str, list[Comment]] = field(default_factory=dict)

    @classmethod
    def for_case(cls, case: Case, privacy: ExportPrivacy) -> DraftFrame:
        """The frame of an export of ``case`` (texts through the export's filter; no comments when anonymised)."""
        text = privacy.text
        comments: dict[str, list[Comment]] = {}
        if not privacy.anonymise:
            for key in report_texts.keys_with_prefix(case, COMMENTS_PREFIX):
                kept = stored_comments(case, key)
                if kept:
                    comments[key] = [Comment(text(c.author), text(c.initials), text(c.text), text(c.on), c.date)
                                     for c in kept]
        return cls(report_settings(case).filtered(text), case.setting(CASE_ID_SETTING), privacy.anonymise,
                   comments)

    def start(self, writer: ReportWriter) -> None:
        """Write sections in content controls, headings bookmarked."""
        writer.controls = True
        writer.settings = self.settings

    def finish(self, writer: ReportWriter, toc: Any) -> None:
        """Fill the contents page, put comments back, and record the draft's identity and fingerprints."""
        rc.fill_contents(toc, writer.headings, _contents_styles(writer.document))
        _bookmark_entries(writer)
        body = writer.document.element.body
        _wrap_contents(toc, writer.ids)
        self._put_comments(writer, body)
        rc.ask_word_to_update_fields(writer.document)
        if self.case_id:
            rc.set_review_variable(writer.document, self.case_id)
        sections = {key: rc.fingerprint(text) for key, text in writer.sections_written.items()}
        rc.add_draft_part(writer.document, {
            "version": 1, "review": self.case_id, "anonymised": self.anonymised, "sections": sections,
            "titles": writer.section_titles,
            "outside": rc.outside_fingerprints(body, writer.deferred_rows)})

    def _put_comments(self, writer: ReportWriter, body: Any) -> None:
        if not self.comments:
            return
        for sdt in body.iter(qn("w:sdt")):
            key = rc.section_key(sdt)
            for comment in self.comments.get(key or "", []):
                runs = _runs_for(writer, sdt, comment.on)
                if runs:
                    writer.document.add_comment(runs, text=comment.text, author=comment.author or "Panel",
                                                initials=comment.initials or None)


def _bookmark_entries(writer: ReportWriter) -> None:
    """Bookmarks on the chronology rows of the entries the sections refer to ([E42] links there)."""
    wanted: dict[int, list[str]] = {}
    for text in writer.sections_written.values():
        for reference in references(text):
            if reference.startswith("E") and not reference.startswith("Ep"):
                row = writer.rows.get(int(reference[1:]))
                name = rc.BOOKMARK_PREFIX + reference
                if row is not None and name not in wanted.get(row, []):
                    wanted.setdefault(row, []).append(name)
    if not wanted:
        return
    for marker, xml in writer.deferred.items():
        if _is_chronology(xml):
            writer.deferred[marker] = rc.bookmark_rows(xml, wanted, writer.ids)


def _is_chronology(xml: str) -> bool:
    """The merged chronology's table: its first column is 'No.' and its first row is 1."""
    head = rc.element_texts_of_first_cells(xml, 2)
    return head[:2] == ["No.", "1"]


def _contents_styles(document: Any) -> dict[int, str]:
    """The style ids of the contents page's lines by level (Word's built-in 'toc 1', 'toc 2')."""
    found = {}
    for level in (1, 2, 3):
        style = docx_parts.paragraph_style(document, f"toc {level}")
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(3 if level > 1 else 4)
        style.font.bold = level == 1
        found[level] = str(style.style_id)
    return found


def _runs_for(writer: ReportWriter, sdt: Any, words: str) -> list[Any]:
    """The runs of the section's paragraph that holds ``words`` (the first paragraph with text otherwise)."""
    paragraphs = [Paragraph(p, writer.document._body) for p in sdt.iter(qn("w:p"))]
    with_runs = [p for p in paragraphs if p.runs and p.text.strip()]
    if not with_runs:
        return []
    chosen = next((p for p in with_runs if words and words[:60] in p.text), with_runs[0])
    return list(chosen.runs)


def _wrap_contents(toc: Any, ids: rc.ControlIds) -> None:
    """The contents page's entries in a Table of Contents control, as Word writes its own."""
    first = toc._p
    elements = [first]
    following = first.getnext()
    while following is not None and following.tag == qn("w:p") and _is_toc_line(following):
        elements.append(following)
        following = following.getnext()
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), rc.CONTENTS_TAG)
    number = OxmlElement("w:id")
    number.set(qn("w:val"), ids.take())
    part = OxmlElement("w:docPartObj")
    gallery = OxmlElement("w:docPartGallery")
    gallery.set(qn("w:val"), "Table of Contents")
    part.append(gallery)
    part.append(OxmlElement("w:docPartUnique"))
    for element in (tag, number, part):
        properties.append(element)
    rc.enclose(sdt, properties, elements)


def _is_toc_line(paragraph: Any) -> bool:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style is not None and (style.get(qn("w:val")) or "").startswith("TOC")
