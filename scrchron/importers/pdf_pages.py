"""One PDF page read quickly: what pdfplumber's ``extract_tables()`` gives, at about half the cost.

pdfplumber turns every character pdfminer draws into a dict of some twenty-five
attributes (colours, marked content, resolved graphic state), and then fills each
table cell by testing every character of the page against it. Here a character
keeps only what pdfplumber's table finder and text extraction read (its text, box,
size, font and orientation), ruling lines and boxes go through pdfplumber's own
conversion, and each table row takes its characters from a list sorted by height.
pdfplumber's ``TableFinder`` still finds the cells and its ``extract_text`` still
joins each cell's characters, in the page's order, so the cells' text is exactly
what ``page.extract_tables()`` returns (tests/test_importers_pdf_fast.py compares).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

RawTable = list[list[str | None]]
"""A table as pdfplumber gives it: rows of cell texts (None where no cell is)."""


@dataclass(frozen=True, slots=True)
class PageRead:
    """What one page of a PDF holds, for pdf_reader to join."""

    number: int
    text: str
    """Every character of the page, in drawing order (for the scan and garbage checks)."""
    tables: list[RawTable]
    lines: list[str] | None
    """The page's lines of text when it has no table (a narrative's), else None."""


def read_page(page: Any, number: int) -> PageRead:
    """Read one pdfplumber page: its characters, its tables and, without a table, its lines.

    Args:
        page: a ``pdfplumber.page.Page`` (not cropped); closed here.
        number: its page number (from 1).

    Returns:
        The page's text, its tables (top to bottom) and, when it has none, its lines.
    """
    page._objects = light_objects(page)  # what pdfplumber's own parse_objects would give, trimmed
    chars: list[dict[str, Any]] = page.chars
    text = "".join(char["text"] for char in chars)
    tables = [table_text(table, chars) for table in page.find_tables()]
    lines = None if tables else (page.extract_text() or "").splitlines()
    page.close()
    return PageRead(number, text, tables, lines)


def light_objects(page: Any) -> dict[str, list[dict[str, Any]]]:
    """A page's objects as pdfplumber's ``parse_objects`` gives them, characters trimmed.

    Lines, boxes, curves and images go through pdfplumber's ``process_object``; a
    character keeps the attributes its table and text code reads.
    """
    from pdfminer.layout import LTChar, LTContainer

    objects: dict[str, list[dict[str, Any]]] = {}
    pending = list(reversed(page.layout._objs))
    while pending:
        item = pending.pop()
        if isinstance(item, LTContainer):  # a figure: its children, in order (laparams is None)
            pending.extend(reversed(item._objs))
            continue
        found = _char(page, item) if isinstance(item, LTChar) else page.process_object(item)
        if found["object_type"] == "anno":  # skipped by pdfplumber too
            continue
        objects.setdefault(found["object_type"], []).append(found)
    return objects


def _char(page: Any, char: Any) -> dict[str, Any]:
    """A character as pdfplumber describes it, without colours or marked content."""
    from unicodedata import normalize

    text = char.get_text()
    norm = page.pdf.unicode_norm
    fontname = char.fontname
    if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded font names
        from pdfplumber.page import fix_fontname_bytes

        fontname = fix_fontname_bytes(fontname)
    found = {"object_type": "char", "page_number": page.page_number,
             "text": normalize(norm, text) if norm is not None else text, "fontname": fontname,
             "size": char.size, "adv": char.adv, "upright": char.upright, "matrix": char.matrix,
             "x0": char.x0, "y0": char.y0, "x1": char.x1, "y1": char.y1,
             "width": char.width, "height": char.height}
    mb_x0, mb_top = page.mediabox[:2]
    found["top"] = (page.height - char.y1) + mb_top
    found["bottom"] = (page.height - char.y0) + mb_top
    found["doctop"] = page.initial_doctop + found["top"]
    if mb_x0 != 0:
        found["x0"] = char.x0 + mb_x0
        found["x1"] = char.x1 + mb_x0
    return found


def table_text(table: Any, chars: list[dict[str, Any]]) -> RawTable:
    """``table.extract()`` without testing every character of the page against every row.

    A character belongs to a cell when its centre lies in the cell (top and left
    edges in, bottom and right out), exactly as in pdfplumber's ``Table.extract``.
    """
    from pdfplumber.utils.text import extract_text

    by_height = _ByHeight(chars)
    extracted: RawTable = []
    for row in table.rows:
        row_chars = [char for char in by_height.between(row.bbox[1], row.bbox[3]) if _inside(char, row.bbox)]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cell_chars = [char for char in row_chars if _inside(char, cell)]
            cells.append(extract_text(cell_chars) if cell_chars else "")
        extracted.append(cells)
    return extracted


class _ByHeight:
    """A page's characters by the height of their centre, to take a row's quickly."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        middles = [((char["top"] + char["bottom"]) / 2, index) for index, char in enumerate(chars)]
        middles.sort()
        self.chars = chars
        self.heights = [height for height, _ in middles]
        self.order = [index for _, index in middles]

    def between(self, top: float, bottom: float) -> list[dict[str, Any]]:
        """The characters whose centre is at or below ``top`` and above ``bottom``, in page order."""
        start = bisect.bisect_left(self.heights, top)
        end = bisect.bisect_left(self.heights, bottom)
        return [self.chars[index] for index in sorted(self.order[start:end])]


def _inside(char: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    v_mid = (char["top"] + char["bottom"]) / 2
    h_mid = (char["x0"] + char["x1"]) / 2
    x0, top, x1, bottom = bbox
    return bool((h_mid >= x0) and (h_mid < x1) and (v_mid >= top) and (v_mid < bottom))
