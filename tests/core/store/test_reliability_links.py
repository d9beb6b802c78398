"""Hostile files and faults around the case file (issue 16, defects 1 to 5).

Links planted in the lock's place, second names of a case, an export aimed at
the case itself, foreign triggers and a WAL from another case.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.test_reliability_lock import held_elsewhere

from scrchron import cli
from scrchron.errors import CaseFileError
from scrchron.records.case_records import Entry, Review
from scrchron.store import add_entry, backups, schema
from scrchron.store.case import Case, CaseLockedError
from scrchron.store.lock import lock_path

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


# -- defect 3: an export never overwrites the case ---------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv", "docx"])
def test_export_refuses_the_case_file_itself_by_any_name(tmp_path: Path, kind: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # A case file named like an export (made by copying, since 'new' refuses the name).
    made = _case(tmp_path / "made.scrchron", entries=2)
    case_path = tmp_path / f"review.{kind}"
    shutil.copyfile(made, case_path)
    before = case_path.read_bytes()
    link = tmp_path / f"link.{kind}"
    link.symlink_to(case_path)
    for target in (case_path, link):
        status = cli.main(["export", str(case_path), str(target)])
        assert status == 1
        message = capsys.readouterr().err
        assert "it is the case file itself" in message and "Traceback" not in message
    assert case_path.read_bytes() == before


def test_export_refuses_a_backup_the_wal_and_the_lock(tmp_path: Path) -> None:
    from scrchron.export import export
    from scrchron.export.safe_write import ExportError

    case_path = _case(tmp_path / "Child L.scrchron", entries=2)
    with Case.open(case_path) as case:
        backup = backups.rotate_backup(case)
        before = backup.read_bytes()
        hard = tmp_path / "copy.csv"
        os.link(backup, hard)
        named = tmp_path / f"{backup.stem}.xlsx"  # a backup's name, another extension: not a backup
        add_entry(case, Entry(agency_id=1, event="In the WAL", date_text="9 March 2015"))
        wal, shm = tmp_path / "wal.csv", tmp_path / "shm.xlsx"
        wal.symlink_to(tmp_path / "Child L.scrchron-wal")
        shm.symlink_to(tmp_path / "Child L.scrchron-shm")
        lock = tmp_path / "lock.docx"
        lock.symlink_to(lock_path(case_path))
        wal_before = (tmp_path / "Child L.scrchron-wal").read_bytes()
        for target, what in ((hard, "a backup of the case"), (wal, "side files"), (shm, "side files"),
                             (lock, "lock file")):
            with pytest.raises(ExportError, match=what):
                export(case, target)
        export(case, named)  # an ordinary export beside them still works
        assert (tmp_path / "Child L.scrchron-wal").read_bytes() == wal_before
    assert backup.read_bytes() == before


def test_new_refuses_a_name_an_export_would_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("review.xlsx", "review.docx", "review.csv", "review.pdf"):
        status = cli.main(["new", str(tmp_path / name), "--title", "Child L", "--type", "cspr"])
        assert status == 1
        assert "the name of an export" in capsys.readouterr().err
        assert not (tmp_path / name).exists()


# -- defect 4: a foreign trigger never runs ---------------------------------------------

_WIPE = ("CREATE TRIGGER wipe_audit AFTER INSERT ON entries BEGIN DELETE FROM audit; "
         "UPDATE review SET title = 'changed'; END")


def _tamper(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def test_a_foreign_trigger_refuses_writing_and_never_fires(case_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    _tamper(case_path, _WIPE)
    with Case.open(case_path, read_only=True) as case:
        audit = len(case.audit_log())
    status = cli.main(["add", str(case_path), "--date", "9 March 2015", "--agency", "Police", "--event", "Visit"])
    message = capsys.readouterr().err
    assert status == 1 and "trigger 'wipe_audit'" in message and "changed outside scrchron" in message
    assert len(message.strip().splitlines()) == 1
    with Case.open(case_path, read_only=True) as case:  # reading is allowed: no trigger runs on a read
        assert len(case.audit_log()) == audit and case.review().title == "Child L"


@pytest.mark.parametrize("statements", [
    ("DROP TRIGGER entries_ai", "CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN "
     "UPDATE entries SET event = 'rewritten' WHERE id = new.id; END"),
    ("CREATE VIEW everything AS SELECT * FROM entries",),
    ("CREATE TABLE extra (x)",),
    ("CREATE INDEX sneaky ON audit(action)",),
])
def test_every_kind_of_foreign_object_is_refused_for_writing(case_path: Path,
                                                            statements: tuple[str, ...]) -> None:
    _tamper(case_path, *statements)
    with pytest.raises(CaseFileError, match="changed outside scrchron"):
        Case.open(case_path)


def test_a_file_with_only_the_application_id_gives_one_clear_message(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.scrchron"
    _tamper(path, f"PRAGMA application_id = {schema.APPLICATION_ID}")
    for command in (["entries", str(path)], ["add", str(path), "--date", "1 May 2015", "--agency", "P",
                                             "--event", "x"]):
        assert cli.main(command) == 1
        message = capsys.readouterr().err
        assert "holds no review" in message and len(message.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [path]  # no backup written, nothing migrated


# -- defect 15/17: a read-only command never migrates; a failed update leaves no backup ---

V1_FIXTURE = Path(__file__).parent / "data" / "v1.scrchron"


def test_read_only_commands_never_update_an_older_file(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.scrchron"
    shutil.copyfile(V1_FIXTURE, path)
    before = path.read_bytes()
    assert cli.main(["entries", str(path)]) == 0
    assert cli.main(["info", str(path)]) == 0
    capsys.readouterr()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.scrchron"]


def test_a_failed_update_of_an_older_file_leaves_no_backup_behind(tmp_path: Path) -> None:
    path = tmp_path / "old.scrchron"
    shutil.copyfile(V1_FIXTURE, path)
    _tamper(path, "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")  # v2 makes it
    for _ in range(3):
        with pytest.raises(CaseFileError):
            Case.open(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.scrchron"]


# -- defect 5: a WAL from another case is never replayed ---------------------------------

_CRASH = """
import sys, time
from pathlib import Path
from scrchron.records.case_records import Entry
from scrchron.store import add_entry
from scrchron.store.case import Case
case = Case.open(Path(sys.argv[1]))
for number in range(int(sys.argv[2])):
    add_entry(case, Entry(agency_id=1, event=f"Late visit {number}", date_text="9 March 2015"))
print("ready", flush=True)
time.sleep(60)
"""


def _crash_while_open(path: Path, entries: int) -> None:
    """Another scrchron writes entries and is killed before it closes the case."""
    import signal
    import subprocess

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen([sys.executable, "-c", _CRASH, str(path), str(entries)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdout.readline().startswith("ready")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)


def test_a_wal_copied_from_another_case_is_refused_and_the_case_kept(tmp_path: Path) -> None:
    ours = _case(tmp_path / "Child L.scrchron", entries=30)
    (tmp_path / "other").mkdir()
    other = _case(tmp_path / "other" / "Adult A.scrchron", "Adult A")
    _crash_while_open(other, 5)
    shutil.copyfile(f"{other}-wal", f"{ours}-wal")
    for read_only in (True, False):
        with pytest.raises(CaseFileError, match="holds changes from another case file"):
            Case.open(ours, read_only=read_only)
    (tmp_path / "Child L.scrchron-wal").unlink()
    with Case.open(ours, read_only=True) as case:  # the advice works: the case is whole
        assert case.count("entries") == 30 and case.review().title == "Child L"


def test_a_wal_left_by_a_crash_of_this_case_is_replayed(tmp_path: Path) -> None:
    ours = _case(tmp_path / "Child L.scrchron", entries=3)
    _crash_while_open(ours, 4)
    assert Path(f"{ours}-wal").stat().st_size > 32 and lock_path(ours).exists()
    with Case.open(ours) as case:
        assert case.count("entries") == 7
    with Case.open(ours, read_only=True) as case:
        assert case.count("entries") == 7


def test_a_foreign_wal_under_a_stale_lock_of_this_case_is_refused(tmp_path: Path) -> None:
    ours = _case(tmp_path / "Child L.scrchron", entries=3)
    _crash_while_open(ours, 2)  # leaves our lock file naming our WAL
    (tmp_path / "sub").mkdir()
    other = _case(tmp_path / "sub" / "Adult A.scrchron", "Adult A")
    _crash_while_open(other, 5)
    shutil.copyfile(f"{other}-wal", f"{ours}-wal")
    with pytest.raises(CaseFileError, match="another case file"):
        Case.open(ours)


# -- defect 13: read-only media ------------------------------------------------------------


@pytest.fixture
def read_only_media(tmp_path: Path) -> Iterator[Path]:
    """A real read-only file system holding a closed case (a tmpfs remounted read-only; needs root)."""
    import subprocess

    mount = tmp_path / "usb"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a file system here (needs root)")
    try:
        _case(mount / "Child L.scrchron", entries=4)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True, capture_output=True)
        yield mount / "Child L.scrchron"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def test_a_case_on_read_only_media_is_read_and_said_to_be_read_only(
        read_only_media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["entries", str(read_only_media), "--json"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 4
    assert "Child L.scrchron is on read-only media" in captured.err and "opened read-only" in captured.err
    with Case.open(read_only_media, read_only=True) as case:
        assert case.notice.startswith("Child L.scrchron is on read-only media")
        assert case.review().title == "Child L"
    assert cli.main(["export", str(read_only_media), str(tmp_path / "chronology.csv")]) == 0
    assert cli.main(["add", str(read_only_media), "--date", "1 May 2015", "--agency", "Police",
                     "--event", "Visit"]) == 1
    assert "read-only" in capsys.readouterr().err


def test_an_ordinary_read_only_open_has_no_notice(case_path: Path) -> None:
    with Case.open(case_path, read_only=True) as case:
        assert case.notice == ""


def test_the_window_offers_to_open_a_case_on_read_only_media_read_only(read_only_media: Path) -> None:
    from scrchron.store.lock import CaseNotWritableError
    from scrchron.ui.files.opening import is_locked_error  # what the window asks before offering "Open read-only"

    with pytest.raises(CaseNotWritableError) as caught:
        Case.open(read_only_media)
    assert is_locked_error(caught.value) and caught.value.holder is None
    assert "Open it read-only" in str(caught.value)


# -- defects 15 and 17: tampered values, long values, SQLite's many-line reports ---------------


@pytest.mark.parametrize(("statement", "what"), [
    ("UPDATE entries SET flags = 'not json' WHERE id = 1", "an entry's flags"),
    ("UPDATE review SET scope_from = 'yesterday-ish'", "a date of the review"),
    ("UPDATE review SET scope_from = '" + "9" * 70_000 + "'", "a date of the review"),
    ("UPDATE agencies SET mapping = '{bad'", "an agency's saved column mapping"),
    ("UPDATE entries SET start = 'soon' WHERE id = 1", "an entry's start or end"),
])
def test_a_tampered_value_gives_one_short_message_for_every_command(
        tmp_path: Path, statement: str, what: str, capsys: pytest.CaptureFixture[str]) -> None:
    case_path = _case(tmp_path / "Child L.scrchron", entries=2)
    _tamper(case_path, statement)
    for command in (["entries", str(case_path)], ["info", str(case_path)],
                    ["export", str(case_path), str(tmp_path / "out.csv")]):
        assert cli.main(command) == 1
        message = capsys.readouterr().err
        assert f"holds a value scrchron cannot read: {what}" in message, message
        assert len(message.strip().splitlines()) == 1 and len(message) < 400


def test_a_70_kb_date_given_on_the_command_line_is_not_echoed_whole(
        case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add", str(case_path), "--date", "x" * 70_000, "--agency", "Police", "--event", "Visit"]) == 1
    assert cli.main(["entries", str(case_path), "--from", "y" * 70_000]) == 1
    for line in capsys.readouterr().err.splitlines():
        assert len(line) < 400


def test_the_damaged_case_message_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_path = _case(tmp_path / "Child L.scrchron", entries=60)
    data = bytearray(case_path.read_bytes())
    data[3 * 4096 + 3: 3 * 4096 + 5] = b"\x7f\xff"  # page 4 claims 32,767 cells: SQLite reports it on two lines
    case_path.write_bytes(bytes(data))
    assert cli.main(["entries", str(case_path)]) == 1
    message = capsys.readouterr().err.strip()
    assert "damaged" in message and "*** in database main ***" in message, message
    assert len(message.splitlines()) == 1 and "\\x0a" not in message, message
