"""Hostile files and faults around the case file (issue 16, defects 1 to 5).

Links planted in the lock's place, second names of a case, an export aimed at
the case itself, foreign triggers and a WAL from another case.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from scrchron import cli
from scrchron.errors import CaseFileError
from scrchron.model import Entry, Review
from scrchron.store import add_entry, backups
from scrchron.store.case import Case, CaseLockedError
from scrchron.store.lock import lock_path
from tests.test_reliability_lock import held_elsewhere

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")


def _case(path: Path, title: str = "Child L", entries: int = 0) -> Path:
    with Case.create(path, Review(title, "cspr")) as case:
        agency = case.add_agency("Police")
        for number in range(entries):
            add_entry(case, Entry(agency_id=agency.id, event=f"Visit {number}", date_text="9 March 2015"))
    return path


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return _case(tmp_path / "Child L.scrchron")


# -- defect 1: the lock file must never be followed -------------------------------------


def test_a_lock_planted_as_a_link_to_another_review_leaves_that_review_intact(
        tmp_path: Path, case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = _case(tmp_path / "Adult A.scrchron", "Adult A", entries=3)
    before = other.read_bytes()
    lock_path(case_path).symlink_to(other)
    status = cli.main(["add", str(case_path), "--date", "9 March 2015", "--agency", "Police",
                       "--event", "Visit"])
    assert status == 1
    message = capsys.readouterr().err
    assert "lock file Child L.scrchron.lock is a link to another file" in message
    assert "Traceback" not in message and len(message.strip().splitlines()) == 1
    assert other.read_bytes() == before
    with Case.open(other, read_only=True) as intact:
        assert intact.count("entries") == 3


def test_a_lock_planted_as_a_hard_link_to_another_file_is_not_written(
        tmp_path: Path, case_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("the reviewer's notes", encoding="utf-8")
    os.link(other, lock_path(case_path))
    with pytest.raises(CaseFileError, match="hard link"):
        Case.open(case_path)
    assert other.read_text(encoding="utf-8") == "the reviewer's notes"


def test_a_folder_in_the_locks_place_is_reported_as_a_folder(case_path: Path) -> None:
    lock_path(case_path).mkdir()
    with pytest.raises(CaseFileError) as caught:
        Case.open(case_path)
    assert "is a folder" in str(caught.value) and "read-only" not in str(caught.value).split(",")[0]


def test_a_fifo_in_the_locks_place_is_refused_without_hanging(case_path: Path) -> None:
    os.mkfifo(lock_path(case_path))
    with pytest.raises(CaseFileError, match="not an ordinary file"):
        Case.open(case_path)


# -- defect 2: every name of one case shares one lock -----------------------------------


def test_a_symlink_to_a_held_case_is_refused_to_a_second_writer(tmp_path: Path, case_path: Path) -> None:
    link = tmp_path / "shortcut.scrchron"
    link.symlink_to(case_path)
    with held_elsewhere(case_path), pytest.raises(CaseLockedError):
        Case.open(link)


def test_a_case_held_through_a_symlink_is_refused_by_its_real_name(tmp_path: Path, case_path: Path) -> None:
    link = tmp_path / "shortcut.scrchron"
    link.symlink_to(case_path)
    with held_elsewhere(link), pytest.raises(CaseLockedError):
        Case.open(case_path)


def test_a_hard_link_to_a_case_is_never_a_second_writer(tmp_path: Path, case_path: Path) -> None:
    second = tmp_path / "second name.scrchron"
    os.link(case_path, second)
    with pytest.raises(CaseFileError, match="2 names on disk"):
        Case.open(second)
    with pytest.raises(CaseFileError, match="2 names on disk"):
        Case.open(case_path)
    with Case.open(second, read_only=True) as reader:  # reading stays possible
        assert reader.review().title == "Child L"


def test_restore_through_a_symlink_restores_the_real_file_and_keeps_the_link(
        tmp_path: Path, case_path: Path) -> None:
    link = tmp_path / "shortcut.scrchron"
    link.symlink_to(case_path)
    with Case.open(link) as case:
        backups.rotate_backup(case)
        add_entry(case, Entry(agency_id=1, event="After the backup", date_text="9 March 2015"))
    assert [b.path.parent for b in backups.list_backups(link)] == [case_path.parent]
    backups.restore_backup(link, "1")
    assert link.is_symlink() and os.readlink(link) == str(case_path)
    with Case.open(case_path, read_only=True) as restored:
        assert restored.count("entries") == 0
