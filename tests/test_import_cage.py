"""Every submission is read in a child process with hard limits (issue 16, defects 6 to 8).

Hostile inputs are built here: far cells written with single quotes or tabs
(which slipped past the size pre-check and made calamine ask for 512 GB), and
readers that blow up, abort, loop or hand back too much. Each becomes one clear
message naming the limit, and this process (the window) lives on.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from scrchron.importers import SubmissionError, cage, limits, list_tables, parse_submission
from scrchron.importers.model import ImportCancelled
from tests.helpers_kill import record_figure

pytestmark = pytest.mark.skipif(not cage.available(), reason="the cage needs fork (POSIX)")


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


HOSTILE = {
    "far-cell-single-quotes.xlsx": b"r='XFD1048576'",
    "far-cell-tabs.xlsx": b'r\t=\t"XFD1048576"',
    "far-cell-newline.xlsx": b'r\n=\n"XFD1048576"',
}


_SEEN: dict[str, tuple[float, int]] = {}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_far_cell_spelt_oddly_is_refused_within_the_memory_limit(tmp_path: Path, name: str,
                                                                  request: pytest.FixtureRequest) -> None:
    path = far_cell_xlsx(tmp_path / name, HOSTILE[name])
    started = time.perf_counter()
    with pytest.raises(SubmissionError) as caught:
        parse_submission(path)
    with pytest.raises(SubmissionError):
        list_tables(path)
    message = str(caught.value)
    assert f"'{name}'" in message and "\n" not in message
    assert "1 GB" in message or "rows" in message or "columns" in message or "cells" in message
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert peak < limits.CAGE_MEMORY_BYTES + 512 * limits.MB
    _SEEN[name] = (time.perf_counter() - started, peak)
    slowest = max(_SEEN.items(), key=lambda item: item[1][0])
    record_figure(request.config, "Caged reads of hostile far-cell workbooks refused cleanly",
                  f"{len(_SEEN)} of {len(_SEEN)}; peak memory of any child {peak // limits.MB} MB "
                  f"(limit {cage.memory_limit_text()} above its start); slowest {slowest[1][0]:.2f} s "
                  f"({slowest[0]})")


def _blow_up() -> bytes:
    return bytearray(4 * limits.CAGE_MEMORY_BYTES)  # more than the limit allows


def test_a_reader_that_asks_for_too_much_memory_is_stopped_at_1_gb() -> None:
    with pytest.raises(SubmissionError, match=r"it asked for more than 1 GB of memory"):
        cage.run_caged("big.xls", _blow_up)


def test_a_native_abort_becomes_a_message_and_this_process_lives_on() -> None:
    expected = r"'cyclic.xls' could not be read safely: the reader stopped abruptly \(SIGABRT\)"
    with pytest.raises(SubmissionError, match=expected):
        cage.run_caged("cyclic.xls", os.abort)
    assert cage.run_caged("fine.csv", lambda: 42) == 42


def test_a_native_allocation_failure_names_the_memory_limit() -> None:
    def rust_like() -> None:
        os.write(2, b"memory allocation of 549755813888 bytes failed\n")
        os.abort()

    with pytest.raises(SubmissionError, match="more than 1 GB of memory"):
        cage.run_caged("huge.xlsx", rust_like)


def test_a_reader_that_loops_is_stopped_by_the_processor_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "CAGE_CPU_SECONDS", 1)

    def loop() -> None:
        while True:
            pass

    with pytest.raises(SubmissionError, match="more than 1 seconds of processing"):
        cage.run_caged("loop.xls", loop)


def test_a_reader_that_hangs_is_stopped_by_the_wall_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "CAGE_WALL_SECONDS", 1)
    with pytest.raises(SubmissionError, match="took more than 1 seconds"):
        cage.run_caged("hang.docx", lambda: time.sleep(30))


def test_a_reader_that_hands_back_too_much_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "CAGE_OUTPUT_BYTES", 1024)
    with pytest.raises(SubmissionError, match="of table data; the limit is"):
        cage.run_caged("wide.csv", lambda: "x" * 10_000)


def test_the_readers_own_message_comes_back_unchanged() -> None:
    def refuse() -> None:
        raise SubmissionError("'x.docx' contains no table.")

    with pytest.raises(SubmissionError, match=r"^'x.docx' contains no table\.$"):
        cage.run_caged("x.docx", refuse)


def test_cancel_stops_the_child() -> None:
    started = time.perf_counter()
    with pytest.raises(ImportCancelled):
        cage.run_caged("slow.xlsx", lambda: time.sleep(30), cancelled=lambda: time.perf_counter() - started > 0.3)


def test_a_python_bug_in_a_reader_is_a_message_not_a_dead_window() -> None:
    with pytest.raises(SubmissionError, match=r"the reader failed \(ZeroDivisionError"):
        cage.run_caged("bug.csv", lambda: 1 // 0)
    assert sys.exc_info() == (None, None, None)


# -- defect 7: many sheets --------------------------------------------------------------------


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


def test_a_workbook_of_thousands_of_sheets_is_refused_naming_the_limit(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    path = many_sheets_xlsx(tmp_path / "sheets.xlsx", 9_990)
    started = time.perf_counter()
    with pytest.raises(SubmissionError, match=r"'sheets.xlsx' has 9,990 worksheets; the limit is 250"):
        parse_submission(path)
    record_figure(request.config, "9,990-sheet workbook refused in", f"{time.perf_counter() - started:.2f} s")


def test_the_workbook_archive_is_opened_once_for_all_its_sheets(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from scrchron.importers import sheet_reader

    opened: list[str] = []

    class Counting(zipfile.ZipFile):
        def __init__(self, *args: object, **kwargs: object) -> None:
            opened.append(str(args[0]))
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    path = many_sheets_xlsx(tmp_path / "sheets.xlsx", 40)
    monkeypatch.setattr(sheet_reader.zipfile, "ZipFile", Counting)
    read = sheet_reader.read_workbook(path, "xlsx", lambda _name, _hidden: True)
    assert len(read.tables) == 40 and len(opened) == 1
