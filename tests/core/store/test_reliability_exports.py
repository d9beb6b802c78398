"""Exports under faults and hostile data (issue 16, defects 11, 12, 14, 16).

A killed export leaves nothing readable behind for long, a full disk gets a
message, and every CSV or terminal line scrchron writes is safe to open.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from scrchron import cli
from scrchron.export import export
from scrchron.export.safe_write import ExportError
from scrchron.records.case_records import Entry, Review
from scrchron.store import add_entry
from scrchron.store.case import Case


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "Child E.scrchron"
    with Case.create(path, Review("Child E", "cspr")) as case:
        agency = case.add_agency("Police")
        for number, event in enumerate(["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1",
                                        "=DDE(\"cmd\";\"/c calc\";\"x\")", "@SUM(A1)",
                                        "Visit \x1b[2J\x1b]0;owned\x07 done"]):
            add_entry(case, Entry(agency_id=agency.id, event=event, date_text=f"{number + 1} March 2015"))
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- defect 11: temporary files -------------------------------------------------------------


def test_what_a_killed_export_left_is_removed_by_the_next_one(tmp_path: Path, case_path: Path) -> None:
    dead = _dead_pid()
    stale_file = tmp_path / f".~scrchron-{dead}-chronology.abc123.xlsx.tmp"
    stale_file.write_text("<sheetData>Child E's chronology in plain text</sheetData>")
    stale_folder = tmp_path / f".~scrchron-{dead}-work.xyz"
    stale_folder.mkdir()
    (stale_folder / "sheet.xml").write_text("<row>plain text</row>")
    old_style = tmp_path / ".~chronology.q1w2e3.csv.tmp"
    old_style.write_text("partial")
    os.utime(old_style, (1, 1))
    live = tmp_path / f".~scrchron-{os.getpid()}-other.abc.csv.tmp"  # another export of ours, running
    live.write_text("in progress")
    with Case.open(case_path, read_only=True) as case:
        export(case, tmp_path / "chronology.csv")
    assert not stale_file.exists() and not stale_folder.exists() and not old_style.exists()
    assert live.exists()


def test_the_spreadsheet_writer_spills_only_into_a_private_folder_beside_the_export(
        tmp_path: Path, case_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    seen: list[tuple[int, list[int]]] = []

    def progress(_done: int, _total: int) -> None:
        for folder in tmp_path.glob(".~scrchron-*-work.*"):
            seen.append((stat.S_IMODE(folder.stat().st_mode),
                         [stat.S_IMODE(f.stat().st_mode) for f in folder.iterdir()]))

    with Case.open(case_path, read_only=True) as case:
        export(case, tmp_path / "chronology.xlsx", progress=progress)
    assert seen and all(mode == 0o700 and all(m == 0o600 for m in files) for mode, files in seen)
    assert any(files for _, files in seen)  # the sheet did spill there
    assert list(system_temp.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


# -- defect 12: a full disk during an export ----------------------------------------------------


def _full(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(("kind", "target"), [
    ("csv", "scrchron.export.formatting.SafeCsvWriter.writerow"),
    ("xlsx", "openpyxl.Workbook.save"),
    ("docx", "scrchron.export.report.save_report"),
])
def test_a_full_disk_during_an_export_gives_a_message_and_leaves_nothing(
        tmp_path: Path, case_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], kind: str, target: str) -> None:
    monkeypatch.setattr(target, _full)
    gc.collect()  # an earlier test's abandoned openpyxl stream must not speak during this one
    capsys.readouterr()
    status = cli.main(["export", str(case_path), str(tmp_path / f"out.{kind}")])
    message = capsys.readouterr().err
    assert status == 1 and "The disk is full, so out." in message and "Traceback" not in message
    assert len(message.strip().splitlines()) == 1
    gc.collect()  # this test's own (openpyxl's stream, abandoned by the failed save) speaks here
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("Child E.scrchron")] == []


def test_a_full_disk_raises_an_export_error_from_the_core(tmp_path: Path, case_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scrchron.export.formatting.SafeCsvWriter.writerow", _full)
    with Case.open(case_path, read_only=True) as case, pytest.raises(ExportError, match="disk is full"):
        export(case, tmp_path / "out.csv")


# -- defect 14: every CSV goes through the formula guard ------------------------------------------


def test_entries_csv_writes_no_live_formula(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["entries", str(case_path), "--csv"]) == 0
    import csv
    import io

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    events = [row[rows[0].index("event")] for row in rows[1:]]
    assert len(events) == 5
    assert not [e for e in events if e.startswith(("=", "+", "-", "@"))]
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in events and "'+1+1" in events


# -- defect 16: control characters never reach the terminal raw -------------------------------------


def test_entries_and_messages_escape_control_characters(tmp_path: Path, case_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["entries", str(case_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Visit \\x1b[2J\\x1b]0;owned\\x07 done" in out
    assert cli.main(["entries", str(tmp_path / "bad\x1b]0;title\x07.scrchron")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "bad\\x1b]0;title\\x07.scrchron" in err
