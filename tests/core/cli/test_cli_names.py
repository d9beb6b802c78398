"""The names commands and 'anonymise --check' with doubtful places; bad people refused (issue 15)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_cli_analysis import audit_rows, fails, ok, run
from test_export_report import build_export_case

from scrchron.store import Case
from scrchron.store.name_decisions import load_decisions


@pytest.fixture
def case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = build_export_case(tmp_path / "child-t.scrchron")
    ok(capsys, "person", "add", str(path), "Dean Colley", "--pseudonym", "Father")
    ok(capsys, "person", "add", str(path), "Kelly Young", "--pseudonym", "Neighbour 1")
    ok(capsys, "add", str(path), "--agency", "Police", "--date", "1 May 2015",
       "--event", "DC Smith spoke to Mother. Young people were outside.")
    return path


def test_check_lists_names_and_doubtful_places(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Ta\u200bnya emailed from dean_colley@x.com"
    code, out, err = run(capsys, "anonymise", str(case), "--text", text, "--check")
    assert code == 1 and "'Ta\u200bnya'  (Tanya Marsh -> Mother)" in out and "dean_colley@x.com" in out
    assert "names someone 2 time(s)" in err
    code, out, err = run(capsys, "anonymise", str(case), "--text", "DC Smith came", "--check")
    assert code == 1 and "'DC'  doubtful" in out and "Dean Colley" in out
    assert "may be a name" in err and "Traceback" not in err


def test_names_doubtful_keep_and_list(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(ok(capsys, "names", "doubtful", str(case), "--json"))
    assert {(row["text"], row["key"]) for row in rows} == {("DC", "dc"), ("Young", "young")}
    assert all(row["record"] == "entry" and row["field"] == "event" and row["id"] for row in rows)
    assert "will be left as written" in ok(capsys, "names", "keep", str(case), "D.C.")
    assert "replaced as a name" in ok(capsys, "names", "replace", str(case), "Young")
    assert [row["text"] for row in json.loads(ok(capsys, "names", "doubtful", str(case), "--json"))] == []
    assert json.loads(ok(capsys, "names", "list", str(case), "--json")) == {
        "keep": ["dc"], "replace": ["young"], "not_names": []}
    assert ok(capsys, "anonymise", str(case), "--text", "Young was seen. DC Smith came.") == (
        "Neighbour 1 was seen. DC Smith came.\n")


def test_doubtful_places_in_the_analysis_are_listed(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "episode", "add", str(case), "--title", "Neighbour concerns", "--summary", "Young people gathered.")
    rows = json.loads(ok(capsys, "names", "doubtful", str(case), "--json"))
    assert ("episode", "summary", "Young") in {(row["record"], row["field"], row["text"]) for row in rows}
    assert re.search(r"episode \d+ summary: 'Young'", ok(capsys, "names", "doubtful", str(case)))


def test_not_a_name_is_remembered_and_left_alone(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ok(capsys, "anonymise", str(case), "--text", "seen at Colley Lane Surgery") == (
        "seen at Father Lane Surgery\n")
    ok(capsys, "names", "not-a-name", str(case), "Colley  Lane Surgery")
    assert ok(capsys, "anonymise", str(case), "--text", "seen at Colley Lane Surgery") == (
        "seen at Colley Lane Surgery\n")
    with Case.open(case, read_only=True) as opened:
        assert load_decisions(opened).not_names == ["Colley Lane Surgery"]
    ok(capsys, "names", "forget", str(case), "Colley Lane Surgery")
    assert "Father Lane" in ok(capsys, "anonymise", str(case), "--text", "seen at Colley Lane Surgery")


def test_export_offers_not_a_name_for_a_place(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "names", "keep", str(case), "DC")
    ok(capsys, "names", "keep", str(case), "Young")
    ok(capsys, "add", str(case), "--agency", "Police", "--date", "2 May 2015",
       "--event", "Registered at Colley Lane Surgery.")
    out = ok(capsys, "export", str(case), str(tmp_path / "published.csv"), "--anonymise")
    assert "'Colley Lane Surgery'" in out and "names not-a-name" in out


@pytest.mark.parametrize(("args", "message"), [
    (("names", "keep", "{case}", "  "), "Give the form to decide about"),
    (("names", "not-a-name", "{case}", "Marsh"), "is one word"),
    (("names", "forget", "{case}", "Nothing"), "No decision about 'Nothing'"),
])
def test_bad_names_commands_are_refused(case: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                        message: str) -> None:
    fails(capsys, case, 1, message, *(arg.format(case=case) for arg in args))


@pytest.mark.parametrize(("args", "message"), [
    (("person", "add", "{case}", "Jo Okafor", "--pseudonym", "Dean Colley"), "contains 'Dean Colley'"),
    (("person", "add", "{case}", "Jo Okafor", "--pseudonym", "Aunt", "--alias", "Tanya"), "'Tanya' names both"),
    (("person", "add", "{case}", "Jo Okafor", "--pseudonym", "Aunt", "--alias", "J"), "has one letter"),
    (("person", "add", "{case}", "Jo Okafor", "--pseudonym", "Aunt", "--alias", "J."), "has one letter"),
    (("person", "add", "{case}", "  ", "--pseudonym", "Aunt"), "needs a name"),
    (("person", "add", "{case}", "\u200b", "--pseudonym", "Aunt"), "needs a name"),
    (("person", "add", "{case}", "Jo Okafor", "--pseudonym", "T\u0430nya"), "contains 'T\u0430nya'"),
    (("person", "update", "{case}", "4", "--pseudonym", "Mother"), "already used for Tanya Marsh"),
])
def test_people_who_would_defeat_anonymisation_are_refused(case: Path, capsys: pytest.CaptureFixture[str],
                                                           args: tuple[str, ...], message: str) -> None:
    before = audit_rows(case)
    code, _, err = run(capsys, *(arg.format(case=case) for arg in args))
    assert code == 1 and message in err and "Traceback" not in err, err
    assert audit_rows(case) == before


def test_invisible_characters_are_dropped_from_a_name(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "person", "add", str(case), "Sha\u200bnice Ok\u00adafor", "--pseudonym", "Aunt", "--alias", "Sha\u2060z")
    rows = json.loads(ok(capsys, "person", "list", str(case), "--json"))
    added = next(row for row in rows if row["pseudonym"] == "Aunt")
    assert (added["name"], added["aliases"]) == ("Shanice Okafor", ["Shaz"])
