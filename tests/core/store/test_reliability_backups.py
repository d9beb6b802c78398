"""Backups beside the case: before every import and update, rotated, listed, restored."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrchron import cli
from scrchron.chronology.submission_import import import_file
from scrchron.cli import backup_commands
from scrchron.errors import CaseFileError
from scrchron.records.case_records import Entry, Review
from scrchron.store import backups, insert_entries, schema
from scrchron.store.case import Case

V1_FIXTURE = Path(__file__).parent / "data" / "v1.scrchron"


@pytest.fixture(autouse=True)
def _backup_commands_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    if backup_commands not in cli._MODULES:
        monkeypatch.setattr(cli, "_MODULES", (*cli._MODULES, backup_commands))


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    folder = tmp_path / "review"
    folder.mkdir()
    path = folder / "Child B.scrchron"
    Case.create(path, Review("Child B", "cspr")).close()
    return path


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "police.csv"
    path.write_text("Date,Event\n01/03/2015,Home visit\n02/03/2015,Strategy meeting\n", encoding="utf-8")
    return path


def add_entries(case: Case, count: int, event: str = "Visit") -> None:
    agency = case.agency_named("Police")
    with case.write():
        insert_entries(case, [Entry(agency_id=agency.id, event=f"{event} {i}", date_text="")
                              for i in range(count)])


def entry_count(path: Path) -> int:
    with Case.open(path, read_only=True) as case:
        return case.count("entries")


@pytest.fixture
def opened(case_path: Path) -> Iterator[Case]:
    with Case.open(case_path) as case:
        yield case


def test_every_import_is_preceded_by_a_backup_of_the_case_as_it_was(
    opened: Case, csv_file: Path
) -> None:
    import_file(opened, csv_file, "Police")
    import_file(opened, csv_file, "Police")
    listed = backups.list_backups(opened.path)
    assert [b.entries for b in listed] == [2, 0]  # newest first: before the 2nd, before the 1st
    assert all(b.ok and b.kind == "backup" for b in listed)
    assert listed[0].path.parent == opened.path.parent
    assert listed[0].path.name.startswith("Child B.backup-") and listed[0].path.suffix == ".scrchron"
    assert [b.number for b in listed] == [1, 2]


def test_dry_run_and_refused_imports_make_no_backup(opened: Case, tmp_path: Path, csv_file: Path) -> None:
    import_file(opened, csv_file, "Police", dry_run=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing, useful\n", encoding="utf-8")
    with pytest.raises(CaseFileError.__mro__[1]):  # ScrchronError: the importer refuses it
        import_file(opened, bad, "Police")
    assert backups.list_backups(opened.path) == []


def test_a_backup_is_a_stand_alone_copy_including_what_is_still_in_the_wal(opened: Case) -> None:
    add_entries(opened, 7)
    assert Path(f"{opened.path}-wal").stat().st_size > 0  # not yet checkpointed
    made = backups.rotate_backup(opened)
    conn = sqlite3.connect(f"{made.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 7
    conn.close()
    assert not Path(f"{made}-wal").exists()
    with Case.open(made, read_only=True) as copy:  # opens like any case
        assert copy.review().title == "Child B"


def test_backup_keeps_the_case_file_permissions(opened: Case) -> None:
    opened.path.chmod(0o600)
    assert backups.rotate_backup(opened).stat().st_mode & 0o777 == 0o600


def test_only_the_newest_five_are_kept_by_default(opened: Case) -> None:
    made = [backups.rotate_backup(opened) for _ in range(7)]
    listed = backups.list_backups(opened.path)
    assert [b.path for b in listed] == made[::-1][:backups.DEFAULT_KEEP]


def test_keep_count_is_a_case_setting(opened: Case) -> None:
    for _ in range(4):
        backups.rotate_backup(opened)
    removed = backups.set_keep_count(opened, 2)
    assert len(removed) == 2 and len(backups.list_backups(opened.path)) == 2
    assert opened.setting(backups.KEEP_SETTING) == "2" and backups.keep_count(opened) == 2
    backups.rotate_backup(opened)
    assert len(backups.list_backups(opened.path)) == 2
    with pytest.raises(CaseFileError, match="between 1 and 100"):
        backups.set_keep_count(opened, 0)
    opened.set_setting(backups.KEEP_SETTING, "lots")
    assert backups.keep_count(opened) == backups.DEFAULT_KEEP


def test_update_backups_are_listed_and_never_rotated_away(tmp_path: Path) -> None:
    path = tmp_path / "old.scrchron"
    shutil.copy(V1_FIXTURE, path)
    with Case.open(path) as case:
        assert schema.user_version(case.db) == schema.SCHEMA_VERSION
        for _ in range(backups.DEFAULT_KEEP + 2):
            backups.rotate_backup(case)
    listed = backups.list_backups(path)
    kinds = [b.kind for b in listed]
    assert kinds.count("before update v1") == 1 and kinds.count("backup") == backups.DEFAULT_KEEP
    update = next(b for b in listed if b.kind != "backup")
    assert update.path.name.startswith("old.v1-backup-") and update.ok and update.entries == 3


def test_failed_backup_stops_the_import_and_changes_nothing(
    opened: Case, csv_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    before = opened.path.read_bytes()
    monkeypatch.setattr(backups, "copy_database", full)
    with pytest.raises(CaseFileError, match=r"backup .* could not be written before the change \(the disk "
                                            r"is full\)\. Nothing was changed\. Free some space"):
        import_file(opened, csv_file, "Police")
    assert opened.count("entries") == 0 and opened.agencies() == []
    opened.close()
    assert opened.path.read_bytes() == before
    assert sorted(p.name for p in opened.path.parent.iterdir()) == ["Child B.scrchron"]


def test_read_only_case_cannot_be_backed_up_for_a_change(case_path: Path) -> None:
    with Case.open(case_path, read_only=True) as reader, pytest.raises(CaseFileError, match="read-only"):
        backups.rotate_backup(reader)


def test_restore_by_number_keeps_the_current_file_as_a_backup(case_path: Path) -> None:
    with Case.open(case_path) as case:
        add_entries(case, 3)
        backups.rotate_backup(case)
        add_entries(case, 4, "Later")
    done = backups.restore_backup(case_path, "1")
    assert done.entries == 3 and entry_count(case_path) == 3
    assert done.kept_as is not None
    listed = backups.list_backups(case_path)
    assert listed[0].path == done.kept_as and listed[0].entries == 7
    again = backups.restore_backup(case_path, done.kept_as.name)  # undo the restore, by name
    assert again.entries == 7 and entry_count(case_path) == 7


def test_restore_from_a_path_elsewhere(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        add_entries(case, 2)
        copy = backups.copy_database(case.db.conn, tmp_path / "copy.scrchron")
        add_entries(case, 2)
    assert backups.restore_backup(case_path, str(copy)).entries == 2
    assert entry_count(case_path) == 2


def test_restore_does_not_replay_the_old_wal_onto_the_restored_file(case_path: Path) -> None:
    with Case.open(case_path) as case:
        backups.rotate_backup(case)
    # The current file has committed work still in its WAL (as after a crash).
    conn = sqlite3.connect(case_path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO agencies (name) VALUES ('Police')")
    conn.commit()
    snapshot = case_path.read_bytes(), Path(f"{case_path}-wal").read_bytes()
    conn.close()
    case_path.write_bytes(snapshot[0])
    Path(f"{case_path}-wal").write_bytes(snapshot[1])
    done = backups.restore_backup(case_path, "1")
    with Case.open(case_path) as restored:
        assert restored.agencies() == []
        assert restored.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert done.kept_as is not None
    with Case.open(done.kept_as, read_only=True) as kept:
        assert [a.name for a in kept.agencies()] == ["Police"]


def test_restore_refuses_a_damaged_backup_and_a_missing_one(case_path: Path) -> None:
    before = case_path.read_bytes()
    with Case.open(case_path) as case:
        made = backups.rotate_backup(case)
    made.write_bytes(made.read_bytes()[:5000])
    listed = backups.list_backups(case_path)
    assert listed[0].ok is False and listed[0].entries is None
    with pytest.raises(CaseFileError, match="damaged or is not a scrchron case file"):
        backups.restore_backup(case_path, "1")
    with pytest.raises(CaseFileError, match=r"There is no backup .9..*scrchron backups"):
        backups.restore_backup(case_path, "9")
    with pytest.raises(CaseFileError, match="the case file itself"):
        backups.restore_backup(case_path, str(case_path))
    assert case_path.read_bytes() == before


def test_restore_a_damaged_case_keeps_the_damaged_file_aside(case_path: Path) -> None:
    with Case.open(case_path) as case:
        add_entries(case, 5)
        backups.rotate_backup(case)
    damage(case_path)
    done = backups.restore_backup(case_path, "1")
    assert done.kept_as is not None and done.kept_as.name.startswith("Child B.damaged-")
    assert entry_count(case_path) == 5


def damage(path: Path) -> None:
    """Overwrite the middle pages of a (closed) case file with noise."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start + 100:start + 3000] = b"\xa5" * 2900
    path.write_bytes(bytes(data))


# -- the command line ------------------------------------------------------------


def test_cli_backups_lists_as_text_and_json(case_path: Path, csv_file: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["backups", str(case_path)]) == 0
    assert "No backups of Child B.scrchron yet" in capsys.readouterr().out
    assert cli.main(["import", str(case_path), str(csv_file), "--agency", "Police"]) == 0
    assert cli.main(["backups", str(case_path), "--now"]) == 0
    out = capsys.readouterr().out
    assert "Backed up to Child B.backup-" in out and "2 entries" in out and "0 entries" in out
    assert f'Restore one with: scrchron restore "{case_path}" NUMBER' in out
    assert cli.main(["backups", str(case_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["number"], b["entries"], b["ok"]) for b in listed] == [(1, 2, True), (2, 0, True)]
    assert set(listed[0]) == {"number", "file", "path", "when", "kind", "size", "entries", "ok"}


def test_cli_keep_option(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(3):
        assert cli.main(["backups", str(case_path), "--now"]) == 0
    capsys.readouterr()
    assert cli.main(["backups", str(case_path), "--keep", "1", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert cli.main(["backups", str(case_path), "--keep", "0"]) == 1
    assert "between 1 and 100" in capsys.readouterr().err


def test_cli_restore(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Case.open(case_path) as case:
        add_entries(case, 2)
    assert cli.main(["backups", str(case_path), "--now"]) == 0
    with Case.open(case_path) as case:
        add_entries(case, 2)
    capsys.readouterr()
    assert cli.main(["restore", str(case_path), "1"]) == 0
    out = capsys.readouterr().out
    assert "Restored Child B.scrchron from Child B.backup-" in out and "(2 entries)" in out
    assert "The case as it was is kept as Child B.backup-" in out
    assert cli.main(["restore", str(case_path), "1", "--json"]) == 0  # undo: the copy kept
    result = json.loads(capsys.readouterr().out)
    assert result["entries"] == 4 and entry_count(case_path) == 4
    assert cli.main(["restore", str(case_path), "nothing-like-it"]) == 1
    err = capsys.readouterr().err
    assert "There is no backup 'nothing-like-it'" in err and "Traceback" not in err


def test_cli_backups_works_on_a_damaged_case(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["backups", str(case_path), "--now"]) == 0
    damage(case_path)
    capsys.readouterr()
    assert cli.main(["backups", str(case_path)]) == 0
    assert "0 entries" in capsys.readouterr().out
