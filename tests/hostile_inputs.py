"""Hostile inputs of issue 16, built here (nothing large is kept in the repository).

Workbooks with far cells spelt oddly or thousands of sheets, a CSV whose quote is
never closed, and old-format Excel files (.xls) built byte by byte.

An .xls is an OLE2 compound file (512-byte sectors chained by a FAT) holding a
BIFF8 ``Workbook`` stream. :func:`cyclic_xls` makes a chain that never ends (the
26 KB file that made calamine grow until 8 GB and abort); :func:`far_cell_xls`
puts one number at IV65536, the last cell an .xls can address (a 5.6 KB file
that cost 1.35 GB).
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

END, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_FAT_AT, _DIRECTORY_AT = 512, 1024


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    entry = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
    entry += struct.pack("<III", NO_STREAM, NO_STREAM, child) + b"\0" * 36
    return entry + struct.pack("<II", start, size) + b"\0" * 4


def compound_file(stream: bytes) -> bytes:
    """An OLE2 file whose one stream, 'Workbook', is ``stream`` (sectors 2 onwards)."""
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    count = len(stream) // 512
    fat = [FAT_SECTOR, END] + [3 + n for n in range(count - 1)] + [END]
    fat += [FREE] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    directory = (_entry("Root Entry", 5, 1, END, 0) + _entry("Workbook", 2, NO_STREAM, 2, len(stream)))
    return header + struct.pack("<128I", *fat) + directory.ljust(512, b"\0") + stream


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def biff8_workbook(cells: list[tuple[int, int, float]], last: tuple[int, int]) -> bytes:
    """A BIFF8 workbook stream: one sheet 'Sheet1' of NUMBER cells, used area up to ``last``."""
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0006)
    name = b"Sheet1"
    codepage = _record(0x0042, struct.pack("<H", 1252))
    sheet_at = len(_record(0x0809, bof)) + len(codepage) + 4 + 8 + len(name) + 4
    globals_part = (_record(0x0809, bof) + codepage
                    + _record(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, len(name), 0) + name)
                    + _record(0x000A, b""))
    sheet = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x0006))
    sheet += _record(0x0200, struct.pack("<IIHHH", 0, last[0] + 1, 0, last[1] + 1, 0))
    for row, column, value in cells:
        sheet += _record(0x0203, struct.pack("<HHHd", row, column, 0x0F, value))
    return globals_part + sheet + _record(0x000A, b"")


def small_xls(path: Path) -> Path:
    """A sound two-cell .xls (the reader must still read it)."""
    path.write_bytes(compound_file(biff8_workbook([(0, 0, 1.0), (1, 1, 2.0)], (1, 1))))
    return path


def cyclic_xls(path: Path) -> Path:
    """A small .xls whose directory's sector chain points back to itself, forever."""
    data = bytearray(compound_file(biff8_workbook([(0, 0, 1.0), (1, 1, 2.0)], (1, 1))))
    struct.pack_into("<I", data, _FAT_AT + 4 * 1, 1)
    path.write_bytes(bytes(data))
    return path


def far_cell_xls(path: Path) -> Path:
    """A 5.6 KB .xls with one number at A1 and one at IV65536."""
    path.write_bytes(compound_file(biff8_workbook([(0, 0, 1.0), (65535, 255, 2.0)], (65535, 255))))
    return path


def far_cell_xlsx(path: Path, attribute: bytes) -> Path:
    """A small valid chronology with one cell at XFD1048576, its reference spelt ``attribute``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Event"])
    sheet.append(["9 March 2015", "Home visit"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                far = b"<row r='1048576'><c " + attribute + b' t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>").replace(b'<dimension ref="A1:B2"/>', b"")
            out.writestr(info, data)
    return path


def many_sheets_xlsx(path: Path, count: int) -> Path:
    """A workbook of ``count`` one-row sheets, the first a small chronology, written as XML."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheets = "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, count + 1))
    rels = "".join(f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                   for n in range(1, count + 1))
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for n in range(1, count + 1))
    cell = '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/><Override PartName='
                         '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                         f'spreadsheetml.sheet.main+xml"/>{overrides}</Types>')
        archive.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship '
                         f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}">'
                         f"<sheets>{sheets}</sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{pkg}">'
                         f"{rels}</Relationships>")
        for n in range(1, count + 1):
            rows = (f'<row r="1">{cell.format(ref="A1", text="Date")}{cell.format(ref="B1", text="Event")}</row>'
                    f'<row r="2">{cell.format(ref="A2", text="9 March 2015")}'
                    f'{cell.format(ref="B2", text=f"Visit {n}")}</row>')
            archive.writestr(f"xl/worksheets/sheet{n}.xml", f'<?xml version="1.0"?><worksheet xmlns="{main}">'
                             f"<sheetData>{rows}</sheetData></worksheet>")
    return path


def unclosed_quote_csv(path: Path, rows: int = 1000, broken_at: int = 11) -> Path:
    lines = ["Date,Event,Source"]
    for number in range(1, rows + 1):
        event = f'"Home visit {number}, mother present' if number == broken_at else f"Home visit {number}"
        lines.append(f"{1 + number % 28:02d}/03/2015,{event},Police")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
