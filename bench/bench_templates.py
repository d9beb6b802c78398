"""Agency template figures: writing a 20-agency pack, and importing a returned template.

Measured in one run:

- ``send_pack`` for 20 agencies in both formats (40 files: Word and Excel, each with
  guidance, the fixed columns, the marker; Excel with data validation), beside the
  baseline of writing 40 bare files (an empty python-docx document and an empty
  openpyxl workbook, 20 of each) in the same run.
- importing a returned Excel template of 1,000 rows (marker read, agency and columns
  from the marker, template changes checked) beside importing the same 1,000 rows
  from a plain Excel sheet with the same headings and ``--agency`` given.

The pack is the median of RUNS runs; the imports the best of IMPORT_RUNS, run turn about.

Run: python bench/bench_templates.py   (targets: pack < 2 s; returned template no slower than a plain file)
"""

from __future__ import annotations

import datetime
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document
from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timed

from scrchron.chronology.submission_import import import_file
from scrchron.export.template_pack import send_pack
from scrchron.importers.template_marker import COLUMNS
from scrchron.records.case_records import Review
from scrchron.store import Case

AGENCIES = [f"Agency {n:02d}" for n in range(1, 21)]
ROWS = 1_000
RUNS = 3
IMPORT_RUNS = 7


def _case(path: Path) -> Path:
    Case.create(path, Review("Review concerning Child T", "cspr", subject_pseudonym="Child T",
                             scope_from="2014-01-01", scope_to="2016-12-31")).close()
    return path


def _rows() -> list[list[object]]:
    start = datetime.date(2014, 1, 6)
    return [[n, start + datetime.timedelta(days=n), "10:00", None, f"Home visit {n}: child seen", "Advice given",
             "Health visitor 1", "Home visit", "EMIS", ""] for n in range(1, ROWS + 1)]


def _returned(template: Path, out: Path) -> None:
    book = load_workbook(template)
    sheet = book["Chronology"]
    for number, row in enumerate(_rows(), start=8):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(out)


def _plain(out: Path) -> None:
    book = Workbook()
    book.active.append([heading for _, heading in COLUMNS])
    for row in _rows():
        book.active.append(row)
    book.save(out)


def _bare(folder: Path) -> None:
    for n in range(len(AGENCIES)):
        Document().save(str(folder / f"bare{n}.docx"))
        Workbook().save(folder / f"bare{n}.xlsx")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        case_path = _case(root / "pack.scrchron")
        (root / "pack").mkdir()
        (root / "bare").mkdir()
        with Case.open(case_path) as case:
            pack = timed(lambda: send_pack(case, root / "pack", AGENCIES, "both", due="2025-06-30"), RUNS)
        bare = timed(lambda: _bare(root / "bare"), RUNS)
        print(f"template pack, 20 agencies x 2 formats: {pack:.2f} s (target < 2 s); 40 bare files: {bare:.2f} s; "
              f"ratio {pack / bare:.1f}x")
        returned, plain = root / "returned.xlsx", root / "plain.xlsx"
        _returned(root / "pack" / "Chronology template - Agency 01.xlsx", returned)
        _plain(plain)
        marked, ordinary = _interleaved(lambda: _import(root, returned, None),
                                        lambda: _import(root, plain, "Agency 01"))
        print(f"import {ROWS} rows: returned template {marked:.2f} s; plain sheet {ordinary:.2f} s; "
              f"ratio {marked / ordinary:.2f} (target <= 1.1)")


def _interleaved(first: Callable[[], None], second: Callable[[], None]) -> tuple[float, float]:
    """Best of IMPORT_RUNS of each, run turn about, so warm caches and machine load favour neither."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(IMPORT_RUNS):
        for action, found in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            found.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def _import(root: Path, path: Path, agency: str | None) -> None:
    target = root / "import.scrchron"
    source = root / "pack.scrchron"
    target.write_bytes(source.read_bytes())
    with Case.open(target) as case:
        import_file(case, path, agency, dry_run=True)


if __name__ == "__main__":
    main()
