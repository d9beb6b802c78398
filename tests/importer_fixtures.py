"""Synthetic agency submissions and hostile files for the importer tests.

Every builder writes one file into the folder it is given and returns its
path. The contents are made up (no real case), in the layouts agencies use.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.table import Table, _Cell
from openpyxl.utils.datetime import CALENDAR_MAC_1904

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"

CHRONOLATOR_HEADER = [
    "Seq", "Start Date", "Start Time", "End Date", "End Time", "Source of Information",
    "Event", "Outcome", "Agency comment",
]


def sample(relative: str) -> Path:
    """Return the path of a copied third-party sample (tests/data/samples)."""
    return SAMPLES / relative


# --- Word -----------------------------------------------------------------------

def _mark_header(table: Table, index: int) -> None:
    """Flag a row as Word's "repeat as header row"."""
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _fill(table: Table, rows: Iterable[list[str]], start: int = 0) -> None:
    """Write texts into a table's rows from ``start``."""
    for r, values in enumerate(rows, start=start):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def chronolator_docx(folder: Path, name: str = "police-chronolator.docx") -> Path:
    """A Chronolator-style Word submission split over two tables.

    Title block with "Agency:", "Author:", "Period:" lines; table 1 with a
    repeated header row inside it; a page break and "(continued)"; table 2
    with the same header. Row 3 has two paragraphs and a soft line break,
    row 4 holds a banner "2015" merged across the table, row 5 a date cell
    merged down over two rows, seq 2.5 orders an event inside a day.
    """
    document = docx.Document()
    document.add_paragraph("Anytown Police – chronology for Child T")
    document.add_paragraph("Agency: Anytown Police")
    document.add_paragraph("Author: DS 1, Public Protection Unit")
    document.add_paragraph("Period: 01/01/2014 to 31/12/2015")
    document.add_paragraph("")
    first = document.add_table(rows=8, cols=len(CHRONOLATOR_HEADER))
    _fill(first, [CHRONOLATOR_HEADER])
    _mark_header(first, 0)
    _fill(first, [
        ["1", "14/03/2014", "22:40", "", "", "Incident log 123", "Domestic incident at the home.",
         "PPN submitted", "DASH should have been completed."],
        ["2", "?17/03/2014", "", "", "", "Call log", "Follow-up call to Mother; no answer.", "", ""],
    ], start=1)
    _fill(first, [["3", "20/03/2014", "10:00", "", "", "Minutes", "", "S47 agreed", ""]], start=3)
    _two_paragraphs(first.cell(3, 6))
    _fill(first, [CHRONOLATOR_HEADER], start=4)  # header repeated inside the table
    banner = first.cell(5, 0).merge(first.cell(5, len(CHRONOLATOR_HEADER) - 1))
    banner.text = "2015"
    _fill(first, [
        ["4", "09/01/2015", "", "", "", "Incident log 456", "Second domestic incident.", "Arrest", ""],
        ["5", "", "", "", "", "Custody record", "Partner interviewed.", "Released on bail", ""],
    ], start=6)
    first.cell(6, 1).merge(first.cell(7, 1))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("(continued)")
    second = document.add_table(rows=3, cols=len(CHRONOLATOR_HEADER))
    _fill(second, [CHRONOLATOR_HEADER])
    _mark_header(second, 0)
    _fill(second, [
        ["6", "12/02/2015", "", "", "", "PNC", "Bail conditions varied.", "", ""],
        ["6.5", "12/02/2015", "16:00", "14/07/2015", "", "Case file", "Referral to MARAC.",
         "Heard at MARAC", ""],
    ], start=1)
    document.add_paragraph("End of chronology.")
    path = folder / name
    document.save(str(path))
    return path


def _two_paragraphs(cell: _Cell) -> None:
    """Write two paragraphs into a cell, the second with a soft line break."""
    cell.paragraphs[0].text = "Strategy discussion with CSC."
    run = cell.add_paragraph().add_run("Mother present.")
    run.add_break()
    run.add_text("Child not seen.")


def tayside_docx(folder: Path) -> Path:
    """A Tayside-layout Word table after a details table."""
    document = docx.Document()
    details = document.add_table(rows=3, cols=2)
    _fill(details, [["Agency", "Tayside Health Visiting"], ["Completed by", "HV 1"],
                    ["Period covered", "2014 - 2016"]])
    document.add_paragraph("Chronology of significant events")
    table = document.add_table(rows=4, cols=5)
    _fill(table, [
        ["Date or Period of Event", "Significant Event", "Source", "Impact (positive or negative)",
         "Action taken"],
        ["March 2014 - June 2014", "Mother missed three appointments.", "HV records", "Negative",
         "Letter sent"],
        ["12/08/2014", "Baby seen at home, thriving.", "HV records", "Positive", "None"],
        ["", "Undated note: family moved address.", "HV records", "", ""],
    ])
    nested = table.cell(2, 1).add_table(rows=2, cols=2)
    _fill(nested, [["Weight", "9th centile"], ["Length", "25th centile"]])
    path = folder / "tayside.docx"
    document.save(str(path))
    return path


def plo_docx(folder: Path) -> Path:
    """A Public Law Outline social work chronology (serial, date, detail, reference)."""
    document = docx.Document()
    document.add_paragraph("Social work chronology")
    table = document.add_table(rows=3, cols=4)
    _fill(table, [
        ["Serial number", "Date", "Event detail", "Witness or document reference"],
        ["1", "01/02/2013", "Referral received from school.", "Referral form"],
        ["2", "05/02/2013", "Home visit; child seen alone.", "SW statement p3"],
    ])
    path = folder / "plo.docx"
    document.save(str(path))
    return path


def to_strict(source: Path, target: Path) -> Path:
    """Rewrite a Transitional .docx with the Strict OOXML namespaces."""
    replacements = {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main":
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument":
            b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            for before, after in replacements.items():
                data = data.replace(before, after)
            new.writestr(info.filename, data)
    return target


# --- Excel ----------------------------------------------------------------------

def police_workbook(folder: Path) -> Path:
    """A police workbook: guidance first sheet, title block, banner rows, hidden sheet.

    Sheet "Chronology": rows 1-4 title block, row 6 header, "2014" banner
    merged across, real date cells and text dates, a formula with a cached
    value, "2015" and "January 2015" banners, an empty row.
    """
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Guidance"
    guide.append(["How to complete this chronology"])
    guide.append(["Date", "Record the date of the event, not the date it was written up."])
    guide.append(["Details", "Say what happened and who was present."])
    sheet = book.create_sheet("Chronology")
    sheet.append(["Anytown Police"])
    sheet.append(["Chronology for: Child T"])
    sheet.append(["Author:", "DS 2, Public Protection Unit"])
    sheet.append(["Period covered:", "January 2014 to December 2015"])
    sheet.append([])
    sheet.append(["Date", "Time", "Officer Role", "Details of Incident / Contact",
                  "Action Taken / Outcome", "Source Document / Ref"])
    sheet.append(["2014"])
    sheet.merge_cells("A7:F7")
    sheet.append([datetime.date(2014, 3, 14), datetime.time(22, 40), "PC",
                  "Domestic incident reported by neighbour.", "PPN submitted", "STORM 123"])
    sheet.append(["17.03.14", "19.30", "PC", "Follow-up visit, no reply.", "Card left", "STORM 130"])
    sheet.append([datetime.datetime(2014, 6, 2, 9, 15), None, "DC", "Interview of partner.",
                  "No further action", None])
    sheet.append([])
    sheet.append(["2015"])
    sheet.merge_cells("A12:F12")
    sheet.append(["January 2015"])
    sheet.append(["w/c 12/01/15", None, "PCSO", "Welfare check at address.", "=1+1", "Niche 9"])
    sheet.append([None, None, "PC", "Report of shouting, date not recorded.", "Attended", None])
    hidden = book.create_sheet("Lookups")
    hidden.append(["Date", "Event"])
    hidden.append(["01/01/2010", "Should never be imported"])
    hidden.sheet_state = "hidden"
    path = folder / "police.xlsx"
    book.save(str(path))
    return _cache_formula(path, "Chronology", "2")


def _cache_formula(path: Path, sheet: str, value: str) -> Path:
    """Give the workbook's formula cells a cached value (as Excel would)."""
    del sheet
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<f>([^<]*)</f><v\s*/>|<f>([^<]*)</f><v></v>|<f>([^<]*)</f>",
                              lambda m: b"<f>" + (m.group(1) or m.group(2) or m.group(3) or b"")
                              + b"</f><v>" + value.encode() + b"</v>", data)
            new.writestr(info, data)
    shutil.move(tmp, path)
    return path


def school_workbook(folder: Path) -> Path:
    """A school's sheet with term dates and a 'Staff member (role)' column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pupil record"
    sheet.append(["St Mary's Primary School – safeguarding chronology"])
    sheet.append(["Date", "Year group", "Details", "Action taken", "Staff member (role)"])
    sheet.append(["Autumn term 2014", "Y2", "Attendance 82%; several late arrivals.", "Letter home",
                  "Attendance officer"])
    sheet.append(["w/c 3/3/14", "Y1", "Child said mummy was crying a lot.", "Logged on CPOMS", "DSL"])
    sheet.append(["Spring 2015", "Y2", "Child arrived hungry on several days.", "Breakfast club", "DSL"])
    sheet.append(["Summer term 2015"])
    sheet.append(["23rd June 2015", "Y2", "Bruise on arm noticed.", "Referral to MASH", "Class teacher"])
    path = folder / "school.xlsx"
    book.save(str(path))
    return path


def tayside_1904_workbook(folder: Path) -> Path:
    """A Tayside-layout workbook saved with the 1904 date system."""
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Chronology"
    sheet.append(["Date or Period of Event", "Significant Event", "Source", "Impact", "Action taken"])
    sheet.append([datetime.date(2021, 1, 1), "New birth visit.", "HV", "Positive", "None"])
    sheet.append([datetime.datetime(2021, 1, 2, 10, 10), "Telephone call to GP.", "HV", "", ""])
    path = folder / "tayside-1904.xlsx"
    book.save(str(path))
    return path


def big_workbook(path: Path, rows: int, seed: int = 1) -> Path:
    """A chronology workbook with ``rows`` entries (mixed real and text dates)."""
    rng = random.Random(seed)
    words = (
        "mother", "child", "visit", "school", "police", "health", "visitor", "reported", "concern",
        "bruising", "attended", "missed", "appointment", "referral", "strategy", "meeting",
    )
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(["Seq", "Date", "Time", "Source of Information", "Practitioner role", "Contact type",
                  "Details of contact", "Outcome / action", "Agency comment"])
    for index in range(rows):
        day = datetime.date(2014, 1, 1) + datetime.timedelta(days=index // 20)
        date: object = day if index % 2 else day.strftime("%d/%m/%Y")
        sheet.append([index + 1, date, "10:30", "Case record", "Social worker", "Home visit",
                      " ".join(rng.choices(words, k=30)), " ".join(rng.choices(words, k=8)), None])
    book.save(str(path))
    return path


def big_csv(path: Path, rows: int, seed: int = 1) -> Path:
    """A chronology CSV with ``rows`` entries."""
    rng = random.Random(seed)
    words = (
        "mother", "child", "visit", "school", "police", "reported", "concern", "attended",
        "missed", "referral",
    )
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("Seq,Date,Time,Source,Practitioner role,Contact type,Details,Outcome\n")
        for index in range(rows):
            day = datetime.date(2014, 1, 1) + datetime.timedelta(days=index // 20)
            text = " ".join(rng.choices(words, k=25))
            stream.write(f'{index + 1},{day:%d/%m/%Y},10:30,Case record,SW,Visit,"{text}",Noted\n')
    return path


def minimal_xlsx(path: Path, sheet_xml: bytes) -> Path:
    """Write a minimal .xlsx whose only sheet has the given XML."""
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
            b'"xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
            b'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id='
            b'"rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
            b'"worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def sheet_xml(rows: bytes, prolog: bytes = b"") -> bytes:
    """Wrap row XML in a worksheet document."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + prolog
        + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows + b"</sheetData></worksheet>"
    )


def inline_cell(ref: str, text: str) -> bytes:
    """Return one inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


# --- text -----------------------------------------------------------------------

def health_csv(folder: Path) -> Path:
    """A health CSV in Windows-1252 with "£", "’" and multi-line quoted cells."""
    text = (
        "Date of contact,Time,Staff member (role),Contact type,What happened,Outcome / Action\r\n"
        "02/04/2014,09:30,Health visitor,Home visit,\"Mother’s partner present.\r\n"
        "Baby seen and weighed.\",Review in 2 weeks\r\n"
        "15/04/2014,,Health visitor,Telephone,\"Mother said she owed £200 rent; \"\"worried\"\".\","
        "Signposted to housing\r\n"
        ",,,,,\r\n"
        "Jul-15,,GP,Surgery,Low mood discussed.,Referred to talking therapies\r\n"
    )
    path = folder / "health.csv"
    path.write_bytes(text.encode("cp1252"))
    return path


def month_first_csv(folder: Path) -> Path:
    """A case-system export with month-first dates and semicolons."""
    path = folder / "housing-export.csv"
    path.write_text(
        "Event date;Event type;Summary;Recorded by\n"
        "08/28/2014;Tenancy visit;Property in poor repair.;Housing officer\n"
        "09/15/2014;Letter;Rent arrears letter sent.;Income officer\n",
        encoding="utf-8-sig",
    )
    return path


# --- hostile --------------------------------------------------------------------

def truncated(source: Path, target: Path) -> Path:
    """Copy the first half of a file (a zip cut in half)."""
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """An .xlsx/.docx-named zip whose one part inflates to ``megabytes`` of spaces."""
    block = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            for _ in range(megabytes):
                stream.write(block)
    return path


def declared_bomb(path: Path, members: int = 60, declared: int = 9 * 1024 * 1024) -> Path:
    """A zip whose central directory declares ``members`` x ``declared`` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(members):
            archive.writestr(f"word/part{index}.bin", b"x")
    data = bytearray(path.read_bytes())
    position = 0
    while True:
        position = data.find(b"PK\x01\x02", position)
        if position < 0:
            break
        struct.pack_into("<I", data, position + 24, declared)
        position += 4
    path.write_bytes(bytes(data))
    return path


def xxe_docx(folder: Path, kind: str) -> Path:
    """A .docx whose document part declares an external entity or billion laughs."""
    source = plo_docx(folder)
    if kind == "xxe":
        dtd = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        entity = b"&xxe;"
    else:
        lol = b'<!ENTITY lol "lol">' + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        dtd = b"<!DOCTYPE w:document [" + lol + b"]>"
        entity = b"&lol9;"
    target = folder / f"{kind}.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b"?>" + dtd, 1).replace(b"Referral received", entity, 1)
            new.writestr(info.filename, data)
    return target


def xxe_xlsx(folder: Path) -> Path:
    """An .xlsx whose sheet declares a billion-laughs entity."""
    dtd = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    rows = b'<row r="1">' + inline_cell("A1", "Date") + inline_cell("B1", "Event") + b"</row>"
    rows += b'<row r="2">' + inline_cell("A2", "01/01/2014") + inline_cell("B2", "&b;") + b"</row>"
    return minimal_xlsx(folder / "laughs.xlsx", sheet_xml(rows, dtd))


def fake_encrypted(path: Path) -> Path:
    """An OLE2 container naming an "EncryptedPackage" stream (password-protected Office)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptedPackage".encode("utf-16-le") + b"\x00" * 96
    path.write_bytes(header + directory + b"\x00" * 1024)
    return path


def random_bytes(path: Path, size: int = 4096, seed: int = 7) -> Path:
    """Random bytes under any name."""
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def million_row_csv(path: Path, rows: int = 1_000_000) -> Path:
    """A CSV with ``rows`` short data rows."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("Date,Event\n")
        line = "01/01/2014,Contact\n"
        chunk = line * 10_000
        for _ in range(rows // 10_000):
            stream.write(chunk)
    return path


def million_row_xlsx(path: Path, rows: int = 1_000_000) -> Path:
    """A minimal .xlsx with ``rows`` one-cell rows, written directly as XML."""
    body = bytearray(b'<row r="1">' + inline_cell("A1", "Date") + inline_cell("B1", "Event") + b"</row>")
    for index in range(2, rows + 1):
        body += b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (index, index, index)
    return minimal_xlsx(path, sheet_xml(bytes(body)))


def far_cell_xlsx(path: Path) -> Path:
    """A tiny .xlsx with values in A1 and XFD1048576 (calamine would allocate 17G cells)."""
    rows = (b'<row r="1">' + inline_cell("A1", "Date") + inline_cell("B1", "Event") + b"</row>"
            b'<row r="1048576">' + inline_cell("XFD1048576", "far") + b"</row>")
    return minimal_xlsx(path, sheet_xml(rows))


def far_cell_ods(path: Path) -> Path:
    """A tiny .ods whose second value sits after 900,000 repeated empty rows."""
    source = sample("calamine/date.ods")
    with zipfile.ZipFile(source) as old:
        content = old.read("content.xml").decode()
        table = (
            '<table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type='
            '"string"><text:p>Date</text:p></table:table-cell><table:table-cell office:value-type='
            '"string"><text:p>Event</text:p></table:table-cell></table:table-row><table:table-row '
            'table:number-rows-repeated="900000"><table:table-cell table:number-columns-repeated='
            '"100"/></table:table-row><table:table-row><table:table-cell table:number-columns-'
            'repeated="99"/><table:table-cell office:value-type="string"><text:p>y</text:p>'
            "</table:table-cell></table:table-row></table:table>"
        )
        content = re.sub(r"<table:table .*</table:table>", table, content, flags=re.S)
        with zipfile.ZipFile(path, "w") as new:
            for info in old.infolist():
                data = content.encode() if info.filename == "content.xml" else old.read(info)
                method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
                new.writestr(info.filename, data, compress_type=method)
    return path


def huge_docx_table(folder: Path, rows: int = 200_001) -> Path:
    """A .docx whose one table has ``rows`` data rows (written directly as XML)."""
    source = plo_docx(folder)
    row = (b"<w:tr><w:tc><w:p><w:r><w:t>01/01/2014</w:t></w:r></w:p></w:tc>"
           b"<w:tc><w:p><w:r><w:t>Contact</w:t></w:r></w:p></w:tc></w:tr>")
    target = folder / "huge-table.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                end = data.index(b"</w:tbl>")
                data = data[:end] + row * rows + data[end:]
            new.writestr(info.filename, data)
    return target


_XML_INSERTS = (
    b"<", b"</w:tc>", b"<w:tc>", b'<row r="99999999">', b' r="ZZZZ9"', b"&amp",
    b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>', b'table:number-rows-repeated="99999999" ',
)


def mutated_files(folder: Path, sources: list[Path], count: int, seed: int) -> list[Path]:
    """Damaged copies of valid files: bytes flipped, cut, or XML parts broken inside the zip."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        source = rng.choice(sources)
        target = folder / f"mutant{index}{source.suffix}"
        if zipfile.is_zipfile(source) and rng.random() < 0.5:
            _break_xml_part(source, target, rng)
        else:
            data = bytearray(source.read_bytes())
            for _ in range(rng.randrange(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            if rng.random() < 0.3:
                data = data[: rng.randrange(len(data))]
            target.write_bytes(bytes(data))
        made.append(target)
    return made


def _break_xml_part(source: Path, target: Path, rng: random.Random) -> None:
    """Copy a zip container with one XML part damaged."""
    with zipfile.ZipFile(source) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    name = rng.choice([n for n in parts if n.endswith((".xml", ".rels"))])
    data = bytearray(parts[name])
    for _ in range(rng.randrange(1, 8)):
        at = rng.randrange(len(data))
        if rng.random() < 0.5:
            del data[at : at + rng.randrange(1, 50)]
        else:
            data[at:at] = rng.choice(_XML_INSERTS)
    parts[name] = bytes(data)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for part, content in parts.items():
            new.writestr(part, content)
