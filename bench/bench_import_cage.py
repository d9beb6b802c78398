"""What the cage costs an everyday import (issue 16): caged vs uncaged, same run.

Every submission is read in a forked child with hard limits (scrchron.importers.cage).
Timed end to end with ``import_file`` (read, dates by column, entries, one transaction,
a backup before it), each on a fresh case:

- a 500-row agency CSV (target: under 0.5 s caged);
- the 20,000-row workbook of bench_import.py (target: under 2 s caged).

The uncaged figure is the same import with the cage switched off in this process
(``cage.available`` patched to False: the reader runs in-process, as before). The
ratio is caged / uncaged; the difference is the fork, the pickling of the tables
through a pipe, and ``wait4``.
Run: python bench/bench_import_cage.py
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_import import WORDS, make_workbook

from scrchron.chronology.submission_import import import_file
from scrchron.importers import cage
from scrchron.records.case_records import Review
from scrchron.store import Case

ROWS_CSV = 500
ROWS_WORKBOOK = 20_000


def make_agency_csv(path: Path, rows: int) -> Path:
    rng = random.Random(16)
    lines = ["Date,Time,Details of contact,Outcome / action,Practitioner role"]
    for index in range(rows):
        lines.append(f"{1 + index % 28:02d}/{1 + index % 12:02d}/2015,{rng.randint(8, 18):02d}:00,"
                     f"\"{' '.join(rng.choices(WORDS, k=25))}\",{' '.join(rng.choices(WORDS, k=5))},HV")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_seconds(folder: Path, source: Path, caged: bool, repeat: int) -> float:
    """Median end-to-end import time on a fresh case each run."""
    real = cage.available
    times = []
    for run in range(repeat):
        case = Case.create(folder / f"{source.stem}-{caged}-{run}.scrchron", Review("Child T", "cspr"))
        try:
            if not caged:
                cage.available = lambda: False
            start = time.perf_counter()
            import_file(case, source, "Police")
            times.append(time.perf_counter() - start)
        finally:
            cage.available = real
            case.close()
    return statistics.median(times)


def compare(label: str, target: float, measure: Callable[[bool], float]) -> None:
    uncaged = measure(False)
    caged = measure(True)
    print(f"{label}: caged {caged:.3f} s (target < {target} s), uncaged {uncaged:.3f} s, "
          f"ratio {caged / uncaged:.2f} (+{(caged - uncaged) * 1000:.0f} ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = make_agency_csv(folder / "health-visiting.csv", ROWS_CSV)
        book = make_workbook(folder / "police.xlsx", ROWS_WORKBOOK)
        compare(f"{ROWS_CSV}-row agency CSV, whole import", 0.5,
                lambda caged: import_seconds(folder, small, caged, repeat=7))
        compare(f"{ROWS_WORKBOOK:,}-row workbook, whole import", 2.0,
                lambda caged: import_seconds(folder, book, caged, repeat=3))
        report = cage.LAST[0] if cage.LAST else None
        if report is not None:
            print(f"last caged read: {report.name}, child peak memory {report.peak_bytes // (1024 * 1024)} MB "
                  f"(incl. its share of this process), {report.seconds:.3f} s")


if __name__ == "__main__":
    main()
