"""Protected (encrypted) case files against the same cases unprotected, in the same run.

- Opening a 50,000-entry case and listing its first 200 entries in date order
  (target: under 300 ms protected), the key derived from the passphrase included.
- A 20,000-row CSV import (target: under 1.5x the unprotected import).

Run: python bench/bench_protection.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench_import import make_csv, make_workbook
from bench_store import ENTRIES, PAGE, build_large_case
from timing import timed

from scrchron.chronology.submission_import import import_file
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, list_entries, protection

PASSPHRASE = "An invented benchmark passphrase"
ROWS = 20_000


def bench_first_page(plain: Path, protected: Path) -> None:
    def first_page(path: Path, passphrase: str | None) -> list[Entry]:
        with Case.open(path, read_only=True, passphrase=passphrase) as case:
            return list_entries(case, EntryQuery(limit=PAGE))

    ours = timed(lambda: first_page(protected, PASSPHRASE))
    base = timed(lambda: first_page(plain, None))
    assert [e.id for e in first_page(protected, PASSPHRASE)] == [e.id for e in first_page(plain, None)]
    print(f"open {ENTRIES:,} entries, first {PAGE} in date order, protected: {ours * 1000:7.1f} ms "
          f"(target < 300 ms); unprotected: {base * 1000:.1f} ms; ratio {ours / base:.1f}x "
          "(the passphrase's key derivation is most of it)")


def time_import(folder: Path, source: Path, name: str, passphrase: str | None) -> float:
    path = folder / f"{name}.scrchron"
    with Case.create(path, Review("Child T", "cspr"), passphrase=passphrase) as case:
        start = time.perf_counter()
        import_file(case, source, "Police")
        return time.perf_counter() - start


def bench_import(folder: Path) -> None:
    source = make_csv(make_workbook(folder / "police.xlsx", ROWS), folder / "police.csv")
    time_import(folder, source, "warm", None)  # the importers' first run loads their modules
    runs = [(time_import(folder, source, f"p{n}", PASSPHRASE), time_import(folder, source, f"u{n}", None))
            for n in range(5)]
    ours, base = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"{ROWS:,}-row CSV import, protected: {ours:.2f} s; unprotected: {base:.2f} s; "
          f"ratio {ours / base:.2f}x (target < 1.5x)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = folder / "large.scrchron"
        start = time.perf_counter()
        build_large_case(plain)
        protected = folder / "large-protected.scrchron"
        shutil.copy(plain, protected)
        protection.protect(protected, PASSPHRASE)
        print(f"(built the {ENTRIES:,}-entry case and its protected copy in {time.perf_counter() - start:.1f} s)")
        bench_first_page(plain, protected)
        bench_import(folder)


if __name__ == "__main__":
    main()
