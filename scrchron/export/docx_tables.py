"""Word tables built fast: the whole ``w:tbl`` is written as one XML string.

python-docx's ``table.add_row()`` and ``cell.text = ...`` walk the table's grid
for every cell, which takes seconds for a chronology of thousands of rows. Here
each column's cell opening (paragraph style, fill) is a string made once; a row
is those strings with the escaped texts between them. A small table is parsed
once by python-docx's own parser (so its proxies still work) and placed in the
body (:func:`add_table`). The chronology's table of thousands of rows is not
parsed at all: a marker paragraph stands in its place while the document is
built, and :func:`splice_tables` puts the XML text in its place when the file is
written, which saves parsing and re-serialising megabytes of XML.

A cell holds paragraphs; a paragraph is a plain string or a sequence of runs
``(text, "b" | "i" | "")``. Text is made XML-safe and escaped here, nowhere else.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from docx.oxml.parser import parse_xml
from docx.table import Table

from scrchron.export.formatting import xml_safe

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_CM = 567

Run = tuple[str, str]
Paragraph = str | Sequence[Run]


@dataclass(frozen=True)
class Cell:
    """A cell's paragraphs, with an optional background fill ('RRGGBB')."""

    paragraphs: Sequence[Paragraph]
    fill: str = ""


CellValue = str | Cell
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Column:
    """A table column: its heading and its width in centimetres."""

    title: str
    width_cm: float

    @property
    def twips(self) -> int:
        """The width in twentieths of a point, as Word stores it."""
        return round(self.width_cm * TWIPS_PER_CM)


@dataclass(frozen=True)
class TableStyle:
    """How a table looks: Word table style, paragraph styles, header fill."""

    table: str = "TableGrid"
    text: str = "TableText"
    heading: str = "TableHeading"
    header_fill: str = "DCE3EC"
    header: bool = True


#: A borderless table of labels and values (the title page's details).
PLAIN = TableStyle(table="TableNormal", text="Normal", heading="Normal", header=False)


_RUN_PROPS = {"": "", "b": "<w:rPr><w:b/></w:rPr>", "i": "<w:rPr><w:i/></w:rPr>",
              "bi": "<w:rPr><w:b/><w:i/></w:rPr>"}
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(xml_safe(value), quote=False) if _SPECIAL.search(value) else value


def _run(text: str, props: str = "") -> str:
    # xml:space="preserve" only where Word would otherwise drop spaces (a fifth of a row's bytes)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "  " in text else ""
    if _SPECIAL.search(text):
        text = escape(xml_safe(text), quote=False)
    return f"<w:r>{_RUN_PROPS.get(props, '')}<w:t{space}>{text}</w:t></w:r>"


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Row:
    """The fixed XML around each cell of a row, made once per table.

    Only the header row's cells carry their width: a fixed-layout table takes the
    widths from its grid, and leaving ``w:tcW`` out of every body cell makes the
    XML a fifth smaller (and parsed a fifth faster).
    """

    def __init__(self, columns: Sequence[Column], text_style: str, widths: bool) -> None:
        self.widths = [f'<w:tcW w:w="{c.twips}" w:type="dxa"/>' if widths else "" for c in columns]
        self.opening = f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>'

    def xml(self, values: Sequence[CellValue], row_props: str = "", texts: list[str] | None = None) -> str:
        """One ``w:tr`` holding ``values``; each run's text is also added to ``texts`` when given.

        One pass over the row's paragraphs and runs (the chronology's ten thousand rows
        spend their time here).
        """
        opening, run = self.opening, _run
        out = [f"<w:tr>{row_props}"]
        add = out.append
        for width, value in zip(self.widths, values, strict=True):
            paragraphs, fill = ((value,), "") if isinstance(value, str) else (value.paragraphs, value.fill)
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
            add(f"<w:tc><w:tcPr>{width}{shading}</w:tcPr>" if width or shading else "<w:tc>")
            for paragraph in paragraphs or ("",):
                if not isinstance(paragraph, str):
                    add(opening)
                    for text, props in paragraph:
                        if text:
                            add(run(text, props))
                            if texts is not None:
                                texts.append(text)
                    add("</w:p>")
                    continue
                for line in _lines(paragraph) if "\n" in paragraph or "\r" in paragraph else (paragraph,):
                    if line:
                        add(f"{opening}{run(line)}</w:p>")
                        if texts is not None:
                            texts.append(line)
                    else:
                        add(f"{opening}</w:p>")
            add("</w:tc>")
        add("</w:tr>")
        return "".join(out)


def table_xml(columns: Sequence[Column], rows: Iterable[Sequence[CellValue]], *,
              style: TableStyle | None = None, progress: Progress | None = None,
              every: int = 500, row_texts: list[str] | None = None) -> str:
    """The XML of a whole table: a header row repeated on every page (unless ``style.header``
    is False), then ``rows``.

    Args:
        columns: headings and widths (the table is fixed-layout at their total width).
        rows: one sequence of cell values per row, as many as ``columns``.
        style: the table and paragraph styles (defaults: Table Grid, Table Text, Table Heading).
        progress: called with the number of rows written so far, every ``every`` rows.
        every: how often to call ``progress``.
        row_texts: when given, each row's text as Word reads it (see :func:`row_text`) is
            appended to it, the header row's first.
    """
    style = style or TableStyle()
    total = sum(c.twips for c in columns)
    grid = "".join(f'<w:gridCol w:w="{c.twips}"/>' for c in columns)
    head = _Row(columns, style.heading, widths=True)
    body = _Row(columns, style.text, widths=not style.header)
    header_cells = [Cell([column.title], style.header_fill) for column in columns]
    parts = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{style.table}"/>'
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>",
        head.xml(header_cells, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>") if style.header else "",
    ]
    if row_texts is not None and style.header:
        row_texts.append(row_text(header_cells))
    count = 0
    texts: list[str] | None = None if row_texts is None else []
    for count, values in enumerate(rows, start=1):
        parts.append(body.xml(values, texts=texts))
        if row_texts is not None and texts is not None:
            row_texts.append(_as_read("".join(texts)))
            texts.clear()
        if progress is not None and count % every == 0:
            progress(count)
    if progress is not None:
        progress(count)
    parts.append("</w:tbl>")
    return "".join(parts)


def row_text(values: Sequence[CellValue]) -> str:
    """A row's text as Word reads it back (its runs' texts in order, without line breaks)."""
    texts: list[str] = []
    _Row([Column("", 0)] * len(values), "", widths=False).xml(values, texts=texts)
    return _as_read("".join(texts))


def _as_read(text: str) -> str:
    return xml_safe(text) if _SPECIAL.search(text) else text


def add_table(document: Any, columns: Sequence[Column], rows: Iterable[Sequence[CellValue]], *,
              style: TableStyle | None = None, progress: Progress | None = None) -> Table:
    """Build a table (see :func:`table_xml`) and add it at the end of the document's body."""
    element = parse_xml(table_xml(columns, rows, style=style, progress=progress))
    body = document.element.body
    sect_pr = body.find(f"{{{W_NS}}}sectPr")
    if sect_pr is not None:
        sect_pr.addprevious(element)
    else:
        body.append(element)
    return Table(element, document)


def marker_for(number: int) -> str:
    """The text of the paragraph that stands in for deferred table ``number``."""
    return f"scrchron-deferred-table-{number}"


#: zlib's level for the written package: a chronology's XML is compressed in two fifths of the
#: time of the default level (6) into a file a third larger (350 KB for 10,000 rows).
COMPRESS_LEVEL = 3


def splice_tables(docx: bytes, target: Path, tables: dict[str, str]) -> None:
    """Write the docx package ``docx`` to ``target`` with each marker paragraph replaced by its table.

    Args:
        docx: the saved package (python-docx's output) holding marker paragraphs.
        target: the file to write.
        tables: marker text -> the table's XML (from :func:`table_xml`).
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as result:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = _splice(data, tables)
            info.compress_type = zipfile.ZIP_DEFLATED
            result.writestr(info, data, compresslevel=COMPRESS_LEVEL)


def _splice(document_xml: bytes, tables: dict[str, str]) -> bytes:
    for marker, xml in tables.items():
        at = document_xml.find(marker.encode())
        if at < 0:
            raise ValueError(f"the place of table {marker} was lost")
        start = max(document_xml.rfind(b"<w:p>", 0, at), document_xml.rfind(b"<w:p ", 0, at))
        end = document_xml.find(b"</w:p>", at) + len(b"</w:p>")
        document_xml = document_xml[:start] + xml.encode("utf-8") + document_xml[end:]
    return document_xml


def fit_widths(weights: Sequence[float], total_cm: float) -> list[float]:
    """Column widths in proportion to ``weights`` that add up to ``total_cm``."""
    scale = total_cm / sum(weights)
    return [round(w * scale, 2) for w in weights]
