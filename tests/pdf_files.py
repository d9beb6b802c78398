"""Small PDFs written byte by byte for the tests (no LibreOffice needed).

A page holds lines of text in Helvetica, optionally inside a ruled grid (a table
pdfplumber finds by its lines). ``garbled_font`` gives the text a font without a
character map (its glyph names mean nothing), which is what a PDF with a garbage
text layer looks like to a reader: ``(cid:3)(cid:7)...``. Many pages can share one
content stream, so a 2,000-page PDF is a few hundred kilobytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 595, 842


@dataclass
class PdfPage:
    """What one page shows: text lines (top to bottom) and, optionally, a grid of cells."""

    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    """Table rows drawn as a ruled grid (each cell's text inside its box)."""
    garbled: bool = False
    """The lines are shown in a font whose glyphs map to no character."""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(page: PdfPage, garbled: bool) -> bytes:
    parts: list[str] = []
    y = PAGE_HEIGHT - 60
    for line in page.lines:
        if garbled or page.garbled:
            shown = "".join(f"{(ord(char) % 90) + 1:02x}" for char in line)
            parts.append(f"BT /F2 10 Tf 50 {y} Td <{shown}> Tj ET")
        else:
            parts.append(f"BT /F1 10 Tf 50 {y} Td ({_escape(line)}) Tj ET")
        y -= 14
    if page.rows:
        widths = [90, 360, 80][: len(page.rows[0])] + [80] * max(0, len(page.rows[0]) - 3)
        top = y - 10
        height = 18
        parts.append("0.5 w")
        for number, row in enumerate(page.rows):
            x = 40
            row_top = top - number * height
            for col, value in enumerate(row):
                parts.append(f"{x} {row_top - height} {widths[col]} {height} re S")
                parts.append(f"BT /F1 8 Tf {x + 3} {row_top - 12} Td ({_escape(value)}) Tj ET")
                x += widths[col]
    return "\n".join(parts).encode("latin-1")


def write_pdf(path: Path, pages: list[PdfPage], garbled: bool = False, repeat: int = 1) -> Path:
    """Write ``pages`` (the whole list ``repeat`` times, sharing their content streams)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    names = " ".join(f"/g{n}" for n in range(1, 92))
    nameless = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar 91 "
                   f"/Widths [{' '.join(['500'] * 91)}] /Encoding << /Type /Encoding /Differences [1 {names}] >> "
                   ">>".encode())
    streams = []
    for page in pages:
        data = _content(page, garbled)
        streams.append(add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"))
    kids = []
    for _ in range(repeat):
        for stream in streams:
            kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                            f"/Resources << /Font << /F1 {font} 0 R /F2 {nameless} 0 R >> >> "
                            f"/Contents {stream} 0 R >>".encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>"
                         .encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def table_pages(rows: list[list[str]], per_page: int = 30, header: list[str] | None = None) -> list[PdfPage]:
    """A table over as many pages as it needs, ``header`` repeated at the top of each."""
    pages = []
    for start in range(0, len(rows), per_page):
        chunk = rows[start:start + per_page]
        pages.append(PdfPage(lines=[f"Chronology page {start // per_page + 1}"],
                             rows=([header] if header else []) + chunk))
    return pages
