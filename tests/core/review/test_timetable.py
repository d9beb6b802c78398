"""The review timetable: statutory milestones, the reviewer's own, agency returns, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from scrchron.cli import main
from scrchron.records.case_records import Review
from scrchron.review import timetable
from scrchron.store import Case
from scrchron.store import milestones as stored


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cspr(tmp_path: Path) -> Path:
    path = tmp_path / "child-t.scrchron"
    review = Review("Child T", "cspr", subject_pseudonym="Child T", incident_date="2025-04-14",
                    commissioned_date="2025-05-20")
    Case.create(path, review).close()
    return path


def _row(table: timetable.Timetable, key: str) -> timetable.TimetableRow:
    return next(r for r in table.rows if r.rule == key or r.name == key)


def test_cspr_clock_runs_across_easter(cspr: Path) -> None:
    with Case.open(cspr) as case:
        table = timetable.build_timetable(case, date(2025, 4, 22))
    assert table.nation == "england"
    assert _row(table, "notify_panel").due == "2025-04-23"  # 5 working days, Good Friday and Easter Monday out
    assert _row(table, "rapid_review").due == "2025-05-08"  # 15 working days: Easter and May Day (5 May) out
    assert _row(table, "notify_panel").status == "due soon"
    assert _row(table, "complete_publish").due == "2025-11-20"  # six months from the decision


def test_a_met_milestone_moves_the_ones_counted_from_it(cspr: Path) -> None:
    with Case.open(cspr) as case:
        timetable.record_statutory(case, "rapid_review", done="2025-05-01")
        table = timetable.build_timetable(case, date(2025, 5, 2))
    assert _row(table, "rapid_review").status == "done"
    assert _row(table, "panel_reply").due == "2025-05-16"  # 10 working days from 1 May (5 May out)


def test_local_milestones_and_late_returns(cspr: Path) -> None:
    with Case.open(cspr) as case:
        police = case.add_agency("Police")
        school = case.add_agency("School")
        stored.add_milestone(case, "Chronology from Police", "2025-06-10", agency_id=police.id)
        stored.add_milestone(case, "Chronology from School", "2025-06-10", agency_id=school.id)
        stored.add_milestone(case, "Practitioner learning event", "2025-07-01")
        case.db.conn.execute("INSERT INTO submissions (agency_id, file_name, sha256, imported_at, importer) "
                             "VALUES (?, 'school.xlsx', 'x', '2025-06-09T10:00:00', 'xlsx')", [school.id])
        table = timetable.build_timetable(case, date(2025, 6, 20))
    assert table.late_returns == ["Police"]
    assert _row(table, "Chronology from School").done == "2025-06-09"
    assert _row(table, "Practitioner learning event").status == "due soon"
    assert _row(table, "Practitioner learning event").working_days_left == 7


def test_welsh_review_counts_welsh_holidays_and_board_dates(tmp_path: Path) -> None:
    path = tmp_path / "adult-b.scrchron"
    Case.create(path, Review("Adult B", "susr", incident_date="2025-08-20")).close()
    with Case.open(path) as case:
        case.set_setting(stored.CRITERIA_SETTING, "apr,dhr")
        timetable.record_statutory(case, "case_review_group", due="2025-08-26")
        table = timetable.build_timetable(case, date(2025, 8, 22))
    assert table.nation == "wales"
    group = _row(table, "case_review_group")
    assert group.due == "2025-08-26" and group.working_days_left == 1  # 25 August is a bank holiday
    assert _row(table, "home_office_qa").status == "no date"


def test_cli_timetable_and_milestones(cspr: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", str(cspr), "--agency", "Police", "--date", "2024-01-01", "--event", "Call")[0] == 0
    code, out, err = run(capsys, "milestone", "add", str(cspr), "--name", "Chronology from Police",
                         "--due", "10 June 2025", "--agency", "Police")
    assert code == 0, err
    assert run(capsys, "milestone", "add", str(cspr), "--name", "Panel meeting 1", "--due", "2025-06-02")[0] == 0
    assert run(capsys, "milestone", "done", str(cspr), "notify_panel", "--on", "2025-04-17")[0] == 0
    code, out, err = run(capsys, "timetable", str(cspr), "--json", "--today", "2025-06-20")
    assert code == 0, err
    data = json.loads(out)
    assert data["late_returns"] == ["Police"]
    names = [m["name"] for m in data["milestones"]]
    assert names.index("Panel meeting 1") < names.index("Chronology from Police")
    notify = next(m for m in data["milestones"] if m["rule"] == "notify_panel")
    assert notify["done"] == "2025-04-17" and notify["status"] == "done"
    code, out, _ = run(capsys, "timetable", str(cspr), "--today", "2025-06-20")
    assert "Late agency returns: Police" in out


@pytest.mark.parametrize("args, message", [
    (("milestone", "add", "{case}", "--name", "Panel", "--due", "next week"), "single day"),
    (("milestone", "done", "{case}", "rapid_reveiw"), "no milestone 'rapid_reveiw'"),
    (("milestone", "remove", "{case}", "99"), "No milestone 99"),
    (("clock", "{case}", "--criteria", "apr,bogus"), "Unknown SUSR criterion"),
    (("milestone", "add", "{case}", "--name", " ", "--due", "2025-06-01"), "needs a name"),
])
def test_bad_input_is_one_line_and_changes_nothing(cspr: Path, capsys: pytest.CaptureFixture[str],
                                                   args: tuple[str, ...], message: str) -> None:
    before = cspr.read_bytes()
    code, _, err = run(capsys, *(a.format(case=cspr) for a in args))
    assert code == 1 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    with Case.open(cspr) as case:
        assert stored.milestones(case) == [] and case.setting(stored.CRITERIA_SETTING) == ""
    assert before[:100] == cspr.read_bytes()[:100]
