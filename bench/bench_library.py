"""Learning library figures: reading 500 cases' summaries, refreshing one changed case, and the
views over a national collection of 2,000 reviews, each beside a plain baseline from the same run.

Run: python bench/bench_library.py
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import date
from functools import partial
from pathlib import Path

from timing import timed

from scrchron.analysis import operations
from scrchron.library import LibraryStore, ViewFilter, add_cases, refresh, views
from scrchron.library.model import (
    ActionSummary,
    AgencyInvolvement,
    FindingSummary,
    RecommendationSummary,
    ReviewSummary,
)
from scrchron.library.reading import stamp
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries

CASES = 500
REVIEWS = 2_000
THEMES = ("Information sharing", "Risk assessment", "Neglect", "Drift and delay", "Domestic abuse and coercive "
          "control", "Professional curiosity and challenge", "Whole-family working", "Parental mental health")
AGENCIES = ("Police", "Children's Social Care", "Health Visiting", "GP", "Housing", "Probation", "Education")
TYPES = ("cspr", "sar", "dhr", "scr")


def build_template(path: Path) -> None:
    """One invented review: 7 agencies with 40 entries each, 5 findings, 8 recommendations, 12 actions."""
    rng = random.Random(3)
    with Case.create(path, Review("CSPR Child B", "cspr", incident_date="2021-06-01")) as case:
        for name in AGENCIES:
            agency = case.add_agency(name)
            with case.write():
                insert_entries(case, [Entry(agency_id=agency.id, event=f"Contact {n}", start=f"2020-{m:02d}-10",
                                            end=f"2020-{m:02d}-10", precision="day", date_text="x")
                                      for n, m in enumerate(rng.choices(range(1, 13), k=40))])
        findings = [operations.add_finding(case, f"Finding {n}", themes=rng.sample(THEMES, 2),
                                         agencies=rng.sample(AGENCIES, 2)).id for n in range(5)]
        for n in range(8):
            rec = operations.add_recommendation(case, f"Agencies should improve practice area {n}",
                                              findings=[findings[n % 5]], owner=AGENCIES[n % 7]).id
            for k in range(1 + n % 2):
                operations.add_action(case, rec, f"Action {n}.{k}", owner=AGENCIES[n % 7], due=f"2022-0{1 + k}-01")


def make_collection(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the template, each its own case (own case id, type and year)."""
    template = folder / "template.scrchron"
    build_template(template)
    paths = []
    for n in range(count):
        path = folder / f"review-{n:04d}.scrchron"
        shutil.copy(template, path)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("UPDATE settings SET value = ? WHERE key = 'case_id'", [uuid.uuid4().hex])
            conn.execute("UPDATE review SET review_type = ?, incident_date = ?",
                         [TYPES[n % 4], f"{2015 + n % 9}-06-01"])
            conn.commit()
        paths.append(path)
    template.unlink()
    return paths


def plain_read(paths: list[Path]) -> None:
    for path in paths:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            for table in ("review", "findings", "recommendations", "actions", "agencies"):
                conn.execute(f"SELECT * FROM {table}").fetchall()


def bench_reading(folder: Path) -> None:
    paths = make_collection(folder, CASES)
    library_path = folder / "learning.scrlib"
    start = time.perf_counter()
    with LibraryStore.open(library_path, create=True) as library:
        add_cases(library, paths)
    ours = time.perf_counter() - start
    plain = timed(lambda: plain_read(paths), repeat=1)
    print(f"read {CASES} cases' summaries:   {ours:7.2f} s (target < 10 s); plain sqlite3 reads of the same "
          f"tables: {plain:.2f} s; ratio {ours / plain:.1f}x")
    bench_refresh(library_path, paths)


def bench_refresh(library_path: Path, paths: list[Path]) -> None:
    changed = paths[CASES // 2]
    counter = iter(range(100))

    def change() -> None:
        with Case.open(changed) as case:
            operations.add_finding(case, f"New finding {next(counter)}", themes=["Neglect"])

    with LibraryStore.open(library_path) as library:
        times = []
        for _ in range(5):
            change()
            start = time.perf_counter()
            report = refresh(library)
            times.append(time.perf_counter() - start)
            assert report.read == 1
        ours = sorted(times)[2]
        plain = timed(lambda: (plain_read([changed]), [stamp(p) for p in paths]))
    print(f"refresh after one case changed:  {ours * 1000:7.1f} ms (target < 100 ms); plain read of that "
          f"case + stat of all {CASES}: {plain * 1000:.1f} ms; ratio {ours / plain:.1f}x")


def synthetic_summary(n: int, rng: random.Random) -> ReviewSummary:
    findings = tuple(FindingSummary(k + 1, f"Finding {k}", "", tuple(rng.sample(THEMES, 2)),
                                    tuple(rng.sample(AGENCIES, 2))) for k in range(5))
    recs = tuple(RecommendationSummary(k + 1, f"{rng.choice(AGENCIES)} should review practice on "
                                              f"{rng.choice(THEMES).lower()} and report to the board",
                                       rng.choice(AGENCIES), findings[k % 5].themes, (k % 5 + 1,)) for k in range(8))
    actions = tuple(ActionSummary(k % 8 + 1, f"Action {k}", rng.choice(AGENCIES),
                                  f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-01",
                                  rng.choice(("not started", "in progress", "complete"))) for k in range(12))
    agencies = tuple(AgencyInvolvement(a, "2019-01-01", "2021-01-01", 40) for a in AGENCIES)
    return ReviewSummary(uuid.UUID(int=n).hex, f"Review {n}", TYPES[n % 4], 2012 + n % 12, f"{2012 + n % 12}-06-01",
                         rng.choice(("under 1", "1-5", "11-15", "26-64")), "", findings, recs, actions, agencies)


def bench_views(folder: Path) -> None:
    rng = random.Random(5)
    with LibraryStore.open(folder / "national.scrlib", create=True) as library:
        for n in range(REVIEWS):
            ref = library.add_path(f"/reviews/{n}.scrchron")
            library.save_summary(ref, synthetic_summary(n, rng), None, "2025-01-01T00:00:00")
        filters = [ViewFilter(), ViewFilter(review_type="sar"), ViewFilter(year=2019),
                   ViewFilter(agency="Police"), ViewFilter(review_type="cspr", age_band="under 1")]
        today = date(2023, 1, 1)
        for name, view, baseline in (
            ("themes", lambda f: views.themes_across(library, f),
             "SELECT theme, COUNT(*) FROM finding_themes GROUP BY theme"),
            ("action plan", lambda f: views.action_plan(library, f, today=today),
             "SELECT * FROM actions a JOIN recommendations r ON r.case_ref = a.case_ref "
             "AND r.number = a.recommendation"),
            ("overdue, by agency", lambda f: views.action_plan(
                library, ViewFilter(agency=f.agency or "Police", year=f.year), overdue_only=True, today=today),
             "SELECT * FROM actions WHERE owner = 'Police' AND due < '2023-01-01'"),
            ("recurring recommendations", lambda f: views.recurring_recommendations(library, f),
             "SELECT * FROM recommendations"),
            ("agencies", lambda f: views.agencies_across(library, f), "SELECT * FROM agencies"),
        ):
            worst = _worst(view, filters)
            plain = timed(lambda sql=baseline: library.conn.execute(sql).fetchall())  # type: ignore[misc]
            print(f"{name + ' over ' + str(REVIEWS) + ' reviews:':<44} worst filter {worst * 1000:6.1f} ms "
                  f"(target < 200 ms); plain {baseline[:40]}...: {plain * 1000:.1f} ms; ratio {worst / plain:.0f}x")


def _worst(view: Callable[[ViewFilter], object], filters: list[ViewFilter]) -> float:
    """The slowest of the filters (each timed as its median of three)."""
    return max(timed(partial(view, where), repeat=3) for where in filters)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_reading(Path(folder))
        bench_views(Path(folder))


if __name__ == "__main__":
    main()
