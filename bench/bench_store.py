"""Case file figures: creating a case, and opening a 50,000-entry case at its first page.

Each figure is printed beside a plain baseline measured in the same run.
Run: python bench/bench_store.py
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from timing import timed

from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, insert_entries, list_entries

ENTRIES = 50_000
PAGE = 200


def bench_create(folder: Path) -> None:
    counter = iter(range(1000))

    def create_case() -> None:
        Case.create(folder / f"new{next(counter)}.scrchron", Review("Child T", "cspr")).close()

    def create_plain() -> None:
        conn = sqlite3.connect(folder / f"plain{next(counter)}.db")
        conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, start TEXT, event TEXT)")
        conn.commit()
        conn.close()

    ours, plain = timed(create_case), timed(create_plain)
    print(f"create a new case file:     {ours * 1000:7.1f} ms (target < 100 ms); "
          f"plain one-table sqlite3 file: {plain * 1000:.1f} ms; ratio {ours / plain:.1f}x the plain file")


def build_large_case(path: Path) -> None:
    rng = random.Random(7)
    with Case.create(path, Review("Child T", "cspr")) as case:
        agencies = [case.add_agency(f"Agency {n}").id for n in range(10)]
        entries = []
        for row in range(ENTRIES):
            day = f"20{rng.randint(10, 15)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            entries.append(Entry(agency_id=rng.choice(agencies), event=f"Contact number {row}",
                                 date_text=day, start=day, end=day, precision="day",
                                 seq=float(row), row=row + 1, sheet="Sheet1"))
        with case.write():
            insert_entries(case, entries)


def bench_first_page(path: Path) -> None:
    def first_page() -> list[Entry]:
        with Case.open(path, read_only=True) as case:
            return list_entries(case, EntryQuery(limit=PAGE))

    def load_all_and_sort() -> list[tuple[object, ...]]:
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT * FROM entries").fetchall()
        conn.close()
        rows.sort(key=lambda r: (r[7] is None, r[7] or "", r[5], r[1], r[4] or 0, r[0]))
        return rows[:PAGE]

    ours, plain = timed(first_page), timed(load_all_and_sort, repeat=3)
    assert [e.id for e in first_page()] == [r[0] for r in load_all_and_sort()]
    print(f"open {ENTRIES:,} entries, first {PAGE} in date order: {ours * 1000:7.1f} ms (target < 200 ms); "
          f"load all rows and sort in Python: {plain * 1000:.1f} ms; {plain / ours:.1f}x faster (target >= 10x)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_create(folder)
        large = folder / "large.scrchron"
        start = time.perf_counter()
        build_large_case(large)
        print(f"(built the {ENTRIES:,}-entry case in {time.perf_counter() - start:.1f} s)")
        bench_first_page(large)


if __name__ == "__main__":
    main()
