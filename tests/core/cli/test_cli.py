"""The command line contract: names, options, JSON fields and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scrchron import __version__
from scrchron.cli import main
from scrchron.store import schema


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def case_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "child-t.scrchron"
    code, _, err = run(capsys, "new", str(path), "--title", "Child T", "--type", "cspr",
                       "--subject", "Tommy Marsh", "--scope-from", "1 January 2014",
                       "--scope-to", "2015-12-31", "--dob", "20/09/2012")
    assert code == 0, err
    return path


def add(capsys: pytest.CaptureFixture[str], case: Path, agency: str, date: str, event: str,
        *more: str) -> tuple[int, str, str]:
    return run(capsys, "add", str(case), "--agency", agency, "--date", date, "--event", event, *more)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"scrchron {__version__}"


def test_new_and_info(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", str(case_path), "--json")
    info = json.loads(out)
    assert code == 0
    assert info["title"] == "Child T" and info["type"] == "cspr"
    assert (info["scope_from"], info["scope_to"], info["dob"]) == ("2014-01-01", "2015-12-31", "2012-09-20")
    assert info["entries"] == 0 and info["schema_version"] == schema.SCHEMA_VERSION
    code, out, _ = run(capsys, "info", str(case_path))
    assert code == 0 and "Child Safeguarding Practice Review" in out


def test_new_adds_the_suffix_when_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", str(tmp_path / "review"), "--title", "Adult A", "--type", "SAR")
    assert code == 0 and (tmp_path / "review.scrchron").exists()
    assert "Safeguarding Adults Review" in out


def test_add_and_list_entries_in_date_order(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert add(capsys, case_path, "Police", "09/03/2015", "Domestic incident", "--time", "19:30")[0] == 0
    assert add(capsys, case_path, "Health Visiting", "Spring 2014", "New birth visit",
               "--action", "Universal plus offered")[0] == 0
    assert add(capsys, case_path, "Police", "2014-06-02", "Neighbour call")[0] == 0
    code, out, _ = run(capsys, "entries", str(case_path), "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["event"] for r in rows] == ["New birth visit", "Neighbour call", "Domestic incident"]
    spring, _, incident = rows
    for key in ("id", "agency", "date_text", "start", "end", "precision", "uncertain", "time",
                "event", "action", "source", "row", "flags", "group"):
        assert key in spring
    assert (spring["start"], spring["end"], spring["precision"]) == ("2014-03-01", "2014-05-31", "season")
    assert spring["date_text"] == "Spring 2014" and spring["action"] == "Universal plus offered"
    assert (incident["start"], incident["time"], incident["precision"]) == ("2015-03-09T19:30", "19:30", "time")
    assert incident["agency"] == "Police" and incident["flags"] == [] and incident["group"] is None


def test_entries_filters(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, case_path, "Police", "9 March 2015", "Strategy discussion with CSC")
    add(capsys, case_path, "School", "Autumn term 2014", "Attendance fell")
    add(capsys, case_path, "School", "2 June 2014", "Exclusion meeting")

    def events(*args: str) -> list[str]:
        code, out, err = run(capsys, "entries", str(case_path), "--json", *args)
        assert code == 0, err
        return [r["event"] for r in json.loads(out)]

    assert events("--agency", "school") == ["Exclusion meeting", "Attendance fell"]
    assert events("--agency", "Police", "--agency", "School") == [
        "Exclusion meeting", "Attendance fell", "Strategy discussion with CSC"]
    assert events("--from", "2014-10-01") == ["Attendance fell", "Strategy discussion with CSC"]
    assert events("--to", "31/12/2014") == ["Exclusion meeting", "Attendance fell"]
    assert events("--search", "strategy") == ["Strategy discussion with CSC"]


def test_hidden_entries_need_all(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, case_path, "Police", "3 May 2010", "Before the scope")
    add(capsys, case_path, "Police", "3 May 2014", "Inside the scope")
    code, out, _ = run(capsys, "entries", str(case_path), "--json")
    assert code == 0
    assert [r["event"] for r in json.loads(out)] == ["Inside the scope"]
    code, out, _ = run(capsys, "entries", str(case_path), "--json", "--all")
    rows = json.loads(out)
    assert [r["event"] for r in rows] == ["Before the scope", "Inside the scope"]
    assert rows[0]["flags"] == ["outside-scope"]
    code, out, _ = run(capsys, "entries", str(case_path), "--json", "--all", "--flag", "outside-scope")
    assert [r["event"] for r in json.loads(out)] == ["Before the scope"]


def test_entries_as_csv_and_text(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, case_path, "Police", "9 March 2015", "Visit, with a comma")
    code, out, _ = run(capsys, "entries", str(case_path), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["event"] == "Visit, with a comma" and rows[0]["start"] == "2015-03-09"
    code, out, _ = run(capsys, "entries", str(case_path))
    assert "Visit, with a comma" in out and "Police" in out


def test_parse_date_arguments_and_stdin(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "parse-date", "Jul-15", "--json")
    value = json.loads(out)
    assert code == 0
    assert value == {"text": "Jul-15", "start": "2015-07-01", "end": "2015-07-31",
                     "precision": "month", "uncertain": False, "flags": []}
    monkeypatch.setattr(sys, "stdin", io.StringIO("9 march 2015\nnonsense words\n"))
    code, out, _ = run(capsys, "parse-date")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["start"] for line in lines] == ["2015-03-09", None]
    assert "unparsed" in lines[1]["flags"]
    code, out, _ = run(capsys, "parse-date", "08/03/2014", "--order", "mdy", "--json")
    assert json.loads(out)["start"] == "2014-08-03"
    code, out, _ = run(capsys, "parse-date", "the 30th March", "--year-hint", "2014")
    assert code == 0 and "2014-03-30" in out


# -- errors: exit 1 with a short message, exit 2 for usage ----------------------------------


def assert_user_error(code: int, err: str, *phrases: str) -> None:
    assert code == 1
    assert "Traceback" not in err
    assert 1 <= len(err.strip().splitlines()) <= 2
    for phrase in phrases:
        assert phrase in err


def test_unknown_review_type_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "x.scrchron"), "--title", "T", "--type", "ncr")
    assert_user_error(code, err, "Unknown review type 'ncr'", "cspr")
    assert list(tmp_path.iterdir()) == []


def test_unreadable_dates_are_refused(case_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = case_path.read_bytes()
    code, _, err = add(capsys, case_path, "Police", "sometime after the party", "Visit")
    assert_user_error(code, err, "Cannot read the date 'sometime after the party'")
    code, _, err = run(capsys, "new", str(tmp_path / "y.scrchron"), "--title", "T", "--type", "dhr",
                       "--scope-from", "last spring-ish")
    assert_user_error(code, err, "scope start")
    assert not (tmp_path / "y.scrchron").exists()
    code, _, err = run(capsys, "entries", str(case_path), "--from", "whenever")
    assert_user_error(code, err, "--from date")
    assert case_path.read_bytes() == before


def test_not_a_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a case")
    for command in ("info", "entries"):
        code, _, err = run(capsys, command, str(bogus))
        assert_user_error(code, err, "not a scrchron case file")
    code, _, err = add(capsys, bogus, "Police", "1 May 2014", "x")
    assert_user_error(code, err, "not a scrchron case file")
    assert bogus.read_text() == "not a case"
    code, _, err = run(capsys, "info", str(tmp_path / "missing.scrchron"))
    assert_user_error(code, err, "No case file")


def test_newer_case_file_is_refused(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    before = case_path.read_bytes()
    code, _, err = add(capsys, case_path, "Police", "1 May 2014", "x")
    assert_user_error(code, err, "newer version of scrchron", "update")
    assert case_path.read_bytes() == before


def test_existing_file_is_not_overwritten(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = case_path.read_bytes()
    code, _, err = run(capsys, "new", str(case_path), "--title", "Other", "--type", "sar")
    assert_user_error(code, err, "already exists")
    assert case_path.read_bytes() == before


def test_read_only_location(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run(capsys, "new", str(tmp_path / "z.scrchron"), "--title", "T", "--type", "scr")
    assert_user_error(code, err, "read-only")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["frobnicate"],
    ["new", "x.scrchron", "--type", "cspr"],
    ["add", "x.scrchron", "--agency", "Police"],
    ["entries", "x.scrchron", "--json", "--csv"],
    ["parse-date", "--order", "ymd", "1/2/3"],
])
def test_wrong_usage_exits_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_installed_entry_point_runs_as_a_program(case_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scrchron", "info", str(case_path), "--json"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Child T"
    result = subprocess.run([sys.executable, "-m", "scrchron", "info", "/nonexistent/x.scrchron"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
