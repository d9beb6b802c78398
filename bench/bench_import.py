"""Whole-import figures: a 20,000-row workbook and CSV into a case file; memory on 100,000 rows.

The workbook mixes real date cells with the text forms agencies write
(``25 October 2013``, ``09.03.15``, ``Jul-15``, ``w/c 3/3/14``, ``early March 2015``...).
``import_file`` (read, dates by column, entries, one transaction) is timed against,
in the same run:

- the reader alone (python-calamine's plain read): the floor;
- the plain approach: openpyxl loading the whole workbook, ``dateparser.parse`` on
  every text date, one sqlite-utils insert per row. It is timed on 1,000 rows and
  scaled linearly to 20,000 (it takes minutes in full), as printed.

Peak memory of importing a 100,000-row workbook is measured in a child process.
Run: python bench/bench_import.py
"""

from __future__ import annotations

import datetime
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dateparser
import openpyxl
import sqlite_utils
from python_calamine import CalamineWorkbook

from scrchron.chronology.submission_import import import_file
from scrchron.records.case_records import Review
from scrchron.store import Case

ROWS = 20_000
PLAIN_ROWS = 1_000
HEADER = ["Date", "Time", "Details of contact", "Outcome / action", "Practitioner role"]
TEXT_FORMS = ("{d:%d %B %Y}", "{d:%d.%m.%y}", "{d:%b-%y}", "w/c {d.day}/{d.month}/{d:%y}",
              "early {d:%B %Y}", "{d:%d/%m/%Y}", "?{d:%d %b %Y}", "Spring {d:%Y}")
WORDS = ("mother", "child", "home", "visit", "seen", "school", "police", "referral", "strategy",
         "discussion", "concern", "bruise", "attended", "missed", "appointment", "letter")


def make_workbook(path: Path, rows: int) -> Path:
    """A chronology sheet below a title block, half real date cells, half text dates."""
    rng = random.Random(5)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(["Police chronology: Child T (synthetic)"])
    sheet.append([])
    sheet.append(HEADER)
    for index in range(rows):
        day = datetime.date(2013, 1, 1) + datetime.timedelta(days=index % 900)
        when: object = day if index % 2 else rng.choice(TEXT_FORMS).format(d=day)
        sheet.append([when, f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                      " ".join(rng.choices(WORDS, k=25)), " ".join(rng.choices(WORDS, k=6)), "PC"])
    book.save(str(path))
    return path


def make_csv(source: Path, path: Path) -> Path:
    """The same rows as CSV (dates written as text)."""
    import csv

    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0).to_python()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows[2:]:
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, datetime.date) else v for v in row])
    return path


def new_case(folder: Path, name: str) -> Case:
    return Case.create(folder / f"{name}.scrchron", Review("Child T", "cspr"))


def time_import(folder: Path, source: Path, name: str) -> float:
    case = new_case(folder, name)
    start = time.perf_counter()
    summary = import_file(case, source, "Police")
    elapsed = time.perf_counter() - start
    assert summary.imported == ROWS, summary
    case.close()
    return elapsed


def plain_import(folder: Path, source: Path) -> float:
    """openpyxl full load, dateparser on each text date, one insert per row (first PLAIN_ROWS)."""
    start = time.perf_counter()
    sheet = openpyxl.load_workbook(str(source)).active
    db = sqlite_utils.Database(folder / "plain.db")
    for number, row in enumerate(sheet.iter_rows(min_row=4, values_only=True)):
        if number == PLAIN_ROWS:
            break
        when = row[0]
        parsed = when if isinstance(when, datetime.datetime) else dateparser.parse(str(when))
        db["entries"].insert({"date": str(parsed), "time": row[1], "event": row[2], "action": row[3]})
    return time.perf_counter() - start


def reader_floor(source: Path) -> float:
    start = time.perf_counter()
    CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0).to_python()
    return time.perf_counter() - start


_CHILD = """
import resource, sys
from pathlib import Path
from scrchron.chronology.submission_import import import_file
from scrchron.records.case_records import Review
from scrchron.store import Case
case = Case.create(Path(sys.argv[2]), Review("Child T", "cspr"))
summary = import_file(case, Path(sys.argv[1]), "Police")
case.close()
print(summary.imported, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def peak_memory(folder: Path) -> None:
    big = make_workbook(folder / "big.xlsx", 100_000)
    result = subprocess.run([sys.executable, "-c", _CHILD, str(big), str(folder / "big.scrchron")],
                            capture_output=True, text=True, check=True)
    imported, peak = result.stdout.split()
    bare = subprocess.run([sys.executable, "-c", "import resource, scrchron.chronology.submission_import;"
                           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    print(f"100,000-row workbook: {imported} entries imported, peak memory {peak} MB "
          f"(target < 500 MB; the interpreter with scrchron loaded: {bare} MB)")


def _seconds(runs: list[float]) -> str:
    return ", ".join(f"{run:.2f} s" for run in runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = make_workbook(folder / "police.xlsx", ROWS)
        csv_source = make_csv(source, folder / "police.csv")
        runs = [time_import(folder, source, f"x{n}") for n in range(3)]
        runs_csv = [time_import(folder, csv_source, f"c{n}") for n in range(3)]
        ours, ours_csv = min(runs), min(runs_csv)
        floor = min(reader_floor(source) for _ in range(3))
        plain = plain_import(folder, source) * ROWS / PLAIN_ROWS
        print(f"20,000-row workbook, whole import: {ours:.2f} s (target < 2 s); "
              f"{ours / floor:.1f}x the calamine read alone ({floor:.2f} s); runs: {_seconds(runs)}")
        print(f"plain approach (openpyxl + dateparser + insert per row), timed on {PLAIN_ROWS:,} rows "
              f"and scaled to {ROWS:,}: {plain:.1f} s; scrchron is {plain / ours:.0f}x faster (target >= 30x)")
        print(f"20,000-row CSV, whole import: {ours_csv:.2f} s (target < 1 s); runs: {_seconds(runs_csv)}")
        peak_memory(folder)
    print(f"(this process peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
