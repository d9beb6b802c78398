"""What keeping the work safe costs, and the reliability figures.

Costs, each beside a plain baseline measured in the same run, on a
50,000-entry case:

- opening a case (schema probe, quick check, lock) against a bare sqlite3 connect;
- the backup taken before an import against the import without it.

Then, unless ``--costs-only``, the reliability tests run (kill points survived,
hostile files refused, property cases, largest memory on a hostile file) and
their figures are printed.

Run: python bench/bench_reliability.py [--costs-only]
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import timed

from scrchron.chronology.submission_import import import_file
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, backups, insert_entries

ENTRIES = 50_000
IMPORT_ROWS = 2_000
ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/core/store/test_reliability_kill.py", "tests/core/importers/test_hostile_files.py",
         "tests/core/importers/test_property_headers.py"]


def build_case(path: Path) -> Path:
    rng = random.Random(7)
    with Case.create(path, Review("Child T", "cspr")) as case:
        agency = case.add_agency("Police").id
        with case.write():
            insert_entries(case, [
                Entry(agency_id=agency, event=f"Contact number {row}: home visit, baby seen",
                      date_text="", start=f"2015-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
                for row in range(ENTRIES)])
    return path


def bench_open(path: Path) -> None:
    def plain() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT count(*) FROM review").fetchone()
        conn.close()

    def ours() -> None:
        Case.open(path).close()

    def ours_read_only() -> None:
        Case.open(path, read_only=True).close()

    base, writable, reading = timed(plain), timed(ours), timed(ours_read_only)
    print(f"open a {ENTRIES:,}-entry case for writing: {writable * 1000:6.1f} ms; read-only "
          f"{reading * 1000:.1f} ms; bare sqlite3 connect + query {base * 1000:.1f} ms "
          f"(ratio {writable / base:.0f}x; the quick check is most of it)")


def bench_import_backup(path: Path, folder: Path) -> None:
    csv = folder / "police.csv"
    csv.write_text("Date,Event\n" + "".join(f"{1 + i % 28:02d}/03/2015,Contact {i}\n"
                                            for i in range(IMPORT_ROWS)), encoding="utf-8")
    real = backups.rotate_backup

    def one_import() -> float:
        with Case.open(path) as case:
            start = time.perf_counter()
            import_file(case, csv, "Police")
            return time.perf_counter() - start

    with_backup = statistics.median(one_import() for _ in range(3))
    backups.rotate_backup = lambda case, keep=None: path
    try:
        without = statistics.median(one_import() for _ in range(3))
    finally:
        backups.rotate_backup = real
    size = path.stat().st_size / 1024 / 1024
    print(f"import {IMPORT_ROWS:,} rows into a {size:.0f} MB case: {with_backup:.2f} s with the backup, "
          f"{without:.2f} s without (backup costs {with_backup - without:.2f} s, "
          f"ratio {with_backup / without:.2f}x)")


def run_reliability_tests() -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if "scrchron reliability figures" in line), None)
    if start is None:
        print(done.stdout[-3000:], done.stderr[-3000:])
        return
    print("\n".join(line for line in lines[start:] if line.strip()))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = build_case(folder / "Child T.scrchron")
        bench_open(path)
        bench_import_backup(path, folder)
    if "--costs-only" not in sys.argv:
        run_reliability_tests()


if __name__ == "__main__":
    main()
