"""The merge commands' contract: dupes, link, unlink, gaps (names, JSON fields, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import scrchron.cli
from scrchron.cli import main, merge_commands
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries

GROUP_FIELDS = {"id", "status", "entries", "agencies", "start", "end", "conflict"}
GAP_FIELDS = {"start", "end", "days"}


@pytest.fixture(autouse=True)
def merge_commands_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the merge commands even before the CLI lists them itself."""
    if merge_commands not in scrchron.cli._MODULES:
        monkeypatch.setattr(scrchron.cli, "_MODULES", (*scrchron.cli._MODULES, merge_commands))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def day(agency_id: int, event: str, start: str, **more: Any) -> Entry:
    return Entry(agency_id=agency_id, event=event, date_text=start, start=start, end=start,
                 precision="day", **more)


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    """A case: a strategy discussion in three agencies' words, a home visit that day, more."""
    path = tmp_path / "child-t.scrchron"
    review = Review("Child T", "cspr", scope_from="2015-01-01", scope_to="2015-12-31")
    with Case.create(path, review) as case:
        police, csc, health = (case.add_agency(n).id for n in ("Police", "Children's Social Care", "Health"))
        with case.write():
            insert_entries(case, [
                day(csc, "Strategy discussion with CSC and health", "2015-03-09"),      # 1
                day(health, "Named nurse took part in the strategy discussion", "2015-03-09"),  # 2
                day(police, "Strategy discussion record", "2015-03-09"),                # 3
                day(police, "Domestic incident at home address", "2015-03-09"),         # 4
                day(csc, "Home visit by social worker", "2015-03-09"),                  # 5
                day(csc, "Core group meeting", "2015-07-01"),                           # 6
                day(health, "Core group attended by HV", "2015-07-08"),                 # 7
                day(health, "New birth visit", "2015-01-20"),                           # 8
            ])
    return path


def audit_rows(path: Path) -> int:
    with Case.open(path, read_only=True) as case:
        return len(case.audit_log())


def test_dupes_proposes_and_lists_groups_as_json(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    groups = run_json(capsys, "dupes", str(case_path))
    assert [g["entries"] for g in groups] == [[1, 2, 3], [6, 7]]
    for group in groups:
        assert set(group) >= GROUP_FIELDS and group["status"] == "proposed"
    strategy, core = groups
    assert strategy["agencies"] == ["Police", "Children's Social Care", "Health"]
    assert (strategy["start"], strategy["end"], strategy["conflict"]) == ("2015-03-09", "2015-03-09", False)
    assert strategy["recorded_by"] == "Recorded by: Police, Children's Social Care, Health"
    assert core["conflict"] is True and (core["start"], core["end"]) == ("2015-07-01", "2015-07-08")
    assert run_json(capsys, "dupes", str(case_path)) == groups  # stable ids, nothing new


def test_dupes_text_output(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "dupes", str(case_path))
    assert code == 0
    assert "Proposals refreshed: 2 new" in out and "[conflict]" in out
    assert "Recorded by: Police, Children's Social Care, Health" in out
    assert "2 groups: 2 proposed, 0 confirmed, 0 rejected." in out


def test_dupes_no_propose_lists_without_writing(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = audit_rows(case_path)
    assert run_json(capsys, "dupes", str(case_path), "--no-propose") == []
    assert audit_rows(case_path) == before


def test_confirm_and_reject(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = run_json(capsys, "dupes", str(case_path))
    confirmed = run_json(capsys, "dupes", str(case_path), "--confirm", str(first["id"]))
    assert confirmed["status"] == "confirmed" and confirmed["entries"] == [1, 2, 3]
    rejected = run_json(capsys, "dupes", str(case_path), "--reject", str(second["id"]))
    assert rejected["status"] == "rejected"
    listed = run_json(capsys, "dupes", str(case_path))
    assert [(g["id"], g["status"]) for g in listed] == [(first["id"], "confirmed"), (second["id"], "rejected")]
    assert run_json(capsys, "dupes", str(case_path), "--status", "confirmed") == [listed[0]]
    with Case.open(case_path, read_only=True) as case:
        actions = [r.action for r in case.audit_log()]
    assert "confirm" in actions and "reject" in actions
    entries = run_json(capsys, "entries", str(case_path))
    assert {e["id"]: e["group"] for e in entries if e["group"]} == {1: first["id"], 2: first["id"],
                                                                     3: first["id"]}


def test_dupes_errors(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    groups = run_json(capsys, "dupes", str(case_path))
    run_json(capsys, "dupes", str(case_path), "--reject", str(groups[0]["id"]))
    before = audit_rows(case_path)
    code, out, err = run(capsys, "dupes", str(case_path), "--confirm", str(groups[0]["id"]))
    assert (code, out) == (1, "") and "was rejected" in err and "scrchron link" in err
    code, _, err = run(capsys, "dupes", str(case_path), "--confirm", "99")
    assert code == 1 and "no group 99" in err and len(err.strip().splitlines()) == 1
    assert audit_rows(case_path) == before
    with pytest.raises(SystemExit) as usage:
        main(["dupes", str(case_path), "--confirm", "one"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        main(["dupes", str(case_path), "--confirm", "1", "--reject", "2"])
    assert usage.value.code == 2
    code, _, err = run(capsys, "dupes", str(case_path.with_name("missing.scrchron")))
    assert code == 1 and "No case file" in err


def test_link_and_unlink(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = run_json(capsys, "link", str(case_path), "4", "5")
    assert (group["status"], group["manual"], group["entries"]) == ("confirmed", True, [4, 5])
    assert group["agencies"] == ["Police", "Children's Social Care"]
    code, out, _ = run(capsys, "link", str(case_path), "4", "5", "8")
    assert code == 0 and "Group" in out and "(by hand)" in out
    after = run_json(capsys, "unlink", str(case_path), "8")
    assert after["id"] == group["id"] and after["entries"] == [4, 5] and after["status"] == "confirmed"
    code, out, _ = run(capsys, "unlink", str(case_path), "5")
    assert code == 0 and "taken out of group" in out and "rejected" in out
    with Case.open(case_path, read_only=True) as case:
        actions = {r.action for r in case.audit_log()}
    assert {"link", "unlink", "reject"} <= actions


def test_link_and_unlink_errors(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = audit_rows(case_path)
    for args, message in [(("1",), "at least two"), (("3", "4"), "one agency"),
                          (("1", "999"), "no entry 999")]:
        code, out, err = run(capsys, "link", str(case_path), *args)
        assert (code, out) == (1, "") and message in err, args
    code, _, err = run(capsys, "unlink", str(case_path), "1")
    assert code == 1 and "not in a group" in err
    code, _, err = run(capsys, "unlink", str(case_path), "999")
    assert code == 1 and "no entry 999" in err
    assert audit_rows(case_path) == before
    with pytest.raises(SystemExit) as usage:
        main(["link", str(case_path)])
    assert usage.value.code == 2


def test_gaps(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gaps = run_json(capsys, "gaps", str(case_path))
    assert [(g["start"], g["end"], g["days"]) for g in gaps] == [
        ("2015-03-09", "2015-07-01", 114), ("2015-07-08", "2015-12-31", 176)]
    assert all(set(g) >= GAP_FIELDS for g in gaps)
    assert gaps[0]["previous_entry"] in (1, 2, 3, 4, 5) and gaps[0]["next_entry"] == 6
    short = run_json(capsys, "gaps", str(case_path), "--min-days", "15")
    assert [g["days"] for g in short] == [19, 48, 114, 176]
    police = run_json(capsys, "gaps", str(case_path), "--agency", "Police")
    assert [(g["start"], g["end"], g["days"], g["agency"]) for g in police] == [
        ("2015-01-01", "2015-03-09", 67, "Police"), ("2015-03-09", "2015-12-31", 297, "Police")]
    code, out, _ = run(capsys, "gaps", str(case_path), "--min-days", "100")
    assert code == 0 and "more than 100 days" in out and "176 days" in out


def test_gaps_errors(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "gaps", str(case_path), "--agency", "Probation")
    assert code == 1 and "no agency 'Probation'" in err
    code, _, err = run(capsys, "gaps", str(case_path), "--min-days", "-3")
    assert code == 1 and "zero or more" in err
    with pytest.raises(SystemExit) as usage:
        main(["gaps", str(case_path), "--min-days", "many"])
    assert usage.value.code == 2
