"""The Word document's frame: styles, page set-up, fields, header and footer, properties.

Built-in styles are used wherever Word has one (Title, Heading 1-3, Caption,
Table Grid, List Bullet) so the reviewer's own template and navigation pane
work; the few custom styles are named for what they hold ("Guidance", "Table
Text", "Table Heading", "Marking"). Fonts are set explicitly (Arial, which
LibreOffice draws with the metric-compatible Liberation Sans) rather than by
theme, so the report looks the same wherever it is opened.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scrchron.export.formatting import xml_safe

FONT = "Arial"
INK = RGBColor(0x1F, 0x38, 0x64)
GUIDANCE_INK = RGBColor(0x5B, 0x2C, 0x83)
DRAFT_INK = RGBColor(0xB0, 0x1E, 0x1E)
GUIDANCE_FILL = "F1EAF7"
GUIDANCE_STYLE = "Guidance"
A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.2)

TOC_PLACEHOLDER = "Right-click here and choose Update Field to build the table of contents."
AUTHOR = "scrchron"


# -- styles ------------------------------------------------------------------------


def _font_element(element: Any, name: str) -> None:
    """Set explicit fonts on an rPr, dropping theme fonts that would override them."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def _style_font(style: Any, size: float | None = None, colour: RGBColor | None = None,
                bold: bool | None = None, italic: bool | None = None) -> None:
    _font_element(style.element.get_or_add_rPr(), FONT)
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if colour is not None:
        font.color.rgb = colour
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _document_defaults(document: Any) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _font_element(run_defaults, FONT)
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), "en-GB")


#: What follows w:shd in a paragraph's properties (the schema's order, which Word enforces).
_AFTER_SHD = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
              "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _shade(ppr: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    ppr.insert_element_before(shading, *_AFTER_SHD)


def _left_border(ppr: Any, colour: str) -> None:
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", colour)):
        left.set(qn(key), value)
    borders.append(left)
    ppr.insert_element_before(borders, "w:shd", *_AFTER_SHD)


def _paragraph_style(document: Any, name: str) -> Any:
    styles = document.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    return style


def paragraph_style(document: Any, name: str) -> Any:
    """The paragraph style ``name``, added (based on Normal) when the document has none."""
    return _paragraph_style(document, name)


def set_up_styles(document: Any) -> None:
    """Fonts, sizes and colours of the built-in styles, and the custom styles the report uses."""
    _document_defaults(document)
    styles = document.styles
    _style_font(styles["Normal"], 11)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 26), ("Subtitle", 16), ("Heading 1", 16), ("Heading 2", 13),
                       ("Heading 3", 11.5)):
        _style_font(styles[name], size, INK)
    _style_font(styles["Subtitle"], 20, INK, italic=False)
    _style_font(styles["Caption"], 9, INK, bold=False, italic=True)
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 1"].paragraph_format.page_break_before = False
    for name in ("List Bullet", "List Number", "Quote"):
        _style_font(styles[name])
    _guidance_style(document)
    _table_styles(document)
    marking = _paragraph_style(document, "Marking")
    _style_font(marking, 14, RGBColor(0, 0, 0), bold=True)
    _style_font(styles["Header"], 10)
    _style_font(styles["Footer"], 9)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _guidance_style(document: Any) -> None:
    guidance = _paragraph_style(document, GUIDANCE_STYLE)
    _style_font(guidance, 10, GUIDANCE_INK, italic=True)
    guidance.paragraph_format.space_before = Pt(3)
    guidance.paragraph_format.space_after = Pt(9)
    guidance.paragraph_format.left_indent = Cm(0.3)
    ppr = guidance.element.get_or_add_pPr()
    _left_border(ppr, "7A4DA3")
    _shade(ppr, GUIDANCE_FILL)


def _table_styles(document: Any) -> None:
    text = _paragraph_style(document, "Table Text")
    _style_font(text, 8.5)
    text.paragraph_format.space_before = Pt(1)
    text.paragraph_format.space_after = Pt(1)
    text.paragraph_format.line_spacing = 1.0
    heading = _paragraph_style(document, "Table Heading")
    heading.base_style = text
    _style_font(heading, 8.5, bold=True)
    heading.paragraph_format.keep_with_next = True


# -- pages and sections --------------------------------------------------------------


def set_page(section: Any, landscape: bool = False) -> None:
    """A4 portrait (or landscape) with the report's margins."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_HEIGHT, A4_WIDTH) if landscape else (A4_WIDTH, A4_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN if not landscape or side in ("top_margin", "bottom_margin")
                else Cm(1.8))
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


def new_section(document: Any, landscape: bool) -> Any:
    """Start a new page section, A4 in the given orientation (header and footer carried on)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape)
    return section


def text_width_cm(section: Any) -> float:
    """The width between the margins, in centimetres."""
    return float((section.page_width - section.left_margin - section.right_margin) / 360000)


# -- fields --------------------------------------------------------------------------


def _fld_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def add_field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """Append a Word field (``TOC``, ``PAGE``, ``NUMPAGES``, ``SEQ``...) with a placeholder result."""
    element = paragraph._p
    element.append(_fld_char("begin"))
    code_run = OxmlElement("w:r")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    code_run.append(code)
    element.append(code_run)
    element.append(_fld_char("separate"))
    paragraph.add_run(placeholder)
    element.append(_fld_char("end"))


def add_toc(document: Any) -> Any:
    """A table of contents field (headings 1-3) whose placeholder says how to build it; its paragraph."""
    paragraph = document.add_paragraph()
    add_field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', TOC_PLACEHOLDER)
    return paragraph


# -- header, footer, properties --------------------------------------------------------


def _centred(paragraph: Any, style: str) -> Any:
    paragraph.style = style
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def set_header_footer(section: Any, marking: str, review_name: str) -> None:
    """Protective marking and review name in the header; marking and 'Page X of Y' in the footer."""
    header = section.header
    _centred(header.paragraphs[0], "Header").add_run(marking).bold = True
    name = _centred(header.add_paragraph(), "Header").add_run(review_name)
    name.font.size = Pt(8)
    name.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    footer = section.footer
    page = _centred(footer.paragraphs[0], "Footer")
    page.add_run("Page ")
    add_field(page, "PAGE", "1")
    page.add_run(" of ")
    add_field(page, "NUMPAGES", "1")
    _centred(footer.add_paragraph(), "Footer").add_run(marking).bold = True


def set_properties(document: Any, title: str, subject: str, marking: str, status: str) -> None:
    """Document properties: a title, and no personal name anywhere (author 'scrchron')."""
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties = document.core_properties
    properties.title = xml_safe(title)
    properties.subject = xml_safe(subject)
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.comments = ""
    properties.keywords = marking
    properties.category = "Statutory review"
    properties.content_status = status
    properties.identifier = ""
    properties.language = "en-GB"
    properties.revision = 1
    properties.created = now
    properties.modified = now
