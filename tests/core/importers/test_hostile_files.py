"""Hostile and broken submissions, imported through the command line.

Every file is generated here (in a temporary folder; nothing large is kept in
the repository) and imported with ``scrchron import CASE FILE --agency X`` in a
child process forked from a warm Python (tests/helpers_kill.py ``serve``), so
that each file's own time and peak memory can be measured. Each must give one
clear message (exit status 1, no traceback) within 1 GB (and 30 seconds: the slowest time is
a recorded figure, the issue's bound 10 seconds), and
leave the case file byte for byte as it was. One file also goes through
``python -m scrchron`` from scratch, to show the real entry point behaves the same.
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers_kill import Run, Server, record_figure
from hostile_inputs import cyclic_xls, far_cell_xls, far_cell_xlsx, many_sheets_xlsx, unclosed_quote_csv

from scrchron.records.case_records import Review
from scrchron.store.case import Case

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fork server is POSIX")

SECONDS = 10.0
MEMORY_MB = 1024.0
EXTENSIONS = (".docx", ".docm", ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt", ".doc", ".odt")
MB = 1024 * 1024

_MEASURED: dict[str, Run] = {}
Builder = Callable[[Path], Path]

# -- building blocks ---------------------------------------------------------------

SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT = {
    SML: "http://purl.oclc.org/ooxml/spreadsheetml/main",
    WML: "http://purl.oclc.org/ooxml/wordprocessingml/main",
    REL: "http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def _zip(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else method)
    return path


def _strict(parts: dict[str, bytes]) -> dict[str, bytes]:
    changed = {}
    for name, data in parts.items():
        for old, new in STRICT.items():
            data = data.replace(old.encode(), new.encode())
        changed[name] = data
    return changed


def xlsx_parts(rows: bytes, prolog: bytes = b"") -> dict[str, bytes]:
    """A minimal workbook whose one sheet holds ``rows`` (``<row>`` elements)."""
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
            b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SML}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="Chronology" sheetId="1" r:id="rId1"/></sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>').encode(),
        "xl/worksheets/sheet1.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + f'<worksheet xmlns="{SML}"><sheetData>'.encode()
            + rows + b"</sheetData></worksheet>"),
    }


def cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def chronology_rows(count: int = 3) -> bytes:
    rows = [b'<row r="1">' + cell("A1", "Date") + cell("B1", "Event") + b"</row>"]
    for number in range(2, count + 2):
        rows.append(f'<row r="{number}">'.encode() + cell(f"A{number}", f"0{number}/03/2015")
                    + cell(f"B{number}", f"Home visit {number}") + b"</row>")
    return b"".join(rows)


def docx_parts(body: bytes, prolog: bytes = b"") -> dict[str, bytes]:
    """A minimal Word document with ``body`` inside ``<w:body>``."""
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            b'"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>').encode(),
        "word/document.xml": (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
            + f'<w:document xmlns:w="{WML}"><w:body>'.encode() + body + b"</w:body></w:document>"),
    }


def word_table(rows: list[list[str]]) -> bytes:
    def tc(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    return ("<w:tbl>" + "".join("<w:tr>" + "".join(tc(t) for t in row) + "</w:tr>" for row in rows)
            + "</w:tbl>").encode()


CHRONOLOGY_TABLE = [["Date", "Event"], ["01/03/2015", "Home visit"], ["02/03/2015", "Strategy meeting"]]


def ods_parts(table: bytes, prolog: bytes = b"") -> dict[str, bytes]:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    return {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
            b'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:'
            b'media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            b'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
        "content.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?>' + prolog
            + f'<office:document-content xmlns:office="{office}" xmlns:table="urn:oasis:names:tc:'
              'opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'office:version="1.2"><office:body><office:spreadsheet>'.encode()
            + table + b"</office:spreadsheet></office:body></office:document-content>"),
    }


def ods_table(rows: list[list[str]]) -> bytes:
    def tc(text: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    return ('<table:table table:name="Sheet1">' + "".join(
        "<table:table-row>" + "".join(tc(t) for t in row) + "</table:table-row>" for row in rows)
        + "</table:table>").encode()


def ole_encrypted() -> bytes:
    """The start of an OLE2 compound file naming an EncryptedPackage stream (a password)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00") + struct.pack("<H", 34)
    return header + entry.ljust(128, b"\x00") + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2048


def bomb(parts: dict[str, bytes], name: str, megabytes: int) -> Builder:
    """A zip whose part ``name`` is ``megabytes`` of zeros (compresses about 1000 times)."""
    return lambda path: _zip(path, parts | {name: bytes(megabytes * MB)})


def lying_zip(path: Path, parts: dict[str, bytes], name: str, real_mb: int) -> Path:
    """A zip whose part ``name`` declares 1 KB but inflates to ``real_mb`` MB."""
    _zip(path, parts | {name: b" " * (real_mb * MB)})
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    # (signature, offset of the uncompressed size, offset of the name): local and central headers
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        position = data.find(signature)
        while position >= 0:
            if data[position + name_at:position + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, position + size_at, 1024)
            position = data.find(signature, position + 4)
    path.write_bytes(bytes(data))
    return path


def billion_laughs(root: str) -> bytes:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    return b"<!DOCTYPE " + root.encode() + b" [" + entities + b"]>"


EXTERNAL_ENTITY = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@functools.cache
def giant_text(megabytes: int) -> str:
    """Hex digits that compress only 2:1 (so that no zip-bomb guard is what stops them)."""
    return os.urandom(megabytes * MB // 2).hex()


def million_row_xlsx(path: Path, rows: int = 1_000_000) -> Path:
    """A workbook with a header and ``rows`` dated rows, its sheet XML written directly."""
    template = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>01/03/2015</t></is></c></row>'
    body = b"".join(template % (n, n) for n in range(2, rows + 2))
    parts = xlsx_parts(b'<row r="1">' + cell("A1", "Date") + cell("B1", "Event") + b"</row>" + body)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def million_row_csv(path: Path, rows: int = 1_000_000) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("Date,Event\n")
        chunk = "01/03/2015,Contact\n" * 10_000
        for _ in range(rows // 10_000):
            stream.write(chunk)
    return path


# -- the corpus ---------------------------------------------------------------------


def _write(data: bytes) -> Builder:
    def build(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return build


def _zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Builder:
    return lambda path: _zip(path, parts, method)


def _truncated(parts: dict[str, bytes]) -> Builder:
    def build(path: Path) -> Path:
        _zip(path, parts)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])
        return path

    return build


def _giant_cell_csv(path: Path) -> Path:
    path.write_text('Date,Event\n01/03/2015,"' + giant_text(50) + '"\n', encoding="ascii")
    return path


def _giant_cell_xlsx(path: Path) -> Path:
    rows = (b'<row r="1">' + cell("A1", "Date") + cell("B1", "Event") + b'</row><row r="2">'
            + cell("A2", "01/03/2015") + cell("B2", giant_text(50)) + b"</row>")
    return _zip(path, xlsx_parts(rows), zipfile.ZIP_STORED)


def _giant_cell_docx(path: Path) -> Path:
    table = word_table([["Date", "Event"], ["01/03/2015", giant_text(50)]])
    return _zip(path, docx_parts(table), zipfile.ZIP_STORED)


def _nul_csv(path: Path) -> Path:
    lines = [f"0{1 + i % 9}/03/2015,Home visit {i}" for i in range(5000)]  # NULs past the first 64 KB
    path.write_bytes(("Date,Event\n" + "\n".join(lines) + "\n").encode() + b"02/03/2015,Vis\x00it\x00\n")
    return path


def _mixed_encoding_csv(path: Path) -> Path:
    utf8 = "01/03/2015,Visit to Zoë and Chloé; café meeting\n".encode()
    cp1252 = "02/03/2015,Visit to Zoë – Chloé’s nursery\n".encode("cp1252")
    path.write_bytes(b"Date,Event\n" + utf8 * 50 + cp1252 * 50)
    return path


def _deep_docx(path: Path) -> Path:
    deep = b"<w:sdt><w:sdtContent>" * 5000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 5000
    return _zip(path, docx_parts(deep + word_table(CHRONOLOGY_TABLE)))


def _far_cell_xlsx(path: Path) -> Path:
    rows = (b'<row r="1">' + cell("A1", "Date") + cell("B1", "Event") + b"</row>"
            + b'<row r="1048576">' + cell("XFD1048576", "far away") + b"</row>")
    return _zip(path, xlsx_parts(rows))


def _wide_csv(path: Path) -> Path:
    path.write_text(",".join(f"Column {i}" for i in range(20_000)) + "\n", encoding="utf-8")
    return path


@functools.cache
def corpus() -> dict[str, Builder]:
    """File name -> builder, for every hostile or broken file."""
    files: dict[str, Builder] = {}
    noise = random.Random(7)
    for suffix in EXTENSIONS:
        files[f"empty{suffix}"] = _write(b"")
        files[f"random{suffix}"] = _write(noise.randbytes(8192))
    files |= {
        "truncated.xlsx": _truncated(xlsx_parts(chronology_rows(400))),
        "truncated.docx": _truncated(docx_parts(word_table(CHRONOLOGY_TABLE * 100))),
        "truncated.ods": _truncated(ods_parts(ods_table(CHRONOLOGY_TABLE * 100))),
        "zip-bomb.xlsx": bomb(xlsx_parts(chronology_rows()), "xl/worksheets/sheet1.xml", 64),
        "zip-bomb.docx": bomb(docx_parts(b""), "word/media/image1.png", 64),
        "zip-bomb.ods": bomb(ods_parts(ods_table(CHRONOLOGY_TABLE)), "content.xml", 64),
        "lying-sizes.docx": lambda p: lying_zip(p, docx_parts(word_table(CHRONOLOGY_TABLE)),
                                                "word/document.xml", 64),
        "external-entity.docx": _zipped(docx_parts(word_table([["Date", "Event"], ["01/03/2015", "&xxe;"]]),
                                                   EXTERNAL_ENTITY)),
        "billion-laughs.xlsx": _zipped(xlsx_parts(chronology_rows().replace(b"Home visit 2", b"&lol9;"),
                                                  billion_laughs("worksheet"))),
        "billion-laughs.docx": _zipped(docx_parts(word_table([["Date", "Event"], ["01/03/2015", "&lol9;"]]),
                                                  billion_laughs("w:document"))),
        "billion-laughs.ods": _zipped(ods_parts(ods_table([["Date", "Event"], ["01/03/2015", "&lol9;"]]),
                                                billion_laughs("office:document-content"))),
        "password.xlsx": _write(ole_encrypted()),
        "password.docx": _write(ole_encrypted()),
        "password.xls": _write(ole_encrypted()),
        "password.doc": _write(ole_encrypted()),
        "giant-cell.csv": _giant_cell_csv,
        "giant-cell.xlsx": _giant_cell_xlsx,
        "giant-cell.docx": _giant_cell_docx,
        "million-rows.csv": million_row_csv,
        "million-rows.xlsx": million_row_xlsx,
        "far-cell.xlsx": _far_cell_xlsx,
        "wide.csv": _wide_csv,
        "deep-nesting.docx": _deep_docx,
        "nul-bytes.csv": _nul_csv,
        "nul-start.csv": _write(b"Date,Event\n\x00\x00\x0001/03/2015,Visit\n" * 10),
    }
    return files | issue_16()


def issue_16() -> dict[str, Builder]:
    """The hostile inputs of issue 16 (round two)."""
    return {
        "cyclic-sectors.xls": cyclic_xls,
        "cell-at-IV65536.xls": far_cell_xls,
        "far-cell-single-quotes.xlsx": lambda p: far_cell_xlsx(p, b"r='XFD1048576'"),
        "far-cell-tabs.xlsx": lambda p: far_cell_xlsx(p, b'r\t=\t"XFD1048576"'),
        "far-cell-ALL150000.xlsx": lambda p: far_cell_xlsx(p, b'r="ALL150000"'),
        "9990-sheets.xlsx": lambda p: many_sheets_xlsx(p, 9_990),
        "unclosed-quote.csv": unclosed_quote_csv,
        "20-mb-of-commas.csv": _write(b"Date,Event\n" + b"," * (20 * MB)),
        "200000-cell-word-row.docx": _wide_word_row,
        "nested-word-tables.docx": _nested_word_tables,
    }


def _wide_word_row(path: Path) -> Path:
    """A Word table whose second row has 200,000 cells (compresses to a few hundred KB)."""
    cells = b"<w:tc><w:p/></w:tc>" * 200_000
    table = word_table(CHRONOLOGY_TABLE).replace(b"</w:tbl>", b"<w:tr>" + cells + b"</w:tr></w:tbl>")
    return _zip(path, docx_parts(table))


def _nested_word_tables(path: Path) -> Path:
    """Tables inside table cells, 40 deep and 3 wide at each level: a small file, a vast tree."""
    inner = word_table(CHRONOLOGY_TABLE)
    for _ in range(40):
        cell = b"<w:tc>" + inner + b"<w:p/></w:tc>"
        inner = b"<w:tbl><w:tr>" + cell * 3 + b"</w:tr></w:tbl>"
        if len(inner) > 40 * MB:
            break
    return _zip(path, docx_parts(inner))


# Files a careful importer may read (they are well-formed), or must refuse clearly.
MAY_BE_READ = {
    "strict.xlsx": (_zipped(_strict(xlsx_parts(chronology_rows()))), 3),
    "strict.docx": (_zipped(_strict(docx_parts(word_table(CHRONOLOGY_TABLE)))), 2),
}

# name -> reason, for files the importer accepts or mishandles: reported to its owner and
# marked xfail(strict=True) until fixed (the day one passes, its mark must go). Empty now:
# giant-cell.xlsx (stored whole), nul-bytes.csv (NULs stored) and mixed encodings (read
# garbled without a word) were found here and fixed in the importer.
KNOWN_WEAKNESSES: dict[str, str] = {}

MIXED = {"mixed-encodings.csv": _mixed_encoding_csv}

# -- running them ---------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    started = Server(tmp_path_factory.mktemp("logs"))
    yield started
    started.close()


@pytest.fixture(scope="module")
def template_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("case") / "Child H.scrchron"
    with Case.create(path, Review("Child H", "cspr")) as case:
        case.add_agency("Police")
    return path


@pytest.fixture
def case_path(template_case: Path, tmp_path: Path) -> Path:
    """A fresh copy of the case for each file (an accepted file must not weigh on the next)."""
    path = tmp_path / "case" / template_case.name
    path.parent.mkdir()
    shutil.copyfile(template_case, path)
    return path


@pytest.fixture(scope="module", autouse=True)
def _figures(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    hostile = [run for name, run in _MEASURED.items() if name in corpus()]
    others = {name: run.code for name, run in _MEASURED.items() if name not in corpus()}
    if _MEASURED:
        worst = max(_MEASURED.items(), key=lambda item: item[1].max_rss_mb)
        slowest = max(_MEASURED.items(), key=lambda item: item[1].seconds)
        record_figure(request.config, "Hostile files refused with a clear message",
                      f"{sum(run.code == 1 for run in hostile)} of {len(hostile)}; well-formed oddities "
                      f"(exit status): {others}")
        record_figure(request.config, "Largest memory on a hostile file (peak RSS of the child, "
                      "incl. ~the warm interpreter)", f"{worst[1].max_rss_mb:.0f} MB ({worst[0]})")
        record_figure(request.config, "Slowest hostile file", f"{slowest[1].seconds:.2f} s ({slowest[0]})")


def snapshot(case_path: Path) -> tuple[str, list[str]]:
    """The case file's bytes (hashed) and what lies beside it."""
    return hashlib.sha256(case_path.read_bytes()).hexdigest(), sorted(p.name for p in case_path.parent.iterdir())


def import_through_cli(server: Server, case_path: Path, path: Path) -> Run:
    # the bound on time is the child's limit (killed after it, so the exit status fails below):
    # generous, so a loaded machine does not fail the test; the time taken is a recorded figure
    run = server.run("import", str(case_path), str(path), "Police", limit=SECONDS * 3)
    _MEASURED[path.name] = run
    assert run.code != -9, f"{path.name} was still running after {SECONDS * 3:.0f} s"
    assert run.max_rss_mb < MEMORY_MB, f"{path.name} used {run.max_rss_mb:.0f} MB"
    assert "Traceback" not in run.output, run.output[-3000:]
    return run


def assert_refused(run: Run, name: str) -> None:
    assert run.code == 1, f"{name}: exit {run.code}\n{run.output[-2000:]}"
    lines = [line for line in run.output.splitlines() if not line.startswith("PHASE ")]
    assert 1 <= len(lines) <= 2 and lines[0].startswith("scrchron: "), run.output[-2000:]


def _cases() -> list[object]:
    marks: list[object] = []
    for name in corpus():
        if name in KNOWN_WEAKNESSES:
            marks.append(pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_WEAKNESSES[name])))
        else:
            marks.append(name)
    return marks


@pytest.mark.parametrize("name", _cases())
def test_hostile_file_is_refused_clearly_fast_and_changes_nothing(
    server: Server, case_path: Path, folder: Path, name: str
) -> None:
    path = corpus()[name](folder / name)
    before = snapshot(case_path)
    run = import_through_cli(server, case_path, path)
    assert_refused(run, name)
    assert snapshot(case_path) == before
    path.unlink()


@pytest.mark.parametrize("name", sorted(MAY_BE_READ))
def test_well_formed_oddity_is_read_or_refused_clearly(
    server: Server, case_path: Path, folder: Path, name: str
) -> None:
    build, rows = MAY_BE_READ[name]
    path = build(folder / name)
    before = snapshot(case_path)
    with Case.open(case_path, read_only=True) as case:
        entries = case.count("entries")
    run = import_through_cli(server, case_path, path)
    if run.code == 1:
        assert_refused(run, name)
        assert snapshot(case_path) == before
        return
    assert run.code == 0, run.output[-2000:]
    with Case.open(case_path, read_only=True) as case:
        assert case.count("entries") == entries + rows


def test_mixed_encodings_are_refused_or_flagged(server: Server, case_path: Path, folder: Path) -> None:
    path = MIXED["mixed-encodings.csv"](folder / "mixed-encodings.csv")
    before = snapshot(case_path)
    run = import_through_cli(server, case_path, path)
    if run.code == 1:
        assert_refused(run, path.name)
        assert snapshot(case_path) == before
        return
    notes = [line for line in run.output.splitlines() if line.strip().startswith("Note:")]
    assert any("encod" in line or "characters" in line for line in notes), run.output


def test_the_real_entry_point_refuses_the_same_way(case_path: Path, folder: Path) -> None:
    path = _write(random.Random(3).randbytes(4096))(folder / "from-scratch.xlsx")
    before = snapshot(case_path)
    done = subprocess.run([sys.executable, "-m", "scrchron", "import", str(case_path), str(path),
                           "--agency", "Police"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and done.stderr.startswith("scrchron: ") and "Traceback" not in done.stderr
    assert done.stdout == "" and snapshot(case_path) == before
