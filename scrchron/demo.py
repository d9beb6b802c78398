"""The bundled demo review: a small synthetic case to explore before touching real data.

Every name, place and event in resources/demo/ is invented.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from scrchron import dates
from scrchron.chronology import reading_fields, scope_of, year_hint
from scrchron.model import Entry, Review
from scrchron.resources import resource_path
from scrchron.store import Case, insert_entries

DEMO_REVIEW = Review(
    title="Child T: Child Safeguarding Practice Review (demo)",
    review_type="cspr",
    subject_name="Tommy Marsh",
    subject_pseudonym="Child T",
    subject_dob="2012-09-20",
    scope_from="2014-01-01",
    scope_to="2015-09-12",
    incident_date="2015-09-12",
    commissioned_date="2015-10-20",
)


def build_demo(path: Path) -> Path:
    """Write the demo case file at ``path`` (replacing an older demo there)."""
    path.unlink(missing_ok=True)
    with Case.create(path, Review(**vars(DEMO_REVIEW))) as case:
        rows = _demo_rows()
        by_agency: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in rows:
            by_agency[row["agency"]].append(row)
        with case.write():
            for agency, agency_rows in by_agency.items():
                _add_agency_rows(case, agency, agency_rows)
            case.audit("import", "entries", None, "demo", None, f"{len(rows)} demo entries")
    return path


def _demo_rows() -> list[dict[str, str]]:
    with resource_path("demo", "entries.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _add_agency_rows(case: Case, agency: str, rows: list[dict[str, str]]) -> None:
    review = case.review()
    agency_id = case.agency_named(agency).id
    readings = dates.read_date_column([row["date"] for row in rows], year_hint=year_hint(review))
    entries = []
    for number, (row, reading) in enumerate(zip(rows, readings, strict=True), start=1):
        if row["time"]:
            reading = dates.combine_time(reading, row["time"])
        reading = dates.apply_scope(reading, *scope_of(review))
        entry = Entry(agency_id=agency_id, event=row["event"], date_text=row["date"],
                      time_text=row["time"], action=row["action"], source=row["source"],
                      sheet="demo", row=number, seq=float(number))
        for name, value in reading_fields(reading).items():
            setattr(entry, name, value)
        entries.append(entry)
    insert_entries(case, entries)
