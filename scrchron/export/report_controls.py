"""What makes the Word report a draft scrchron can read back.

Every section the reviewer writes is a block content control (``w:sdt``) tagged
``scrchron/<section key>``; its words are written from the section's markdown
(:mod:`scrchron.export.prose`), references becoming internal hyperlinks to
bookmarks on the episodes', findings' and recommendations' headings. The draft
carries the review's id (a document variable, which Word keeps) and a
fingerprint of every text outside the sections (a custom XML part), so that a
read-back knows the draft is this review's and sees text edited anywhere else.

The contents page is written filled in: the TOC field's result holds one line
per heading with a PAGEREF field to the heading's bookmark, which LibreOffice
numbers when it lays the pages out; Word is also asked to update fields when the
file is opened, as a fallback.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from scrchron.export.formatting import xml_safe
from scrchron.export.prose import REFERENCE_WORDS, Block, Span

TAG_PREFIX = "scrchron/"
CONTENTS_TAG = "scrchron-contents"
REVIEW_VARIABLE = "scrchron.review"
DRAFT_PART = "/customXml/scrchron-draft.xml"
DRAFT_NAMESPACE = "urn:scrchron:draft:1"
BOOKMARK_PREFIX = "scrchron_"
_HEADING_REFERENCE = re.compile(r"^(Episode|Finding|Recommendation) (\d+)\b")
_PREFIXES = {"Episode": "Ep", "Finding": "F", "Recommendation": "R"}
_WT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def fingerprint(text: str) -> str:
    """A short digest of a text, to see whether it changed (CRC-32 and length: cheap, not secret).

    White space is left out: a tab saved as a tab character or as Word's tab element, or a
    space more or less, is the same text.
    """
    data = "".join(text.split()).encode("utf-8")
    return f"{zlib.crc32(data):08x}{len(data) % 4096:03x}"


def element_text(element: Any) -> str:
    """The text of a paragraph or table row as Word shows it after accepting changes (w:t only)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


# -- content controls -------------------------------------------------------------------------


class ControlIds:
    """Unique ids for content controls and bookmarks within one document."""

    def __init__(self) -> None:
        self.next = 1000

    def take(self) -> str:
        """The next id."""
        self.next += 1
        return str(self.next)


def wrap_in_control(body: Any, elements: list[Any], key: str, title: str, ids: ControlIds) -> Any:
    """Put ``elements`` (adjacent body children) into a block content control tagged with ``key``."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", xml_safe(title)[:250]), ("w:tag", TAG_PREFIX + key), ("w:id", ids.take())):
        item = OxmlElement(name)
        item.set(qn("w:val"), value)
        properties.append(item)
    lock = OxmlElement("w:lock")
    lock.set(qn("w:val"), "sdtLocked")  # the words can be edited; the control cannot be deleted by mistake
    properties.append(lock)
    properties.append(OxmlElement("w:richText"))
    return enclose(sdt, properties, elements)


def enclose(sdt: Any, properties: Any, elements: list[Any]) -> Any:
    """Finish a content control: its properties, then ``elements`` (adjacent body children) moved
    into its content, where the first of them stood."""
    content = OxmlElement("w:sdtContent")
    sdt.append(properties)
    sdt.append(content)
    elements[0].addprevious(sdt)
    for element in elements:
        content.append(element)
    return sdt


def section_key(sdt: Any) -> str | None:
    """The section key of a content control scrchron wrote, or None for any other control."""
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    value = tag.get(qn("w:val")) if tag is not None else None
    return value[len(TAG_PREFIX):] if value and value.startswith(TAG_PREFIX) else None


# -- the reviewer's words in Word -----------------------------------------------------------------


def write_blocks(writer: Any, blocks: Iterable[Block], rows: dict[int, int]) -> None:
    """Write the blocks as paragraphs (bullets in List Bullet), references as hyperlinks."""
    for block in blocks:
        paragraph = writer.new_paragraph("List Bullet" if block.bullet else None)
        for span in block.spans:
            if span.reference:
                _reference(paragraph, span, rows)
            else:
                _run(paragraph, span.text, span.bold, span.italic)


def _run(paragraph: Any, text: str, bold: bool, italic: bool) -> None:
    """A run of text (line breaks as breaks), built directly: python-docx's setters are slow."""
    run = OxmlElement("w:r")
    if bold or italic:
        properties = OxmlElement("w:rPr")
        for on, name in ((bold, "w:b"), (italic, "w:i")):
            if on:
                properties.append(OxmlElement(name))
        run.append(properties)
    for number, line in enumerate(xml_safe(text).split("\n")):
        if number:
            run.append(OxmlElement("w:br"))
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = line
        run.append(element)
    paragraph._p.append(run)


def reference_words(reference: str, rows: dict[int, int]) -> str:
    """What a reference reads as: 'Finding 2', 'Episode 3', 'chronology row 17' (entry 42)."""
    match = re.fullmatch(r"(E|Ep|F|R)(\d+)", reference)
    if match is None:
        return reference
    kind, number = match.group(1), int(match.group(2))
    if kind == "E":
        return f"chronology row {rows[number]}" if number in rows else f"entry {number}"
    return f"{REFERENCE_WORDS[kind]} {number}"


def _reference(paragraph: Any, span: Span, rows: dict[int, int]) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), BOOKMARK_PREFIX + span.reference)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for on, name in ((span.bold, "w:b"), (span.italic, "w:i")):
        if on:
            properties.append(OxmlElement(name))
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = reference_words(span.reference, rows)
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


# -- bookmarks and the contents page ---------------------------------------------------------------


@dataclass
class Heading:
    """A heading the contents page lists."""

    level: int
    text: str
    bookmark: str


def bookmark(paragraph: Any, name: str, ids: ControlIds) -> None:
    """Put a bookmark called ``name`` around the paragraph's content."""
    number = ids.take()
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), number)
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def bookmark_rows(xml: str, wanted: dict[int, list[str]], ids: ControlIds) -> str:
    """A table's XML with bookmarks in rows (by index; 0 is the header) at their first paragraph."""
    rows = xml.split("</w:tr>")
    for index, names in wanted.items():
        if not 0 < index < len(rows) - 1:  # the last piece is what follows the last row
            continue
        row = rows[index]
        start = max(row.find("<w:p>"), row.find("<w:p "))
        if start < 0:
            continue
        opened = row.index(">", start) + 1
        if row.startswith("<w:pPr>", opened):
            opened = row.index("</w:pPr>", opened) + len("</w:pPr>")
        marks = ""
        for name in names:
            number = ids.take()
            marks += f'<w:bookmarkStart w:id="{number}" w:name="{name}"/><w:bookmarkEnd w:id="{number}"/>'
        rows[index] = row[:opened] + marks + row[opened:]
    return "</w:tr>".join(rows)


def reference_bookmark(text: str) -> str | None:
    """'scrchron_F2' for a heading 'Finding 2: ...' (what [F2] links to), else None."""
    match = _HEADING_REFERENCE.match(text)
    return f"{BOOKMARK_PREFIX}{_PREFIXES[match.group(1)]}{match.group(2)}" if match else None


def fill_contents(paragraph: Any, headings: list[Heading], styles: dict[int, str]) -> None:
    """Replace the TOC placeholder by the contents: one line a heading, its page a PAGEREF field.

    Not a TOC field: LibreOffice shows a TOC field's stored result as it is, but numbers
    PAGEREF fields when it lays out the pages, so the converted PDF has page numbers; Word
    numbers them when it updates fields (it is asked to on opening). ``styles`` maps a heading
    level to the style id of its contents line ('toc 1'...).
    """
    p = paragraph._p
    if not headings:
        return
    for run in [child for child in p if child.tag == qn("w:r")]:
        p.remove(run)
    first, *rest = headings
    _style(p, styles[first.level])
    _entry_runs(p, first)
    previous = p
    for heading in rest:
        line = OxmlElement("w:p")
        _style(line, styles[heading.level])
        _entry_runs(line, heading)
        previous.addnext(line)
        previous = line


def _style(p: Any, style_id: str) -> None:
    properties = p.get_or_add_pPr()
    properties.get_or_add_pStyle().set(qn("w:val"), style_id)
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    for name, value in (("w:val", "right"), ("w:leader", "dot"), ("w:pos", "9060")):
        tab.set(qn(name), value)
    tabs.append(tab)
    properties.insert_element_before(tabs, "w:spacing", "w:ind", "w:jc", "w:rPr")


def _entry_runs(p: Any, heading: Heading) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), heading.bookmark)
    link.set(qn("w:history"), "1")
    link.append(_text_run(heading.text))
    link.append(_tab_run())
    for kind, text in (("begin", None), ("instr", f" PAGEREF {heading.bookmark} \\h "), ("separate", None),
                       ("text", "–"), ("end", None)):
        link.append(_field_run(kind, text))
    p.append(link)


def _text_run(text: str) -> Any:
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = xml_safe(text)
    run.append(element)
    return run


def _tab_run() -> Any:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def _field_run(kind: str, text: str | None) -> Any:
    if kind == "text":
        return _text_run(text or "")
    run = OxmlElement("w:r")
    if kind == "instr":
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = text
        run.append(code)
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
    return run


def ask_word_to_update_fields(document: Any) -> None:
    """Word's 'update the fields in this document?' prompt on opening (numbers the contents page)."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.insert_element_before(update, *_AFTER_UPDATE_FIELDS)


_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


# -- the draft's identity ------------------------------------------------------------------------


def set_review_variable(document: Any, case_id: str) -> None:
    """The review's id as a document variable (Word keeps document variables when it saves)."""
    settings = document.settings.element
    variables = settings.find(qn("w:docVars"))
    if variables is None:
        variables = OxmlElement("w:docVars")
        settings.insert_element_before(variables, *_AFTER_UPDATE_FIELDS[5:])
    variable = OxmlElement("w:docVar")
    variable.set(qn("w:name"), REVIEW_VARIABLE)
    variable.set(qn("w:val"), case_id)
    variables.append(variable)


def review_variable(settings: Any) -> str | None:
    """The review id a draft's settings part carries, or None."""
    for variable in settings.iter(qn("w:docVar")):
        if variable.get(qn("w:name")) == REVIEW_VARIABLE:
            return str(variable.get(qn("w:val")))
    return None


def add_draft_part(document: Any, draft: dict[str, Any]) -> None:
    """The draft's fingerprints as a custom XML part of the document (Word keeps those)."""
    text = html.escape(json.dumps(draft, separators=(",", ":")), quote=False)
    blob = f'<?xml version="1.0" encoding="UTF-8"?><draft xmlns="{DRAFT_NAMESPACE}">{text}</draft>'.encode()
    part = Part(PackURI(DRAFT_PART), "application/xml", blob, document.part.package)
    document.part.relate_to(part, RT.CUSTOM_XML)


def outside_fingerprints(body: Any, deferred_rows: Mapping[str, Sequence[str]]) -> list[str]:
    """Fingerprints of every paragraph and table row outside the sections (a deferred table's,
    in ``deferred_rows`` under its marker, by its rows' texts)."""
    found: list[str] = []
    for element in outside_elements(body):
        if element.tag == qn("w:tbl"):
            found.extend(fingerprint(element_text(row)) for row in element.iter(qn("w:tr")))
            continue
        text = element_text(element)
        if text in deferred_rows:
            found.extend(map(fingerprint, deferred_rows[text]))
        elif text.strip():
            found.append(fingerprint(text))
    return found


def element_texts_of_first_cells(xml: str, rows: int) -> list[str]:
    """The text of the first cell of a table's first ``rows`` rows, read from its XML."""
    found = []
    for row in xml.split("</w:tr>", rows)[:rows]:
        cell = row.split("</w:tc>", 1)[0]
        found.append("".join(html.unescape(t) for t in _WT.findall(cell)))
    return found


def outside_elements(body: Any, is_section: Callable[[Any], bool] | None = None) -> Iterator[Any]:
    """The body's paragraphs and tables that are in no section and not the contents page.

    What follows a section break inside a section's control is outside it: LibreOffice, saving
    a control that ends just before a section break, moves the break and what follows into it.
    ``is_section`` tells a section's control (by default: by its tag).
    """
    is_section = is_section or (lambda sdt: section_key(sdt) is not None)
    for child in body:
        if (child.tag == qn("w:p") and not _is_contents_line(child)) or child.tag == qn("w:tbl"):
            yield child
        elif child.tag == qn("w:sdt") and not _is_contents(child):
            inside, spilled = split_control(child)
            if not is_section(child):
                yield from (e for e in inside if e.tag in (qn("w:p"), qn("w:tbl")))
            yield from spilled


def split_control(sdt: Any) -> tuple[list[Any], list[Any]]:
    """A control's content: what is in it, and what follows a section break inside it (not its own)."""
    content = sdt.find(qn("w:sdtContent"))
    children = [] if content is None else list(content)
    for at, child in enumerate(children):
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            return children[:at], [c for c in children[at + 1:] if c.tag in (qn("w:p"), qn("w:tbl"))]
    return children, []


def _is_contents_line(paragraph: Any) -> bool:
    """A line or the heading of the contents page (Word's 'TOC 1' styles, LibreOffice's 'Contents 1')."""
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    name = (style.get(qn("w:val")) or "").lower() if style is not None else ""
    return name.startswith(("toc", "contents"))


def _is_contents(sdt: Any) -> bool:
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return (tag is not None and tag.get(qn("w:val")) == CONTENTS_TAG) or (
        gallery is not None and gallery.get(qn("w:val")) == "Table of Contents")
