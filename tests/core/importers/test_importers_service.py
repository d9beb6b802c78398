"""A column the reviewer maps to service / team (health's "Service": GP, ED, health visiting) is kept
with each entry under "Service / team"; left unmapped it stays a detail under its own heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrchron.chronology.submission_import import import_file
from scrchron.cli import main
from scrchron.importers import FIELDS
from scrchron.importers.parsed import SERVICE_HEADING
from scrchron.records.case_records import Review
from scrchron.store import Case, EntryQuery, list_entries

HEALTH_CSV = (
    "Date,Service,Contact,Notes\n"
    "14/01/2015,GP,Appointment,Mother seen with baby; low mood discussed and review booked.\n"
    "20/02/2015,ED,Attendance,Baby brought in with a bruise to the cheek; mother said it was a toy.\n"
    "03/03/2015,Health visiting,Home visit,Home visit; partner present and answered for mother.\n"
)


@pytest.fixture
def health(tmp_path: Path) -> tuple[Path, Path]:
    case = tmp_path / "child-t.scrchron"
    Case.create(case, Review("Child T", "cspr", subject_pseudonym="Child T")).close()
    csv = tmp_path / "health.csv"
    csv.write_text(HEALTH_CSV, encoding="utf-8")
    return case, csv


def test_service_is_a_field_a_column_can_be_mapped_to(health: tuple[Path, Path]) -> None:
    case_path, csv = health
    assert "service" in FIELDS
    with Case.open(case_path) as case:
        summary = import_file(case, csv, "Health", mapping={"service": "Service"})
        entries = list_entries(case, EntryQuery())
    assert summary.mapping["service"] == "Service" and summary.mapping["event"] == "Notes"
    assert [e.extra.get(SERVICE_HEADING) for e in entries] == ["GP", "ED", "Health visiting"]
    assert all("Service" not in e.extra for e in entries)  # kept once, under the field's name


def test_an_unmapped_service_column_stays_under_its_own_heading(health: tuple[Path, Path]) -> None:
    case_path, csv = health
    with Case.open(case_path) as case:
        summary = import_file(case, csv, "Health")
        entries = list_entries(case, EntryQuery())
    assert "service" not in summary.mapping
    assert [e.extra.get("Service") for e in entries] == ["GP", "ED", "Health visiting"]


def test_the_cli_maps_service(health: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    case_path, csv = health
    assert main(["import", str(case_path), str(csv), "--agency", "Health", "--map", "service=Service"]) == 0
    assert "service <- 'Service'" in capsys.readouterr().out
