"""Every submission is read in a child process with hard limits (issue 16, defects 6 to 8).

Hostile inputs are built here: far cells written with single quotes or tabs
(which slipped past the size pre-check and made calamine ask for 512 GB), and
readers that blow up, abort, loop or hand back too much. Each becomes one clear
message naming the limit, and this process (the window) lives on.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from scrchron.importers import SubmissionError, cage, limits, list_tables
from scrchron.importers.parsed import ImportCancelled
from tests.cage_figures import refused
from tests.hostile_inputs import cyclic_xls, far_cell_xls, far_cell_xlsx, many_sheets_xlsx, small_xls

pytestmark = pytest.mark.skipif(not cage.available(), reason="the cage needs fork (POSIX)")


HOSTILE = {
    "far-cell-single-quotes.xlsx": b"r='XFD1048576'",
    "far-cell-tabs.xlsx": b'r\t=\t"XFD1048576"',
    "far-cell-newline.xlsx": b'r\n=\n"XFD1048576"',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_far_cell_spelt_oddly_is_refused_within_the_memory_limit(tmp_path: Path, name: str,
                                                                  request: pytest.FixtureRequest) -> None:
    path = far_cell_xlsx(tmp_path / name, HOSTILE[name])
    message = refused(path, "1 GB|rows|columns|cells", request)
    assert f"'{name}'" in message
    with pytest.raises(SubmissionError):
        list_tables(path)
    assert cage.LAST[0].peak_bytes < limits.CAGE_MEMORY_BYTES + 512 * limits.MB


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


def test_a_workbook_of_thousands_of_sheets_is_refused_naming_the_limit(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    path = many_sheets_xlsx(tmp_path / "sheets.xlsx", 9_990)
    refused(path, r"'sheets.xlsx' has 9,990 worksheets; the limit is 250", request)


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


# -- defect 6: old-format workbooks that blow up the native reader ------------------------------


@pytest.mark.parametrize("build", [cyclic_xls, far_cell_xls], ids=["cyclic-sector-chain", "cell-at-IV65536"])
def test_an_xls_that_blows_up_the_native_reader_is_refused_naming_1_gb(
        tmp_path: Path, build: Callable[[Path], Path], request: pytest.FixtureRequest) -> None:
    path = build(tmp_path / f"{build.__name__}.xls")
    assert path.stat().st_size < 8_000
    refused(path, r"could not be read safely: it asked for more than 1 GB of memory", request)
    assert cage.LAST[0].status == "limit"


def test_a_sound_xls_is_still_read(tmp_path: Path) -> None:
    from scrchron.importers import sheet_reader

    read = sheet_reader.read_workbook(small_xls(tmp_path / "ok.xls"), "xls", lambda _n, _h: True)
    assert read.tables[0].rows == [[1, None], [None, 2]]
