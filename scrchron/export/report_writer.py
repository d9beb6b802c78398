"""The small vocabulary the report's sections are written in.

:class:`ReportWriter` wraps the python-docx document and the export's data: a
heading, a paragraph, a labelled line, bullets, a guidance prompt, a table with
its caption. It counts what it writes (sections still needing the reviewer's
words, tables, figures) for the export summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docx.enum.text import WD_BREAK

from scrchron.export.data import ExportData
from scrchron.export.docx_parts import GUIDANCE_STYLE, add_field
from scrchron.export.docx_tables import CellValue, Column, add_table, fit_widths, marker_for, table_xml
from scrchron.export.formatting import xml_safe
from scrchron.export.guidance import guidance_for
from scrchron.export.prose import normalised, parse
from scrchron.export.report_controls import (
    ControlIds,
    Heading,
    bookmark,
    reference_bookmark,
    wrap_in_control,
    write_blocks,
)
from scrchron.export.report_settings import ReportSettings

GUIDANCE_LABEL = "Guidance (delete when written): "


class ReportWriter:
    """Writes report content into a python-docx document."""

    def __init__(self, document: Any, data: ExportData) -> None:
        self.document = document
        self.data = data
        self.guided: list[str] = []
        self.tables = 0
        self.figures = 0
        self.rows = data.row_of
        self.appendices: dict[str, str] = {}
        self.glossary: list[tuple[str, str]] = []
        self.deferred: dict[str, str] = {}
        #: Each deferred table's row texts, as Word reads them (the draft's fingerprints).
        self.deferred_rows: dict[str, list[str]] = {}
        self._styles: dict[str, Any] = {}
        #: Write each section's words in a content control, headings with bookmarks (the report does;
        #: the rapid review does not).
        self.controls = False
        #: What the title page, headers and panel section say (see :mod:`scrchron.export.report_settings`).
        self.settings = ReportSettings()
        self.ids = ControlIds()
        #: Section key -> its words as written in this draft (markup), for the draft's fingerprints.
        self.sections_written: dict[str, str] = {}
        #: Section key -> the title of its content control.
        self.section_titles: dict[str, str] = {}
        #: The headings the contents page lists.
        self.headings: list[Heading] = []

    def style_id(self, name: str) -> str:
        """A style's id by its name, looked up once (python-docx searches every style each time)."""
        if name not in self._styles:
            self._styles[name] = self.document.styles[name].style_id
        return str(self._styles[name])

    def new_paragraph(self, style: str | None = None) -> Any:
        """An empty paragraph at the end of the body, in the named style."""
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.style = self.style_id(style)  # direct: the style setter is slow
        return paragraph

    def appendix(self, key: str) -> str:
        """'Appendix E' for the appendix ``key`` ('chronology', 'glossary'...), 'the appendix' if none."""
        return self.appendices.get(key, "the appendix")

    # -- text ----------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> Any:
        """A built-in Heading 1-3 paragraph (they make the table of contents)."""
        paragraph = self.new_paragraph(f"Heading {level}")
        paragraph.add_run(xml_safe(text))
        if self.controls:
            self._bookmarks(paragraph, text, level)
        return paragraph

    def _bookmarks(self, paragraph: Any, text: str, level: int) -> None:
        """A bookmark for the contents page (levels 1-2) and one for references ('Finding 2')."""
        if level <= 2:
            name = f"_Toc{len(self.headings) + 1:06d}"
            bookmark(paragraph, name, self.ids)
            self.headings.append(Heading(level, text, name))
        target = reference_bookmark(text)
        if target is not None:
            bookmark(paragraph, target, self.ids)

    def para(self, text: str = "", style: str | None = None) -> Any:
        """One paragraph of ``text`` (line breaks kept as breaks)."""
        paragraph = self.new_paragraph(style)
        lines = xml_safe(text).split("\n")
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
        return paragraph

    def paras(self, text: str) -> None:
        """Paragraphs from text whose paragraphs are separated by blank lines."""
        for block in xml_safe(text).replace("\r\n", "\n").split("\n\n"):
            if block.strip():
                self.para(block.strip())

    def labelled(self, label: str, text: str) -> Any:
        """'Label: text' with the label in bold."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run(xml_safe(label) + ": ").bold = True
        paragraph.add_run(xml_safe(text))
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list."""
        for item in items:
            self.new_paragraph("List Bullet").add_run(xml_safe(item))

    def page_break(self) -> None:
        """Start the next content on a new page."""
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- the reviewer's words, or a prompt for them -----------------------------------------

    def guidance(self, key: str, where: str) -> None:
        """The guidance prompt for section ``key`` in the Guidance style; ``where`` is listed."""
        text = guidance_for(key, self.data.review.review_type, self.data.subject)
        if not text:
            return
        paragraph = self.new_paragraph(GUIDANCE_STYLE)
        paragraph.add_run(GUIDANCE_LABEL).bold = True
        paragraph.add_run(xml_safe(text))
        if where not in self.guided:
            self.guided.append(where)

    def written(self, key: str, where: str = "") -> bool:
        """The reviewer's text for ``key`` (case setting ``report.<key>``) when there is one."""
        with self.section(key, where):
            return self._prose(key)

    def _prose(self, key: str) -> bool:
        text = self.data.texts.get(key, "")
        if not text.strip():
            return False
        if self.controls:
            write_blocks(self, parse(text), self.rows)
        else:
            self.paras(text)
        return True

    def written_or_guidance(self, key: str, where: str) -> bool:
        """The reviewer's text for ``key`` (case setting ``report.<key>``), or its prompt.

        Returns:
            True when the reviewer's text was written.
        """
        with self.section(key, where):
            if self._prose(key):
                return True
            self.guidance(key, where)
            return False

    @contextmanager
    def section(self, key: str, title: str = "") -> Iterator[None]:
        """What is written inside goes into the content control of section ``key`` (once a key)."""
        if not self.controls or key in self.sections_written:
            yield
            return
        body = self.document.element.body
        before = len(body) - 1  # the section properties stay last
        self.sections_written[key] = normalised(self.data.texts.get(key, ""))
        try:
            yield
        finally:
            added = list(body)[before:-1]
            if not added:
                added = [self.new_paragraph()._p]
            self.section_titles[key] = xml_safe(title or key)[:250]
            wrap_in_control(body, added, key, self.section_titles[key], self.ids)

    # -- tables and figures -------------------------------------------------------------

    def caption(self, kind: str, text: str) -> None:
        """'Table 3: text' or 'Figure 1: text' in the Caption style, numbered by a SEQ field."""
        number = self.tables if kind == "Table" else self.figures
        paragraph = self.new_paragraph("Caption")
        paragraph.add_run(f"{kind} ")
        add_field(paragraph, f"SEQ {kind} \\* ARABIC", str(number))
        paragraph.add_run(f": {xml_safe(text)}")
        paragraph.paragraph_format.keep_with_next = kind == "Table"

    def table(self, headings: Sequence[str], weights: Sequence[float], rows: Iterable[Sequence[CellValue]],
              caption: str, width_cm: float | None = None) -> Any:
        """A captioned table filling the text width (or ``width_cm``), columns in proportion to ``weights``."""
        self.tables += 1
        self.caption("Table", caption)
        width = width_cm or self.text_width()
        columns = [Column(h, w) for h, w in zip(headings, fit_widths(weights, width), strict=True)]
        table = add_table(self.document, columns, rows)
        self.document.add_paragraph()
        return table

    def deferred_table(self, columns: Sequence[Column], rows: Iterable[Sequence[CellValue]],
                       progress: Callable[[int], None] | None = None) -> None:
        """A table written straight into the saved file (see :func:`docx_tables.splice_tables`)."""
        marker = marker_for(len(self.deferred) + 1)
        texts = self.deferred_rows[marker] = []
        self.deferred[marker] = table_xml(columns, rows, progress=progress, row_texts=texts)
        self.para(marker)
        self.para()

    def text_width(self) -> float:
        """The current section's width between the margins, in centimetres."""
        section = self.document.sections[-1]
        return float((section.page_width - section.left_margin - section.right_margin) / 360000)
