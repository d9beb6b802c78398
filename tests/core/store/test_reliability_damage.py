"""A damaged case file is caught on opening, with the latest good backup offered."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from scrchron import cli
from scrchron.cli import backup_commands
from scrchron.errors import CaseFileError
from scrchron.records.case_records import Entry, Review
from scrchron.store import backups, insert_entries
from scrchron.store.case import Case, CaseDamagedError


@pytest.fixture(autouse=True)
def _backup_commands_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    if backup_commands not in cli._MODULES:
        monkeypatch.setattr(cli, "_MODULES", (*cli._MODULES, backup_commands))


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "Child D.scrchron"
    with Case.create(path, Review("Child D", "cspr")) as case:
        agency = case.add_agency("Police")
        with case.write():
            insert_entries(case, [Entry(agency_id=agency.id, event=f"Visit {i} " + "x" * 200,
                                        date_text="") for i in range(300)])
    return path


def damage(path: Path) -> None:
    """Overwrite part of every third page after the first two with noise."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start + 100:start + 3000] = b"\xa5" * 2900
    path.write_bytes(bytes(data))


def backup_now(path: Path) -> Path:
    with Case.open(path) as case:
        return backups.rotate_backup(case)


def test_damaged_case_names_the_latest_good_backup_and_how_to_restore_it(case_path: Path) -> None:
    older = backup_now(case_path)
    newest = backup_now(case_path)
    damage(newest)  # the newest backup is no good either
    damage(case_path)
    for read_only in (False, True):
        with pytest.raises(CaseDamagedError) as caught:
            Case.open(case_path, read_only=read_only)
        error = caught.value
        assert isinstance(error, CaseFileError)
        assert error.latest_backup is not None and error.latest_backup.path == older
        assert error.latest_backup.entries == 300
    message = str(error)
    assert message.startswith("Child D.scrchron is damaged and cannot be opened safely (SQLite: ")
    assert f"The latest good backup is {older.name} (" in message and "300 entries" in message
    command = message.split("Restore it with: ")[1].split(" (the damaged")[0]
    assert shlex.split(command) == ["scrchron", "restore", str(case_path), older.name]
    assert cli.main(shlex.split(command)[1:]) == 0  # the command given works as written
    with Case.open(case_path) as case:
        assert case.count("entries") == 300


def test_damaged_case_without_backups_says_so(case_path: Path) -> None:
    damage(case_path)
    with pytest.raises(CaseDamagedError, match="No backup was found beside it") as caught:
        Case.open(case_path)
    assert caught.value.latest_backup is None


def test_truncated_case_is_damaged(case_path: Path) -> None:
    backup_now(case_path)
    data = case_path.read_bytes()
    case_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CaseDamagedError, match=r"The latest good backup is Child D\.backup-"):
        Case.open(case_path)


def test_garbage_after_the_sqlite_header_is_damaged(case_path: Path) -> None:
    case_path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    with pytest.raises(CaseDamagedError, match="is damaged"):
        Case.open(case_path, read_only=True)


def test_cli_refuses_a_damaged_case_in_one_clear_message(
    case_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_now(case_path)
    damage(case_path)
    assert cli.main(["entries", str(case_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("scrchron: Child D.scrchron is damaged") and "scrchron restore" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_healthy_case_passes_and_opens_as_before(case_path: Path) -> None:
    with Case.open(case_path, read_only=True) as case:
        assert case.count("entries") == 300
