"""Import read figures: parse_submission on a 20,000-row workbook and CSV.

A 20,000-row .xlsx (openpyxl write, half real date cells, half text dates) and
a 20,000-row CSV are generated in a temporary folder. In the same run, the
reading half of an import (``parse_submission``: safety checks, sheet pre-scan,
header mapping, row building) is timed against the plain calamine read
(``CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()``) and an
openpyxl read-only full load. Each figure is the best of several runs.

Targets: xlsx within about 1.5x of the calamine read; CSV well under 0.5 s.
Run: python bench/bench_import_read.py
"""

from __future__ import annotations

import datetime
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from scrchron.importers import parse_submission

ROWS = 20_000
REPEAT = 5
_WORDS = (
    "mother", "child", "visit", "school", "police", "health", "visitor", "reported", "concern",
    "bruising", "attended", "missed", "appointment", "referral", "strategy", "meeting", "outcome",
    "letter", "sent",
)
_HEADER = ["Seq", "Date", "Time", "Source of Information", "Practitioner role", "Contact type",
           "Details of contact", "Outcome / action", "Agency comment"]


def _row(index: int, rng: random.Random) -> list[object]:
    """One entry; odd rows carry a real date cell, even rows a text date."""
    day = datetime.date(2014, 1, 1) + datetime.timedelta(days=index // 20)
    date: object = day if index % 2 else day.strftime("%d/%m/%Y")
    return [index + 1, date, "10:30", "Case record", "Social worker", "Home visit",
            " ".join(rng.choices(_WORDS, k=30)), " ".join(rng.choices(_WORDS, k=8)), None]


def make_xlsx(path: Path) -> Path:
    """Write the 20,000-row workbook."""
    rng = random.Random(1)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(_HEADER)
    for index in range(ROWS):
        sheet.append(_row(index, rng))
    book.save(str(path))
    return path


def make_csv(path: Path) -> Path:
    """Write the 20,000-row CSV."""
    rng = random.Random(2)
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(",".join(_HEADER) + "\n")
        for index in range(ROWS):
            values = _row(index, rng)
            values[1] = values[1].strftime("%d/%m/%Y") if isinstance(values[1], datetime.date) else values[1]
            stream.write(",".join("" if v is None else f'"{v}"' for v in values) + "\n")
    return path


def best(action: Callable[[], object]) -> tuple[float, float]:
    """Best wall time and best CPU time of REPEAT runs, in seconds.

    CPU time (this process only) is steadier than wall time on a busy machine.
    """
    walls, cpus = [], []
    for _ in range(REPEAT):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def calamine_read(path: Path) -> object:
    """The baseline: calamine's own full read of the first sheet."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def openpyxl_read(path: Path) -> object:
    """openpyxl read-only full load of every value."""
    book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def main() -> None:
    """Generate the files, time the readers and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = make_xlsx(Path(tmp) / "chronology-20k.xlsx")
        csv_path = make_csv(Path(tmp) / "chronology-20k.csv")
        parsed = parse_submission(xlsx)
        assert len(parsed.rows) == ROWS, len(parsed.rows)
        assert len(parse_submission(csv_path).rows) == ROWS
        base = best(lambda: calamine_read(xlsx))
        ours = best(lambda: parse_submission(xlsx))
        slow = best(lambda: openpyxl_read(xlsx))
        csv_time = best(lambda: parse_submission(csv_path))
        size = xlsx.stat().st_size / 1e6
    print(f"{ROWS:,}-row xlsx ({size:.1f} MB), best of {REPEAT}         wall (CPU)")
    print(f"  calamine read (baseline)        {_ms(base)}")
    print(f"  parse_submission                {_ms(ours)}   {ours[0] / base[0]:4.2f}x ({ours[1] / base[1]:4.2f}x)"
          " baseline (target <= ~1.5x)")
    print(f"  openpyxl read-only full load    {_ms(slow)}   {slow[0] / base[0]:4.2f}x ({slow[1] / base[1]:4.2f}x)")
    print(f"{ROWS:,}-row csv:")
    print(f"  parse_submission                {_ms(csv_time)}   (target well under 500 ms)")


def _ms(times: tuple[float, float]) -> str:
    """Format (wall, CPU) seconds as milliseconds."""
    return f"{times[0] * 1000:5.0f} ms ({times[1] * 1000:4.0f} ms)"


if __name__ == "__main__":
    main()
