"""A write that fails (disk full, read-only media) rolls back, says so, and changes nothing.

A full disk is simulated with ``PRAGMA max_page_count`` (SQLite then fails
exactly as when the disk is full: SQLITE_FULL), and with errors raised part-way
through a write; read-only media with a read-only connection (tests run as
root, where file permissions stop nothing).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scrchron import cli
from scrchron.chronology.submission_import import import_file
from scrchron.errors import CaseFileError
from scrchron.records.case_records import Review
from scrchron.store import case as case_module
from scrchron.store import entries as entries_module
from scrchron.store.case import Case

DISK_FULL = r"^The disk is full, so Child F.scrchron could not be saved: nothing was changed\."


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "police.csv"
    rows = [f"{1 + i % 28:02d}/03/2015,Contact {i}: {'home visit and long notes ' * 8}"
            for i in range(1500)]
    path.write_text("Date,Event\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "case" / "Child F.scrchron"
    path.parent.mkdir()
    with Case.create(path, Review("Child F", "cspr")) as case:
        case.add_agency("Health")
    return path


@pytest.fixture
def opened(case_path: Path) -> Iterator[Case]:
    with Case.open(case_path) as case:
        yield case


def content(case: Case) -> str:
    """A digest of every row of every table (what 'unchanged' means for an open case)."""
    digest = hashlib.sha256()
    for (table,) in case.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        for row in sorted(repr(row) for row in case.db.conn.execute(f"SELECT * FROM [{table}]")):
            digest.update(row.encode())
    return digest.hexdigest()


def fill_disk(case: Case, spare_pages: int = 3) -> None:
    pages = case.db.conn.execute("PRAGMA page_count").fetchone()[0]
    case.db.conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def free_disk(case: Case) -> None:
    case.db.conn.execute("PRAGMA max_page_count = 1073741823")


def test_import_on_a_full_disk_rolls_back_and_says_so(opened: Case, csv_file: Path) -> None:
    before = content(opened)
    fill_disk(opened)
    with pytest.raises(CaseFileError, match=DISK_FULL + " Free some space and try again"):
        import_file(opened, csv_file, "Police")
    assert content(opened) == before
    assert [a.name for a in opened.agencies()] == ["Health"]
    free_disk(opened)  # the case stays usable: once there is room the same import works
    assert import_file(opened, csv_file, "Police").imported == 1500
    assert opened.count("entries") == 1500


def test_bulk_edit_on_a_full_disk_rolls_back(opened: Case, csv_file: Path) -> None:
    import_file(opened, csv_file, "Police")
    before = content(opened)
    fill_disk(opened, spare_pages=1)
    with pytest.raises(CaseFileError, match=DISK_FULL), opened.write() as db:
        for (entry_id,) in db.conn.execute("SELECT id FROM entries").fetchall():
            db.conn.execute("UPDATE entries SET reviewer_note = ? WHERE id = ?",
                            ["Seen by the reviewer; " * 20, entry_id])
            opened.audit("update", "entries", entry_id, "reviewer_note", None, "note")
    assert content(opened) == before


def test_cli_import_on_a_full_disk_exits_1_and_the_file_is_unchanged(
    case_path: Path, csv_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = case_module._open_connection

    def nearly_full(path: Path, read_only: bool, key: Any = None) -> Any:
        db = real(path, read_only, key)
        pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return db

    before = case_path.read_bytes()
    monkeypatch.setattr(case_module, "_open_connection", nearly_full)
    assert cli.main(["import", str(case_path), str(csv_file), "--agency", "Police"]) == 1
    err = capsys.readouterr().err
    assert "The disk is full" in err and "nothing was changed" in err and "Traceback" not in err
    assert case_path.read_bytes() == before


@pytest.mark.parametrize(("failure", "message"), [
    ("database or disk is full", DISK_FULL),
    ("disk I/O error", r"^Could not write to Child F.scrchron: disk I/O error\. Nothing was changed\.$"),
    ("attempt to write a readonly database",
     r"the location is read-only or you do not have permission .*Nothing was changed"),
])
def test_a_failure_half_way_through_an_import_leaves_nothing_behind(
    opened: Case, csv_file: Path, monkeypatch: pytest.MonkeyPatch, failure: str, message: str
) -> None:
    real_insert = entries_module.insert_entries

    def half_then_fail(case: Case, entries: Any) -> list[int]:
        entries = list(entries)
        real_insert(case, entries[: len(entries) // 2])
        raise sqlite3.OperationalError(failure)

    before = content(opened)
    monkeypatch.setattr("scrchron.chronology.submission_import.insert_entries", half_then_fail)
    with pytest.raises(CaseFileError, match=message):
        import_file(opened, csv_file, "Police")
    assert content(opened) == before


def test_case_opened_read_only_refuses_an_import_and_the_file_is_untouched(
    case_path: Path, csv_file: Path
) -> None:
    before = case_path.read_bytes()
    with Case.open(case_path, read_only=True) as reader, \
            pytest.raises(CaseFileError, match="open read-only; nothing was changed"):
        import_file(reader, csv_file, "Police")
    assert case_path.read_bytes() == before


def test_read_only_media_refuses_a_write_and_keeps_the_case(opened: Case) -> None:
    # The file sits on read-only media: SQLite can read but not write it.
    before = content(opened)
    opened.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.db = case_module._connect(opened.path, read_only=True)
    with pytest.raises(CaseFileError, match=r"read-only or you do not have permission.*Nothing was changed"):
        opened.add_agency("Police")
    assert content(opened) == before


def test_corruption_met_during_a_write_is_reported_not_raised_raw(
    opened: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def corrupt(*args: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    with pytest.raises(CaseFileError, match=r"looks damaged .*nothing was changed"), opened.write():
        corrupt()
    with pytest.raises(sqlite3.IntegrityError), opened.write() as db:  # a bug still shows as a bug
        db.conn.execute("INSERT INTO agencies (id, name) VALUES (1, 'Again')")
