"""Case files protected with a passphrase: nothing readable on disk, clear refusals, conversions."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import TEST_PASSPHRASE

from scrchron.errors import CaseFileError
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, backups, insert_entries, list_entries, protection, schema
from scrchron.store.case import CaseDamagedError, CaseLockedError
from scrchron.store.cipher import NotProtectedError, PassphraseNeededError, WrongPassphraseError

V1_FIXTURE = Path(__file__).parent / "data" / "v1.scrchron"
#: An invented event no real chronology holds: found in a file, it was written there in plain text.
MARKER = "Quokkaflight home visit by the Zebrine family support worker"
OTHER_PASSPHRASE = "Another invented passphrase 42"


def protected_case(folder: Path, entries: int = 50) -> Path:
    """A closed protected case holding ``entries`` entries carrying MARKER, and one backup."""
    path = folder / "Child Q.scrchron"
    with Case.create(path, Review("Child Q", "cspr", subject_name="Quentin Invented"),
                     passphrase=TEST_PASSPHRASE) as case:
        police = case.add_agency("Police").id
        with case.write():
            insert_entries(case, [Entry(agency_id=police, event=f"{MARKER} {n}", start="2015-03-09",
                                        end="2015-03-09", precision="day", date_text="9.3.15")
                                  for n in range(entries)])
        backups.rotate_backup(case)
    return path


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def plain_finds(folder: Path, text: str) -> list[str]:
    """Every file under ``folder`` holding ``text`` in UTF-8 or UTF-16 (SQLite's two text forms)."""
    needles = [text.encode("utf-8"), text.encode("utf-16-le")]
    return [name for name, data in files_under(folder).items() if any(n in data for n in needles)]


def test_nothing_of_a_protected_case_is_readable_on_disk(tmp_path: Path) -> None:
    path = protected_case(tmp_path)
    with Case.open(path, passphrase=TEST_PASSPHRASE) as case:
        assert case.protected
        assert len(list_entries(case, EntryQuery(search="Quokkaflight"))) == 50  # FTS5 works
        worker = case.for_thread()
        try:
            assert worker.key == case.key and len(list_entries(worker)) == 50
        finally:
            worker.close()
        files = files_under(tmp_path)  # with the WAL and its index open
    assert len(files) >= 2
    assert plain_finds(tmp_path, "Quokkaflight") == []
    assert plain_finds(tmp_path, "Quentin Invented") == []
    assert not any(data.startswith(b"SQLite format 3") for data in files.values())


def test_a_protected_case_without_its_passphrase_says_so(tmp_path: Path) -> None:
    path = protected_case(tmp_path, entries=1)
    with pytest.raises(PassphraseNeededError, match="This review is protected with a passphrase"):
        Case.open(path)
    with pytest.raises(PassphraseNeededError):
        Case.open(path, read_only=True)


def test_three_wrong_passphrases_change_nothing_and_lock_nothing(tmp_path: Path) -> None:
    path = protected_case(tmp_path, entries=3)
    before = files_under(tmp_path)
    for wrong in ("Not the passphrase", TEST_PASSPHRASE.lower(), TEST_PASSPHRASE + " "):
        with pytest.raises(WrongPassphraseError, match=r"does not open Child Q\.scrchron; nothing was changed"):
            Case.open(path, passphrase=wrong)
    assert files_under(tmp_path) == before
    with Case.open(path, passphrase=TEST_PASSPHRASE) as case:
        assert len(list_entries(case)) == 3


def test_a_plain_case_opened_with_a_passphrase_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "plain.scrchron"
    Case.create(path, Review("Child P", "cspr")).close()
    before = files_under(tmp_path)
    with pytest.raises(NotProtectedError, match="is not protected with a passphrase"):
        Case.open(path, passphrase=TEST_PASSPHRASE)
    assert files_under(tmp_path) == before


def test_what_is_not_a_case_file_is_named_so_with_or_without_a_passphrase(tmp_path: Path) -> None:
    notes = tmp_path / "notes.scrchron"
    notes.write_text("Minutes of the panel meeting\n" * 200, encoding="utf-8")
    for passphrase in (None, TEST_PASSPHRASE):
        with pytest.raises(CaseFileError, match="is not a scrchron case file"):
            Case.open(notes, passphrase=passphrase)


def test_a_damaged_page_of_a_protected_case_names_its_latest_backup(tmp_path: Path) -> None:
    path = protected_case(tmp_path, entries=400)
    data = bytearray(path.read_bytes())
    page = 4096 * (len(data) // 4096 // 2)  # a page in the middle: entries, not the header
    data[page + 100: page + 164] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(CaseDamagedError, match="is damaged") as raised:
        Case.open(path, passphrase=TEST_PASSPHRASE)
    assert raised.value.latest_backup is not None
    assert raised.value.latest_backup.entries == 400  # read with the case's key


_SECOND_SCRCHRON = """
import sys
from scrchron.store import Case
try:
    Case.open(sys.argv[1], passphrase=sys.argv[2]).close()
except Exception as error:
    print(type(error).__name__)
"""


def test_one_writer_at_a_time_on_a_protected_case(tmp_path: Path) -> None:
    path = protected_case(tmp_path, entries=1)
    with Case.open(path, passphrase=TEST_PASSPHRASE):
        second = subprocess.run([sys.executable, "-c", _SECOND_SCRCHRON, str(path), TEST_PASSPHRASE],
                                capture_output=True, text=True, timeout=120, check=True)
        assert second.stdout.strip() == CaseLockedError.__name__
        with Case.open(path, read_only=True, passphrase=TEST_PASSPHRASE) as reader:
            assert len(list_entries(reader)) == 1


def test_backups_are_protected_and_restore_with_the_case_key(tmp_path: Path) -> None:
    path = protected_case(tmp_path, entries=2)
    with Case.open(path, passphrase=TEST_PASSPHRASE) as case:
        key = case.key
        listed = backups.list_backups(path, key=key)
        assert [b.entries for b in listed] == [2] and listed[0].ok
        assert backups.list_backups(path)[0].ok is False  # without the key nothing can be read
        with case.write():
            insert_entries(case, [Entry(agency_id=1, event="Added after the backup")])
    done = backups.restore_backup(path, "1", key=key)
    assert done.entries == 2
    with Case.open(path, passphrase=TEST_PASSPHRASE) as case:
        assert len(list_entries(case)) == 2
    assert plain_finds(tmp_path, "Quokkaflight") == [] and plain_finds(tmp_path, "Added after") == []


def test_protect_change_and_remove_the_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "Child R.scrchron"
    with Case.create(path, Review("Child R", "cspr")) as case:
        with case.write():
            insert_entries(case, [Entry(agency_id=case.add_agency("School").id, event=MARKER)])
        backups.rotate_backup(case)
    assert plain_finds(tmp_path, "Quokkaflight")  # a plain case: readable by anyone

    done = protection.protect(path, TEST_PASSPHRASE)
    assert len(done.backups) == 1 and done.failed == []
    assert plain_finds(tmp_path, "Quokkaflight") == []
    protection.change_passphrase(path, TEST_PASSPHRASE, OTHER_PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        Case.open(path, passphrase=TEST_PASSPHRASE)
    with Case.open(path, passphrase=OTHER_PASSPHRASE) as case:
        assert [e.event for e in list_entries(case, EntryQuery(search="Zebrine"))] == [MARKER]
        assert backups.list_backups(path, key=case.key)[0].ok
    protection.unprotect(path, OTHER_PASSPHRASE)
    with Case.open(path) as case:
        assert [e.event for e in list_entries(case, EntryQuery(search="Zebrine"))] == [MARKER]
        assert backups.list_backups(path)[0].ok


def test_a_wrong_passphrase_converts_nothing(tmp_path: Path) -> None:
    path = protected_case(tmp_path, entries=2)
    before = files_under(tmp_path)
    with pytest.raises(WrongPassphraseError):
        protection.change_passphrase(path, "Not the passphrase", OTHER_PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        protection.unprotect(path, "Not the passphrase")
    with pytest.raises(CaseFileError, match="already protected with a passphrase; nothing was changed"):
        protection.protect(path, OTHER_PASSPHRASE)
    assert files_under(tmp_path) == before


def test_an_older_protected_file_is_backed_up_protected_then_updated(tmp_path: Path) -> None:
    path = tmp_path / "old.scrchron"
    shutil.copy(V1_FIXTURE, path)
    protection.export_file(path, None, path, protection.CaseKey.new(TEST_PASSPHRASE))
    with Case.open(path, read_only=True, passphrase=TEST_PASSPHRASE) as reader:  # read-only: untouched
        assert len(list_entries(reader)) == 3
    with Case.open(path, passphrase=TEST_PASSPHRASE) as case:
        assert schema.user_version(case.db) == schema.SCHEMA_VERSION
        assert [e.event for e in list_entries(case, EntryQuery(search="shouting"))] == [
            "Neighbour reported shouting"]
        key = case.key
    (update_backup,) = tmp_path.glob("old.v1-backup-*.scrchron")
    assert backups.inspect_case_file(update_backup, key) == (3, True)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(update_backup).execute("SELECT count(*) FROM entries").fetchone()
    assert plain_finds(tmp_path, "shouting") == []
