"""The quick PDF read gives pdfplumber's own tables, and its page workers keep the cage's limits.

importers.pdf_pages trims the characters and fills the cells by position; the
tables it gives must be exactly ``page.extract_tables()`` (and, without a table,
``page.extract_text()``). In the cage a PDF's pages are shared between two forked
workers (importers.workers): the result, and the first refusal in page order, must
be those of reading page after page; each worker has a share of the memory and
processor time, and dies with the cage's child.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdf_files import PdfPage, table_pages, write_pdf

from scrchron.importers import SubmissionError, cage, limits, parse_submission, pdf_reader, workers
from scrchron.importers.parsed import ImportCancelled
from scrchron.importers.pdf_pages import read_page

try:
    CORES = len(os.sched_getaffinity(0))
except AttributeError:  # pragma: no cover - not Linux
    CORES = 1
needs_workers = pytest.mark.skipif(not cage.available() or CORES < 2,
                                   reason="page workers run in the cage on a machine with two cores")


def _visit_rows(count: int) -> list[list[str]]:
    return [[f"{n % 28 + 1:02d}/03/2019", f"Home visit {n}: the child (Child R) was seen in the kitchen", "HV"]
            for n in range(count)]


def _mixed_pdf(folder: Path) -> Path:
    """A narrative cover page, a table over three pages, a page of lines after it."""
    pages = [PdfPage(lines=["Health visiting chronology for Child R", "Prepared by the named nurse"])]
    pages += table_pages(_visit_rows(75), header=["Date", "Event", "By"])
    pages.append(PdfPage(lines=["14/04/2019 Closing summary sent to the GP.", "End of chronology"]))
    return write_pdf(folder / "health-visiting.pdf", pages)


def _as_pdfplumber_reads(path: Path) -> list[tuple[Any, ...]]:
    read = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables = page.extract_tables()
            read.append((tables, "".join(char["text"] for char in page.chars),
                         None if tables else (page.extract_text() or "").splitlines()))
            page.close()
    return read


def _as_we_read(path: Path) -> list[tuple[Any, ...]]:
    with pdfplumber.open(path) as pdf:
        found = [read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    return [(page.tables, page.text, page.lines) for page in found]


def test_each_page_gives_what_pdfplumber_gives(tmp_path: Path) -> None:
    path = _mixed_pdf(tmp_path)
    read = _as_we_read(path)
    assert read == _as_pdfplumber_reads(path)
    assert [len(tables) for tables, _, _ in read] == [0, 1, 1, 1, 0]
    assert read[0][2] == ["Health visiting chronology for Child R", "Prepared by the named nurse"]


def test_libreoffice_pdfs_give_what_pdfplumber_gives(tmp_path: Path) -> None:
    """A Word table printed by LibreOffice: merged header cell, a cell split over a page break."""
    pytest.importorskip("docx")
    from test_importers_pdf import SOFFICE, table_docx, to_pdf

    if SOFFICE is None:
        pytest.skip("LibreOffice makes the PDF")
    to_pdf(tmp_path, table_docx(tmp_path), _merged_docx(tmp_path))
    for name in ("gp-record-summary.pdf", "merged.pdf"):
        assert _as_we_read(tmp_path / name) == _as_pdfplumber_reads(tmp_path / name), name


def _merged_docx(folder: Path) -> Path:
    import docx

    document = docx.Document()
    table = document.add_table(rows=30, cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Date"
    table.cell(0, 2).text, table.cell(0, 3).text = "Event", "Worker"
    for row in range(1, 30):
        table.cell(row, 0).text, table.cell(row, 1).text = f"{row}/05/2020", "10:00"
        table.cell(row, 2).text = "The family was seen at home; " * (row % 9 + 1)
        table.cell(row, 3).text = "SW" if row % 3 else ""
    path = folder / "merged.docx"
    document.save(str(path))
    return path


@needs_workers
def test_two_workers_read_half_the_pages_each_and_the_tables_are_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _mixed_pdf(tmp_path)
    seen = tmp_path / "workers.txt"
    original = pdf_reader._read_span

    def recorded(pdf: Path, first: int, last: int) -> Any:
        with seen.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {first} {last}\n")
        return original(pdf, first, last)

    monkeypatch.setattr(pdf_reader, "_read_span", recorded)
    caged = cage.run_caged(path.name, lambda: pdf_reader.read_pdf(path))
    runs = [line.split() for line in seen.read_text(encoding="utf-8").splitlines()]
    assert sorted((first, last) for _, first, last in runs) == [("1", "3"), ("4", "5")]
    assert len({pid for pid, _, _ in runs}) == 2 and str(os.getpid()) not in {pid for pid, _, _ in runs}
    seen.unlink()
    in_turn = pdf_reader.read_pdf(path)  # outside the cage: one page after another, here
    assert seen.read_text(encoding="utf-8").split() == [str(os.getpid()), "1", "5"]
    assert [(t.name, t.rows, t.row_numbers, t.pages) for t in caged] == [
        (t.name, t.rows, t.row_numbers, t.pages) for t in in_turn]
    (table,) = caged
    assert len(table.rows) == 76 and table.pages[-1] == 4  # the header once, the rows of three pages


def test_the_import_reads_the_table_over_pages_with_its_pages_named(tmp_path: Path) -> None:
    parsed = parse_submission(_mixed_pdf(tmp_path))
    assert parsed.mapping["event"] == "Event" and len(parsed.rows) == 75
    assert parsed.rows[0].origin == "Table 1 row 2 (page 2)"
    assert parsed.rows[-1].origin.endswith("(page 4)")


@needs_workers
def test_the_first_refusal_in_page_order_is_given(tmp_path: Path) -> None:
    """Pages 3 and 7 of 8 are garbled: each worker meets one; page 3's is the message."""
    pages = [PdfPage(lines=[f"{n + 1} March 2019: home visit by the social worker; the child was seen."] * 6,
                     garbled=n in (2, 6)) for n in range(8)]
    path = write_pdf(tmp_path / "garbled.pdf", pages)
    with pytest.raises(SubmissionError, match="the text of page 3 cannot be read"):
        parse_submission(path)


def _hog() -> int:
    block = bytearray(700 * limits.MB)  # more than half the cage's memory, less than all of it
    return len(block)


@needs_workers
def test_a_worker_has_its_share_of_the_memory() -> None:
    alone = cage.run_caged("one.pdf", _hog)  # one reader may take 700 MB of the 1 GB
    assert alone == 700 * limits.MB
    with pytest.raises(SubmissionError, match=r"could not be read safely: it asked for more than 1 GB of memory"):
        cage.run_caged("two.pdf", lambda: workers.run_each("two.pdf", [_hog, lambda: 1]))


def _spin() -> None:
    while True:
        pass


@needs_workers
def test_a_worker_has_its_share_of_the_processor_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "CAGE_CPU_SECONDS", 2)
    with pytest.raises(SubmissionError, match="it needed more than 2 seconds of processing"):
        cage.run_caged("spin.pdf", lambda: workers.run_each("spin.pdf", [_spin, lambda: 1]))


def _pid_then_sleep(folder: Path, n: int) -> None:
    (folder / f"{n}.pid").write_text(str(os.getpid()), encoding="ascii")
    time.sleep(60)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # ended, not yet reaped by init
    except FileNotFoundError:
        return True


@needs_workers
def test_workers_stop_when_the_import_is_cancelled(tmp_path: Path) -> None:
    def cancelled() -> bool:
        return len(list(tmp_path.glob("*.pid"))) == 2

    tasks = [lambda: _pid_then_sleep(tmp_path, 1), lambda: _pid_then_sleep(tmp_path, 2)]
    with pytest.raises(ImportCancelled):
        cage.run_caged("slow.pdf", lambda: workers.run_each("slow.pdf", tasks), cancelled)
    pids = [int(path.read_text(encoding="ascii")) for path in tmp_path.glob("*.pid")]
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(pid) for pid in pids)


def test_outside_the_cage_tasks_run_in_turn_in_this_process() -> None:
    assert workers.worker_count(8) == 1
    assert workers.run_each("x.pdf", [os.getpid, os.getpid]) == [os.getpid(), os.getpid()]


def test_pages_are_cut_into_runs_of_consecutive_pages() -> None:
    assert pdf_reader._spans(24, 2) == [(1, 12), (13, 24)]
    assert pdf_reader._spans(5, 2) == [(1, 3), (4, 5)]
    assert pdf_reader._spans(3, 1) == [(1, 3)]
    assert pdf_reader._spans(0, 1) == [(1, 0)]


def _without_fork() -> list[int]:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    os.fork = no_fork  # in the cage's child only (it ends after this read)
    return workers.run_each("x.pdf", [os.getpid, os.getpid])


@needs_workers
def test_without_a_process_to_spare_the_pages_are_read_in_turn() -> None:
    pids = cage.run_caged("x.pdf", _without_fork)
    assert pids[0] == pids[1] != os.getpid()
