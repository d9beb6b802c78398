"""Benchmark scrchron.dates.reader against plain dateparser, and score the labelled sets.

Run: .venv/bin/python bench/bench_dates.py

Prints the time read_date_column takes for 50,000 synthetic date cells (about
5,000 distinct strings, fixed seed; English and Welsh forms, school holidays and
year pairs among them), the time dateparser.parse takes per cell (measured on a
2,000-cell sample of the same cells and scaled linearly to 50,000), their ratio,
the share of tests/data/dates_labelled.csv read right, the share of the world set
(tests/data/dates_world.tsv: expressions copied from published text) read right,
English and Welsh apart, and what dateparser would add as a last-resort reader:
on every labelled cell the grammar leaves unknown, dateparser.parse with
REQUIRE_PARTS day, month and year, counted right or confidently wrong.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import dateparser  # type: ignore[import-untyped,unused-ignore]  # noqa: E402
from date_world import read_with_scrchron, score, world_rows  # noqa: E402

from scrchron.dates.reader import clear_cache, read_date_column  # noqa: E402

CELLS = 50_000
DISTINCT = 5_000
BASELINE_SAMPLE = 2_000
TODAY = date(2025, 6, 1)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MISOEDD = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
           "Hydref", "Tachwedd", "Rhagfyr"]
DYDDIAU = ["Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn", "Sul"]
FALLBACK_SETTINGS = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                     "RELATIVE_BASE": datetime(2025, 6, 1)}


def _day(rng: random.Random) -> date:
    return date(2010, 1, 1) + timedelta(days=rng.randrange(4000))


def _day_forms(rng: random.Random) -> str:
    d = _day(rng)
    mon = MONTHS[d.month - 1]
    return rng.choice([
        f"{d:%d/%m/%Y}", f"{d:%d.%m.%y}", f"{d.day} {mon} {d.year}", f"{d:%d-%b-%y}".lower(),
        f"{WEEKDAYS[d.weekday()]} {d.day}th {mon} {d.year}", f"{d:%d/%m/%Y} {rng.randrange(24):02d}:30",
        f"{d.day} {mon[:3]} {d.year} at {rng.randrange(1, 12)}.15pm", f"{d:%Y-%m-%d}",
        f"?{d:%d/%m/%Y}", f"On {d.day} {mon} {d.year}", f"{d:%d/%m/%y} {rng.randrange(24):02d}{15:02d}hrs",
        f"w/c {d.day}/{d.month}/{d:%y}",
    ])


def _period_forms(rng: random.Random) -> str:
    d, year = _day(rng), rng.randrange(2008, 2021)
    mon = MONTHS[d.month - 1]
    return rng.choice([
        f"{mon[:3]}-{d:%y}", f"{mon} {year}", f"{d.month:02d}/{year}", str(year),
        f"in {year}", f"early {mon} {year}", f"mid-{mon} {year}", f"late {year}",
        f"{rng.choice(['Spring', 'Summer', 'Autumn', 'Winter'])} {year}",
        f"{rng.choice(['Autumn', 'Spring', 'Summer'])} term {year}", f"Q{rng.randrange(1, 5)} {year}",
        f"between {mon} {year} and {MONTHS[rng.randrange(12)]} {year + 1}",
        f"{d.day}-{min(d.day + 2, 28)} {mon} {year}", f"c. {year}", f"xx/{d.month}/{year}",
    ])


def _new_forms(rng: random.Random) -> str:
    """Forms read since issue 19: words before a date, Welsh, holidays, year pairs."""
    d, year = _day(rng), rng.randrange(2008, 2021)
    mon = MONTHS[d.month - 1]
    return rng.choice([
        f"Published {d.day} {mon[:3]} {d.year}", f"Updated {d.day} {mon} {d.year}",
        f"{d.day} th {mon} {d.year}", f"ar {d.day} {MISOEDD[d.month - 1]} {d.year}",
        f"ddydd {DYDDIAU[d.weekday()]} {d.day} {MISOEDD[d.month - 1]} {d.year}",
        f"ym mis {MISOEDD[d.month - 1]} {d.year}", f"Tymor yr Hydref {year}",
        f"{year}/{(year + 1) % 100:02d}", f"financial year {year}/{(year + 1) % 100:02d}",
        f"summer holidays {year}", f"Easter {year}", f"Christmas {year}",
        f"In the second week of {mon} {year}", f"{d.day} {mon} {d.year} 1.45pm to 4.45pm",
    ])


def _odd_forms(rng: random.Random) -> str:
    d = _day(rng)
    return rng.choice([
        f"mid-{MONTHS[d.month - 1]}", f"{d.day} {MONTHS[d.month - 1]}", "two days later",
        f"{rng.randrange(2, 9)} days after the assault", "not known", "", "See above",
        f"31 April {d.year}", str((d - date(1899, 12, 30)).days), "Summer",
    ])


def make_cells(seed: int = 20240607) -> list[str]:
    """50,000 cells drawn from about 5,000 distinct, realistic strings."""
    rng = random.Random(seed)
    makers: list[Callable[[random.Random], str]] = [_day_forms] * 6
    makers += [_period_forms] * 3 + [_odd_forms] + [_new_forms] * 2
    distinct: set[str] = set()
    while len(distinct) < DISTINCT:
        distinct.add(rng.choice(makers)(rng))
    pool = sorted(distinct)
    return [rng.choice(pool) for _ in range(CELLS)]


def time_ours(cells: list[str]) -> float:
    clear_cache()
    start = time.perf_counter()
    read_date_column(cells, today=TODAY)
    return time.perf_counter() - start


def time_dateparser(cells: list[str]) -> tuple[float, int]:
    """Seconds for dateparser.parse over the whole list; and how many raised."""
    errors = 0
    start = time.perf_counter()
    for cell in cells:
        try:
            dateparser.parse(cell, languages=["en"], settings={"DATE_ORDER": "DMY"})
        except Exception:  # counting the baseline's failures
            errors += 1
    return time.perf_counter() - start, errors


def labelled_score() -> tuple[int, int, list[str]]:
    """(right, total, confidently wrong texts) over the labelled set."""
    right, total, wrong = 0, 0, []
    with (ROOT / "tests" / "data" / "dates_labelled.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            hint = int(row["year_hint"]) if row["year_hint"] else None
            r = read_date_column([row["text"]], year_hint=hint, today=TODAY)[0]
            flags = tuple(x for x in row["flags"].split(";") if x)
            expected = (row["start"] or None, row["end"] or None, row["precision"],
                        row["uncertain"] == "true", flags)
            total += 1
            right += (r.start, r.end, r.precision, r.uncertain, r.flags) == expected
            hedged = r.uncertain or {"year-inferred", "ambiguous-order"} & set(r.flags)
            if r.start and not hedged and (r.start, r.end) != expected[:2]:
                wrong.append(row["text"])
    return right, total, wrong


def fallback_score() -> tuple[int, int, int]:
    """(cells the grammar leaves unknown, of them read right by dateparser, read wrong)."""
    rows = [dict(r, language="old") for r in _labelled_rows()] + world_rows()
    unread = right = wrong = 0
    for row in rows:
        hint = int(row["year_hint"]) if row["year_hint"] else None
        if read_with_scrchron(row["text"], hint).start is not None:
            continue
        unread += 1
        try:
            found = dateparser.parse(row["text"], languages=["en", "cy"], settings=FALLBACK_SETTINGS)
        except Exception:  # a baseline's failure counts as no reading
            found = None
        if found is None:
            continue
        day = found.date().isoformat()
        if (row["start"], row["end"], row["precision"]) == (day, day, "day"):
            right += 1
        else:
            wrong += 1
    return unread, right, wrong


def _labelled_rows() -> list[dict[str, str]]:
    with (ROOT / "tests" / "data" / "dates_labelled.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> None:
    cells = make_cells()
    ours = time_ours(cells)
    sample = random.Random(7).sample(cells, BASELINE_SAMPLE)
    baseline, errors = time_dateparser(sample)
    scaled = baseline * CELLS / BASELINE_SAMPLE
    right, total, wrong = labelled_score()
    print(f"cells: {len(cells):,} ({len(set(cells)):,} distinct strings, seed fixed)")
    print(f"scrchron.dates.reader read_date_column: {ours:.3f} s for {len(cells):,} cells (cold cache)")
    print(f"dateparser.parse (languages=['en'], DATE_ORDER=DMY): {baseline:.2f} s for "
          f"{BASELINE_SAMPLE:,} cells, scaled linearly to {scaled:.1f} s for {CELLS:,}"
          f" ({errors} raised)")
    print(f"ratio: {scaled / ours:.0f}x faster")
    print(f"target: under 0.5 s and at least 20x: {'met' if ours < 0.5 and scaled / ours >= 20 else 'MISSED'}")
    print(f"labelled set: {right}/{total} right ({100 * right / total:.1f}%), "
          f"confidently wrong: {len(wrong)}")
    world = score()
    print(f"world set (published text): {world.line()}; English {world.line('en')}; "
          f"Welsh {world.line('cy')}; confidently wrong: {len(world.wrong)}")
    met = world.share("en") >= 0.97 and world.share("cy") >= 0.97 and not world.wrong
    print(f"target: at least 97% in each language, none confidently wrong: {'met' if met else 'MISSED'}")
    unread, fb_right, fb_wrong = fallback_score()
    print(f"dateparser as last resort (day, month and year required) on the {unread} labelled cells "
          f"the grammar leaves unknown: {fb_right} read right, {fb_wrong} read wrong")


if __name__ == "__main__":
    main()
