"""Importing submissions into a case: dates by column, origins, resubmissions, one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrchron.chronology.resubmission import match_resubmission
from scrchron.chronology.submission_import import agency_name_from_file, import_file
from scrchron.cli import main
from scrchron.errors import ScrchronError
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, list_entries, update_entry


@pytest.fixture
def case(tmp_path: Path) -> Case:
    opened = Case.create(tmp_path / "c.scrchron",
                         Review("Child T", "cspr", scope_from="2014-01-01", scope_to="2015-12-31"))
    yield opened
    opened.close()


def write_csv(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(rows) + "\n", encoding=encoding)
    return path


POLICE = [
    "Date,Time,Details of incident,Action taken / outcome,Officer role",
    "14/03/2014,22:40,Domestic incident at the family home,PPN submitted,PC",
    "17.03.14,,Follow-up call to Mother,No answer,PC",
    "Spring 2015,,Neighbour reports shouting,Logged,Call handler",
    "sometime,,Undated note about a car,None,PC",
]


def test_import_reads_dates_keeps_origin_and_text(case: Case, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "police.csv", POLICE)
    summary = import_file(case, path, "Police")
    assert (summary.rows_read, summary.imported, summary.undated) == (4, 4, 1)
    assert summary.mapping["event"] == "Details of incident"
    entries = list_entries(case)
    assert [e.event for e in entries] == [
        "Domestic incident at the family home", "Follow-up call to Mother",
        "Neighbour reports shouting", "Undated note about a car"]
    first = entries[0]
    assert (first.start, first.precision, first.time) == ("2014-03-14T22:40", "time", "22:40")
    assert first.action == "PPN submitted" and first.practitioner_role == "PC"
    assert first.original["Details of incident"] == "Domestic incident at the family home"
    assert first.row is not None and first.submission_id == summary.submission_id
    assert entries[2].precision == "season" and entries[2].date_text == "Spring 2015"
    assert "unparsed" in entries[3].flags
    submission = case.submissions()[0]
    assert (submission.rows_read, submission.rows_imported, submission.importer) == (4, 4, "csv")
    assert len(submission.sha256) == 64
    assert case.find_agency("police").mapping == summary.mapping  # offered next time


def test_month_first_export_is_read_as_a_whole_column(case: Case, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "housing.csv", [
        "Date,Event", "10/15/2014,Tenancy visit", "03/04/2014,Rent arrears letter", "12/25/2014,Repair"])
    import_file(case, path, "Housing")
    entries = list_entries(case)
    assert [e.start for e in entries] == ["2014-03-04", "2014-10-15", "2014-12-25"]
    assert all("order-mdy" in e.flags for e in entries)


def test_end_date_column_makes_a_range(case: Case, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cin.csv", [
        "Start Date,End Date,Event", "14/07/2014,30/10/2014,Child in need plan in place"])
    import_file(case, path, "Children's Social Care")
    (entry,) = list_entries(case)
    assert (entry.start, entry.end, entry.precision) == ("2014-07-14", "2014-10-30", "range")


def test_scope_is_judged_on_the_whole_interval_of_each_row(case: Case, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cin.csv", [
        "Start Date,Time,End Date,Event",
        "01/06/2013,,01/03/2014,Plan that began before the scope and ran into it",
        "01/06/2013,,,Visit before the scope",
        "01/06/2013,10:15,,Timed visit before the scope",
        "02/02/2014,09:00,,Timed visit inside the scope"])
    import_file(case, path, "Children's Social Care")
    flagged = {e.event: "outside-scope" in e.flags for e in list_entries(case, EntryQuery(include_hidden=True))}
    assert flagged == {"Plan that began before the scope and ran into it": False,
                       "Visit before the scope": True, "Timed visit before the scope": True,
                       "Timed visit inside the scope": False}


def test_large_import_is_searchable_and_leaves_the_cycle_collector_on(case: Case, tmp_path: Path) -> None:
    import gc

    rows = ["Date,Event"] + [f"{1 + n % 28:02d}/03/2014,Home visit number {n}" for n in range(1200)]
    rows.append("05/04/2014,Strategy discussion with police")
    import_file(case, write_csv(tmp_path / "csc.csv", rows), "Children's Social Care")
    assert gc.isenabled()
    assert [e.event for e in list_entries(case, EntryQuery(search="strategy"))] == [
        "Strategy discussion with police"]
    assert len(list_entries(case, EntryQuery(search="visit"))) == 1200
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ScrchronError):
        import_file(case, bad, "Police")
    assert gc.isenabled()


def test_dry_run_writes_nothing(case: Case, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "police.csv", POLICE)
    before = case.count("entries"), case.count("audit"), case.count("agencies")
    summary = import_file(case, path, "Police", dry_run=True)
    assert summary.dry_run and summary.imported == 4
    assert (case.count("entries"), case.count("audit"), case.count("agencies")) == before


def test_unreadable_file_leaves_the_case_unchanged(case: Case, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x00\x01garbage" * 100)
    before = case.count("entries"), case.count("audit"), case.count("agencies")
    with pytest.raises(ScrchronError):
        import_file(case, bad, "Police")
    assert (case.count("entries"), case.count("audit"), case.count("agencies")) == before


def test_resubmission_keeps_reviewer_work_and_withdraws_vanished(case: Case, tmp_path: Path) -> None:
    import_file(case, write_csv(tmp_path / "v1.csv", POLICE), "Police")
    first = {e.event: e for e in list_entries(case, EntryQuery(include_hidden=True))}
    noted = first["Follow-up call to Mother"]
    update_entry(case, noted.id, {"reviewer_note": "Why no visit?", "significance": "key"})
    corrected = [
        POLICE[0], POLICE[1],
        "17.03.14,,Follow-up call to Mother (no reply),No answer,PC",  # changed wording
        "2 June 2015,,Welfare check at the address,Child seen,PC",     # new
    ]
    summary = import_file(case, write_csv(tmp_path / "v2.csv", corrected), "Police", replace=True)
    assert (summary.unchanged, summary.changed, summary.added, summary.withdrawn) == (1, 1, 1, 2)
    assert summary.version == 2
    kept = next(e for e in list_entries(case) if e.id == noted.id)
    assert kept.event == "Follow-up call to Mother (no reply)"
    assert (kept.reviewer_note, kept.significance) == ("Why no visit?", "key")
    visible = [e.event for e in list_entries(case)]
    assert "Neighbour reports shouting" not in visible and "Welfare check at the address" in visible
    withdrawn = list_entries(case, EntryQuery(flags=["withdrawn"], include_hidden=True))
    assert {e.event for e in withdrawn} == {"Neighbour reports shouting", "Undated note about a car"}
    statuses = [s.status for s in case.submissions()]
    assert statuses == ["replaced", "current"]


def test_second_file_without_replace_is_another_part(case: Case, tmp_path: Path) -> None:
    import_file(case, write_csv(tmp_path / "a.csv", POLICE[:3]), "Police")
    import_file(case, write_csv(tmp_path / "b.csv", [POLICE[0], POLICE[3]]), "Police")
    assert case.count("entries") == 3
    assert [s.status for s in case.submissions()] == ["current", "current"]


def test_match_resubmission_prefers_same_date_then_same_text() -> None:
    def entry(entry_id: int, date_text: str, event: str) -> Entry:
        return Entry(agency_id=1, event=event, date_text=date_text, id=entry_id)

    old = [entry(1, "1/2/14", "Home visit, child seen"), entry(2, "3/2/14", "Strategy meeting")]
    new = [entry(0, "3/2/14", "Strategy meeting"), entry(0, "01/02/2014", "Home visit, child seen"),
           entry(0, "1/2/14", "Something else entirely")]
    matches = match_resubmission(old, new)
    assert [m.old.id if m.old else None for m in matches] == [2, 1, None]
    assert [m.changed for m in matches] == [False, True, True]


def test_import_command_summary_and_json(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case.close()
    path = write_csv(tmp_path / "police.csv", POLICE)
    assert main(["import", str(case.path), str(path), "--agency", "Police", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would import police.csv for Police" in out and "Rows read 4, imported 4" in out
    assert main(["import", str(case.path), str(path), "--agency", "Police", "--json"]) == 0
    (summary,) = json.loads(capsys.readouterr().out)
    assert summary["imported"] == 4 and summary["date_flags"]["unparsed"] == 1
    assert main(["import", str(case.path), str(path), "--agency", "Police", "--map", "colour=Date"]) == 1
    assert "unknown field 'colour'" in capsys.readouterr().err


def test_import_command_refuses_csv_without_dates(case: Case, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    case.close()
    path = write_csv(tmp_path / "nodates.csv", ["Name,Comment", "a,b", "c,d"])
    before = case.path.read_bytes()
    assert main(["import", str(case.path), str(path), "--agency", "Police"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Name" in err
    assert case.path.read_bytes() == before


def test_overlapping_imports_turn_the_cycle_collector_back_on_only_when_both_end() -> None:
    import gc

    from scrchron.runtime.collector import paused as _cycle_collector_paused

    assert gc.isenabled()
    with _cycle_collector_paused():
        with _cycle_collector_paused():  # a second window's import starts
            assert not gc.isenabled()
        assert not gc.isenabled()  # the second ended first: the first is still running
    assert gc.isenabled()
    gc.disable()
    try:
        with _cycle_collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def test_reading_a_file_pauses_the_collector_through_the_shared_counter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wizard's preview reads on a worker while an import or the window may pause too:
    every pause goes through one counter, so none turns the collector on under another."""
    from scrchron.importers import submission
    from scrchron.runtime import collector

    seen: list[int] = []
    real = submission._open_source

    def watched(path: Path):  # type: ignore[no-untyped-def]
        seen.append(collector.paused.running)
        return real(path)

    monkeypatch.setattr(submission, "_open_source", watched)
    submission.parse_submission(write_csv(tmp_path / "police.csv", POLICE))
    assert seen == [1] and collector.paused.running == 0


@pytest.mark.parametrize(("name", "agency"), [
    ("police-chronology.xlsx", "Police"),
    ("childrens-social-care-chronology.docx", "Children's Social Care"),
    ("health-visiting-export.csv", "Health Visiting"),
    ("GP_chronology_FINAL_v2.docx", "GP"),
    ("Child T chronology - Housing.xlsx", "Housing"),
    ("camhs.xlsx", "CAMHS"),
    ("2015.csv", "2015"),
])
def test_a_new_agency_is_named_from_its_file(name: str, agency: str) -> None:
    assert agency_name_from_file(Path(name)) == agency
