"""The analysis commands: names, options, JSON fields, exit codes 0/1/2, nothing written on error."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import scrchron.cli
from scrchron.cli import analysis_commands, main
from scrchron.store import Case


@pytest.fixture(autouse=True)
def analysis_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the analysis commands (once, even after the CLI lists them itself)."""
    modules = scrchron.cli._MODULES
    if analysis_commands not in modules:
        monkeypatch.setattr(scrchron.cli, "_MODULES", (*modules, analysis_commands))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_info:  # argparse: wrong usage
        code = int(exit_info.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return out


def listed(capsys: pytest.CaptureFixture[str], what: str, case: Path, *more: str) -> list[dict[str, Any]]:
    rows = json.loads(ok(capsys, what, "list", str(case), "--json", *more))
    assert isinstance(rows, list)
    return rows


def audit_rows(case: Path) -> int:
    with Case.open(case, read_only=True) as opened:
        return opened.count("audit")


def fails(capsys: pytest.CaptureFixture[str], case: Path, code: int, match: str, *args: str) -> None:
    """The command exits with ``code``, says ``match`` on stderr, and writes nothing."""
    before = audit_rows(case)
    got, out, err = run(capsys, *args)
    assert got == code, (out, err)
    assert match in err
    if code == 1:
        assert err.startswith("scrchron: ") and "Traceback" not in err
    assert audit_rows(case) == before


@pytest.fixture
def case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "child-t.scrchron"
    ok(capsys, "new", str(path), "--title", "Child T", "--type", "cspr", "--scope-from", "2014-01-01",
       "--scope-to", "2015-12-31")
    for agency, day, event in [("Police", "09/03/2014", "Tanya Marsh called police about Lee"),  # 1
                               ("Health Visiting", "20 March 2014", "New birth visit, Tommy seen"),  # 2
                               ("Police", "2014-04-09", "Neighbour call"),  # 3
                               ("Health Visiting", "2014", "Visits during the year"),  # 4
                               ("Police", "1 Feb 2015", "Arrest")]:  # 5
        ok(capsys, "add", str(path), "--agency", agency, "--date", day, "--event", event)
    return path


# -- person --------------------------------------------------------------------


def test_person_add_and_list(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(capsys, "person", "add", str(case), "Tanya Marsh", "--pseudonym", "Mother", "--alias", "Ms Marsh",
             "--alias", "Tan", "--role", "mother", "--dob", "2/5/1990")
    assert "Added person 1: Tanya Marsh -> Mother" in out
    ok(capsys, "person", "add", str(case), "Tommy Marsh", "--pseudonym", "Child T", "--subject")
    rows = listed(capsys, "person", case)
    assert rows[0] == {"id": 2, "name": "Tommy Marsh", "pseudonym": "Child T", "role": "", "aliases": [],
                       "dob": None, "subject": True}
    assert rows[1] == {"id": 1, "name": "Tanya Marsh", "pseudonym": "Mother", "role": "mother",
                       "aliases": ["Ms Marsh", "Tan"], "dob": "1990-05-02", "subject": False}
    text = ok(capsys, "person", "list", str(case))
    assert "aliases: Ms Marsh, Tan" in text and "[subject]" in text
    info = json.loads(ok(capsys, "info", str(case), "--json"))
    assert (info["subject"], info["pseudonym"]) == ("Tommy Marsh", "Child T")


def test_person_notes_a_name_part_that_is_not_replaced_alone(case: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "person", "add", str(case), "Will Brown", "--pseudonym", "Neighbour 1", "--json")
    assert code == 0 and json.loads(out)["name"] == "Will Brown"
    assert "'Will' is short or a common word" in err


def test_person_update_and_remove(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "person", "add", str(case), "Lee Smith", "--pseudonym", "Partner 1")
    row = json.loads(ok(capsys, "person", "update", str(case), "1", "--alias", "Smithy", "--role", "partner",
                        "--json"))
    assert (row["aliases"], row["role"]) == (["Smithy"], "partner")
    assert "Removed person 1" in ok(capsys, "person", "remove", str(case), "1")
    assert listed(capsys, "person", case) == []
    assert ok(capsys, "person", "list", str(case)).strip() == "(none)"


def test_person_errors(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "person", "add", str(case), "Tanya Marsh", "--pseudonym", "Mother", "--alias", "Tan")
    fails(capsys, case, 1, "contains 'Tanya'", "person", "add", str(case), "Jo Lee", "--pseudonym", "Tanya")
    fails(capsys, case, 1, "'Tan' names both", "person", "add", str(case), "Jo Lee", "--pseudonym", "Aunt",
          "--alias", "Tan")
    fails(capsys, case, 1, "as a single day", "person", "add", str(case), "Jo Lee", "--pseudonym", "Aunt",
          "--dob", "Spring 1990")
    fails(capsys, case, 1, "no person 9", "person", "update", str(case), "9", "--role", "x")
    fails(capsys, case, 2, "--pseudonym", "person", "add", str(case), "Jo Lee")
    fails(capsys, case, 2, "invalid int", "person", "remove", str(case), "one")


# -- theme -----------------------------------------------------------------------


def test_themes(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = listed(capsys, "theme", case)
    assert rows[0] == {"id": 1, "name": "Voice of the child (child not seen, not heard)", "builtin": True,
                       "position": 0}
    assert "Added theme" in ok(capsys, "theme", "add", str(case), "Housing")
    assert "is now: Neglect and poverty" in ok(capsys, "theme", "rename", str(case), "neglect",
                                               "Neglect and poverty")
    names = {row["name"]: row["builtin"] for row in listed(capsys, "theme", case)}
    assert names["Housing"] is False and names["Neglect and poverty"] is True
    assert "(added)" in ok(capsys, "theme", "list", str(case))
    fails(capsys, case, 1, "already a theme", "theme", "add", str(case), "housing")
    fails(capsys, case, 1, "Unknown theme", "theme", "rename", str(case), "Luck", "Chance")


def test_themes_by_what_people_type(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    voice = "Voice of the child (child not seen, not heard)"
    numbers = {row["name"]: row["id"] for row in listed(capsys, "theme", case)}
    row = json.loads(ok(capsys, "finding", "add", str(case), "--title", "Tommy not seen", "--theme",
                        "Voice of the child", "--theme", "drift", "--json"))
    assert row["themes"] == [voice, "Drift and delay"]
    row = json.loads(ok(capsys, "finding", "update", str(case), str(row["id"]), "--theme",
                        str(numbers["Neglect"]), "--theme", "voice of the child", "--json"))
    assert row["themes"] == [voice, "Neglect"]
    row = json.loads(ok(capsys, "annotate", str(case), "2", "--theme", "babies", "--json"))
    assert row["themes"] == ["Babies' vulnerability"]
    assert f"Theme {numbers[voice]} is now: Voice of the child" in ok(
        capsys, "theme", "rename", str(case), "Voice of the child", "Voice of the child")
    ok(capsys, "theme", "add", str(case), "Information governance")
    fails(capsys, case, 1, f"'Information' could mean: {numbers['Information sharing']} Information sharing, ",
          "finding", "add", str(case), "--title", "F", "--theme", "Information")
    fails(capsys, case, 1, "type more of the name or its number", "annotate", str(case), "2", "--theme", "parental")
    fails(capsys, case, 1, "could mean", "theme", "rename", str(case), "Information", "X")
    fails(capsys, case, 1, "Did you mean: Drift and delay?", "finding", "update", str(case), "1", "--theme",
          "drift and dleay")
    fails(capsys, case, 1, "See 'scrchron theme list'", "annotate", str(case), "2", "--theme", "999")


# -- episode -----------------------------------------------------------------------


EPISODE_FIELDS = {"id", "number", "title", "from", "to", "summary", "analysis", "good_practice", "questions",
                  "entries"}


def test_episode_add_and_list(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(capsys, "episode", "add", str(case), "--title", "Birth", "--from", "1 March 2014", "--to",
             "30/04/2014", "--agency", "Police", "--entries", "2", "--summary", "What happened",
             "--analysis", "Why", "--good-practice", "Prompt visit", "--questions", "Why no referral?")
    assert "Added episode 1 (id 1): Birth, 3 entries" in out
    added = json.loads(ok(capsys, "episode", "add", str(case), "--title", "Spring", "--from", "2014-03-01",
                          "--to", "2014-04-30", "--in-period", "--json"))
    assert added["number"] == 2 and added["entries"] == [1, 2, 3]
    ok(capsys, "episode", "add", str(case), "--title", "Hand picked", "--entries", "5,1-2")
    rows = listed(capsys, "episode", case)
    assert all(set(row) == EPISODE_FIELDS for row in rows)
    assert rows[0] == {"id": 1, "number": 1, "title": "Birth", "from": "2014-03-01", "to": "2014-04-30",
                       "summary": "What happened", "analysis": "Why", "good_practice": "Prompt visit",
                       "questions": "Why no referral?", "entries": [1, 2, 3]}
    assert rows[2]["entries"] == [1, 2, 5]
    assert "2. Spring (2014-03-01 to 2014-04-30; 3 entries; id 2)" in ok(capsys, "episode", "list", str(case))


def test_episode_move_update_remove(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for title in ("A", "B", "C"):
        ok(capsys, "episode", "add", str(case), "--title", title)
    out = ok(capsys, "episode", "move", str(case), "3", "--to", "1")
    assert out.splitlines() == ["  1. C (id 3)", "  2. A (id 1)", "  3. B (id 2)"]
    row = json.loads(ok(capsys, "episode", "update", str(case), "1", "--title", "A2", "--entries", "4",
                        "--json"))
    assert (row["title"], row["entries"], row["number"]) == ("A2", [4], 2)
    ok(capsys, "episode", "remove", str(case), "3")
    assert [(r["number"], r["title"]) for r in listed(capsys, "episode", case)] == [(1, "A2"), (2, "B")]


def test_episode_errors(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fails(capsys, case, 1, "ends (2014-03-01) before it starts (2014-04-01)", "episode", "add", str(case),
          "--title", "E", "--from", "2014-04-01", "--to", "2014-03-01")
    fails(capsys, case, 1, "no entry 99", "episode", "add", str(case), "--title", "E", "--entries", "1,99")
    fails(capsys, case, 1, "needs a title", "episode", "add", str(case), "--title", " ")
    fails(capsys, case, 1, "no agency 'School'", "episode", "add", str(case), "--title", "E", "--from",
          "2014-01-01", "--agency", "School")
    fails(capsys, case, 1, "no episode 4", "episode", "move", str(case), "4", "--to", "1")
    fails(capsys, case, 2, "not a list of ids", "episode", "add", str(case), "--title", "E", "--entries", "a,b")
    fails(capsys, case, 2, "--title", "episode", "add", str(case))
    fails(capsys, case, 1, "No case file", "episode", "list", str(case) + ".missing")


# -- finding ------------------------------------------------------------------------


def test_finding_add_and_list(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "episode", "add", str(case), "--title", "E")
    out = ok(capsys, "finding", "add", str(case), "--title", "Information not shared", "--theme",
             "Information sharing", "--theme", "drift and delay", "--text", "Narrative", "--episode", "1",
             "--entries", "3,1", "--agency", "Police")
    assert "Added finding 1 (id 1)" in out
    (row,) = listed(capsys, "finding", case)
    assert row == {"id": 1, "number": 1, "title": "Information not shared", "text": "Narrative",
                   "themes": ["Information sharing", "Drift and delay"], "episodes": [1], "entries": [1, 3],
                   "agencies": ["Police"]}
    row = json.loads(ok(capsys, "finding", "update", str(case), "1", "--theme", "Neglect", "--json"))
    assert row["themes"] == ["Neglect"] and row["entries"] == [1, 3]
    ok(capsys, "finding", "add", str(case), "--title", "Second")
    assert ok(capsys, "finding", "move", str(case), "2", "--to", "1").splitlines()[0] == "  1. Second (id 2)"
    ok(capsys, "finding", "remove", str(case), "2")
    assert [r["number"] for r in listed(capsys, "finding", case)] == [1]


def test_finding_errors(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fails(capsys, case, 1, "Unknown theme 'Luck'", "finding", "add", str(case), "--title", "F", "--theme", "Luck")
    fails(capsys, case, 1, "no episode 3", "finding", "add", str(case), "--title", "F", "--episode", "3")
    fails(capsys, case, 1, "no entries 8, 9", "finding", "add", str(case), "--title", "F", "--entries", "8-9")
    fails(capsys, case, 1, "needs a title", "finding", "add", str(case), "--title", "")
    fails(capsys, case, 2, "invalid int", "finding", "add", str(case), "--title", "F", "--episode", "x")


# -- recommendation and action --------------------------------------------------------


def test_recommendations(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "finding", "add", str(case), "--title", "F")
    out = ok(capsys, "recommendation", "add", str(case), "--text", "Share information", "--finding", "1",
             "--owner", "police")
    assert "Added recommendation 1 (id 1)" in out
    ok(capsys, "recommendation", "add", str(case), "--text", "Audit", "--owner", "Safeguarding Partnership")
    rows = listed(capsys, "recommendation", case)
    assert rows[0] == {"id": 1, "number": 1, "text": "Share information", "owner": "Police", "findings": [1]}
    assert rows[1]["owner"] == "Safeguarding Partnership" and rows[1]["findings"] == []
    row = json.loads(ok(capsys, "recommendation", "update", str(case), "2", "--finding", "1", "--json"))
    assert row["findings"] == [1]
    ok(capsys, "recommendation", "move", str(case), "2", "--to", "1")
    ok(capsys, "recommendation", "remove", str(case), "1")
    assert [r["id"] for r in listed(capsys, "recommendation", case)] == [2]
    fails(capsys, case, 1, "no finding 7", "recommendation", "add", str(case), "--text", "X", "--finding", "7")
    fails(capsys, case, 1, "needs its text", "recommendation", "add", str(case), "--text", " ")
    fails(capsys, case, 2, "--text", "recommendation", "add", str(case))


def test_action_plan(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "recommendation", "add", str(case), "--text", "Train")
    ok(capsys, "action", "add", str(case), "--recommendation", "1", "--text", "Training", "--owner", "HV lead",
       "--due", "31 January 2015", "--status", "in progress")
    ok(capsys, "action", "add", str(case), "--recommendation", "1", "--text", "Audit", "--due", "2016-06-01")
    rows = listed(capsys, "action", case, "--today", "2016-01-01")
    assert {k: rows[0][k] for k in ("id", "recommendation", "text", "owner", "due", "status", "evidence",
                                    "overdue")} == {
        "id": 1, "recommendation": 1, "text": "Training", "owner": "HV lead", "due": "2015-01-31",
        "status": "in progress", "evidence": "", "overdue": True}
    assert rows[1]["overdue"] is False and rows[1]["status"] == "not started"
    assert [r["id"] for r in listed(capsys, "action", case, "--overdue", "--today", "2016-01-01")] == [1]
    assert "OVERDUE" in ok(capsys, "action", "list", str(case), "--today", "2016-01-01")
    row = json.loads(ok(capsys, "action", "update", str(case), "1", "--status", "complete", "--evidence",
                        "Register of attendance", "--json"))
    assert (row["status"], row["evidence"], row["overdue"]) == ("complete", "Register of attendance", False)
    summary = json.loads(ok(capsys, "action", "summary", str(case), "--json", "--today", "2016-07-01"))
    assert summary["by_status"] == {"not started": 1, "in progress": 0, "complete": 1}
    assert (summary["overdue"], summary["complete_with_evidence"], summary["total"]) == (1, 1, 2)
    assert "1 overdue" in ok(capsys, "action", "summary", str(case), "--today", "2016-07-01")
    ok(capsys, "action", "remove", str(case), "2")
    assert len(listed(capsys, "action", case)) == 1


def test_action_errors(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "recommendation", "add", str(case), "--text", "Train")
    fails(capsys, case, 1, "Unknown status 'done'", "action", "add", str(case), "--recommendation", "1",
          "--text", "T", "--status", "done")
    fails(capsys, case, 1, "no recommendation 5", "action", "add", str(case), "--recommendation", "5",
          "--text", "T")
    fails(capsys, case, 1, "as a single day", "action", "add", str(case), "--recommendation", "1", "--text", "T",
          "--due", "soon")
    fails(capsys, case, 1, "no action 3", "action", "update", str(case), "3", "--status", "complete")
    fails(capsys, case, 1, "no recommendation 5", "action", "list", str(case), "--recommendation", "5")
    fails(capsys, case, 2, "--recommendation", "action", "add", str(case), "--text", "T")


# -- annotate and anonymise -----------------------------------------------------------


def test_annotate(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = json.loads(ok(capsys, "annotate", str(case), "2", "--note", "Baby asleep", "--significance", "key",
                        "--good-practice", "--child-seen", "--theme", "Neglect", "--json"))
    assert row == {"id": 2, "reviewer_note": "Baby asleep", "significance": "key", "good_practice": True,
                   "child_seen": True, "child_views": False, "themes": ["Neglect"]}
    row = json.loads(ok(capsys, "annotate", str(case), "2", "--no-child-seen", "--clear-themes", "--json"))
    assert (row["child_seen"], row["themes"], row["reviewer_note"]) == (False, [], "Baby asleep")
    assert "Annotated entry 2" in ok(capsys, "annotate", str(case), "2", "--significance", "")
    fails(capsys, case, 1, "Significance must be", "annotate", str(case), "2", "--significance", "huge")
    fails(capsys, case, 1, "no entry 42", "annotate", str(case), "42", "--note", "x")
    fails(capsys, case, 1, "Unknown theme", "annotate", str(case), "2", "--theme", "Luck")


def test_anonymise(case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    ok(capsys, "person", "add", str(case), "Tanya Marsh", "--pseudonym", "Mother", "--alias", "Ms Marsh")
    ok(capsys, "person", "add", str(case), "Tommy Marsh", "--pseudonym", "Child T", "--subject")
    out = ok(capsys, "anonymise", str(case), "--text", "Ms Marsh said Tanya's son TOMMY was fine")
    assert out == "Mother said Mother's son CHILD T was fine\n"
    code, out, err = run(capsys, "anonymise", str(case), "--text", "Tanya and Tommy", "--check")
    assert code == 1 and "0-5  'Tanya'  (Tanya Marsh -> Mother)" in out and "names someone 2 time(s)" in err
    assert "No known names" in ok(capsys, "anonymise", str(case), "--text", "Mother", "--check")
    monkeypatch.setattr("sys.stdin", io.StringIO("Tommy\n"))
    assert ok(capsys, "anonymise", str(case), "--text", "-") == "Child T\n"
    code, _, err = run(capsys, "anonymise", str(case))
    assert code == 2 and "--text" in err


def test_a_command_group_without_a_command_is_a_usage_error(case: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    for group in ("person", "episode", "finding", "recommendation", "action", "theme"):
        assert run(capsys, group)[0] == 2
