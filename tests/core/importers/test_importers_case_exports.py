"""Case-system CSV exports: semicolons and tabs, ISO date-times, date and time apart, routine rows kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scrchron.chronology.submission_import import import_file
from scrchron.records.case_records import Review
from scrchron.store import Case, list_entries
from scrchron.store.entries import EntryQuery


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    opened = Case.create(tmp_path / "c.scrchron",
                         Review(title="Review", review_type="sar", scope_from="2019-01-01", scope_to="2021-12-31"))
    yield opened
    opened.close()


def test_semicolon_export_with_iso_date_times(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "call-handling.csv"
    path.write_text(
        "Timestamp;Channel;Handler;Narrative\n"
        "2019-03-14T10:30:00;Phone;Handler 1;Caller reports a child alone on the balcony of a flat\n"
        "2019-03-14T10:55:00;Radio;Handler 1;Police on scene; mother returned, said she went to the shop\n"
        "2019-03-20T09:00:00;Email;Handler 2;Children's services confirmed an assessment is under way\n",
        encoding="utf-8")
    summary = import_file(case, path, "Police")
    assert summary.mapping["start_date"] == "Timestamp" and summary.mapping["event"] == "Narrative"
    entries = list_entries(case, EntryQuery())
    assert [(e.start, e.precision) for e in entries][:2] == [("2019-03-14T10:30", "time"), ("2019-03-14T10:55", "time")]
    assert entries[0].contact_type == "" and entries[0].extra["Channel"] == "Phone"


def test_tab_export_with_date_and_time_apart_keeps_every_routine_visit(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "visit-log.tsv"
    routine = "Morning call: personal care and breakfast, medication prompted, no concerns"
    lines = ["Visit date\tVisit time\tCarer\tVisit notes"]
    lines += [f"{day:02d}/01/2021\t08:00\tCarer {day % 3 + 1}\t{routine}" for day in range(1, 31)]
    lines += [f"{day:02d}/01/2021\t08:00\tCarer {day % 3 + 1}\t{routine}" for day in range(1, 31)]  # sent twice
    lines.append("31/01/2021\t21:10\tCarer 2\tClient on the floor, 999 called")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_file(case, path, "Home care")
    assert summary.rows_read == 61 and summary.imported == 61 and not summary.skipped
    entries = list_entries(case, EntryQuery())
    assert len(entries) == 61
    assert entries[-1].start == "2021-01-31T21:10" and entries[-1].event.startswith("Client on the floor")
