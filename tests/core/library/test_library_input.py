"""A library over a folder with everything a real one holds: files that are not cases, a case from
a newer scrchron, a damaged one, an encrypted one, the same case under two names, a case open for
writing elsewhere, a case that changes while it is read. Each is listed with a reason, and
nothing is written to any case."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from library_reviews import REVIEWS, build_case, build_library_cases

from scrchron.analysis import operations
from scrchron.library import LibraryError, LibraryStore, add_cases, reading, refresh
from scrchron.store import Case


def _fingerprint(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def _statuses(library: LibraryStore) -> dict[str, tuple[str, str]]:
    return {Path(c.path).name: (c.status, c.reason) for c in library.cases()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cases = tmp_path / "reviews"
    build_library_cases(cases)
    (cases / "minutes.docx").write_bytes(b"PK\x03\x04 not really a document")
    (cases / "read me.txt").write_text("Panel notes", encoding="utf-8")
    newer = cases / "from-the-future.scrchron"
    shutil.copy(cases / "adult-a.scrchron", newer)
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE settings SET value = 'another-case' WHERE key = 'case_id'")
        conn.commit()
        conn.execute("PRAGMA user_version = 99")
    (cases / "locked.scrchron").write_bytes(os.urandom(8192))
    shutil.copy(cases / "child-t.scrchron", cases / "child-t (copy).scrchron")
    return cases


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096: page * 4096 + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def test_each_bad_file_is_listed_with_its_reason(folder: Path, tmp_path: Path) -> None:
    damaged = folder / "damaged.scrchron"
    shutil.copy(folder / "dhr-jo.scrchron", damaged)
    _damage(damaged)
    before = _fingerprint(folder)
    with LibraryStore.open(tmp_path / "learning.scrlib", create=True) as library:
        add_cases(library, [folder])
        listed = _statuses(library)
    copy, original = listed.pop("child-t (copy).scrchron"), listed.pop("child-t.scrchron")
    # The same case under two names: the first in the folder's order is read, the other names it.
    assert (copy[0], original[0]) == ("read", "duplicate")
    assert "child-t (copy).scrchron" in original[1]
    assert {name: status for name, (status, _) in listed.items()} == {
        "adult-a.scrchron": "read", "dhr-jo.scrchron": "read", "damaged.scrchron": "damaged",
        "from-the-future.scrchron": "newer", "locked.scrchron": "locked",
        "minutes.docx": "not a case", "read me.txt": "not a case"}
    assert "newer version of scrchron" in listed["from-the-future.scrchron"][1]
    assert "passphrase" in listed["locked.scrchron"][1]
    assert "damaged" in listed["damaged.scrchron"][1]
    assert all(reason for status, reason in listed.values() if status != "read")
    assert _fingerprint(folder) == before  # not a byte, not a time stamp changed


def test_a_duplicate_is_not_counted_twice(folder: Path, tmp_path: Path) -> None:
    with LibraryStore.open(tmp_path / "learning.scrlib", create=True) as library:
        add_cases(library, [folder])
        titles = [c.title for c in library.cases() if c.status == "read"]
    assert sorted(titles) == sorted(spec.review.title for spec in REVIEWS)


def test_a_case_open_for_writing_elsewhere_is_read_and_keeps_its_lock(tmp_path: Path) -> None:
    path = build_case(tmp_path, REVIEWS[0])
    with Case.open(path) as open_elsewhere:
        operations.add_finding(open_elsewhere, "Neglect was not named", themes=["Neglect"])
        with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
            add_cases(library, [path])
            assert [(c.status, c.findings) for c in library.cases()] == [("read", 3)]
        operations.add_finding(open_elsewhere, "Still writable", themes=["Neglect"])  # the writer's lock held


def test_a_case_changing_while_read_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_case(tmp_path, REVIEWS[2])
    calls = []
    real = reading._read_once

    def read_while_someone_writes(target: Path) -> object:
        result = real(target)
        if not calls:
            with Case.open(target) as case:
                operations.add_finding(case, "Written during the read", themes=["Drift and delay"])
        calls.append(target)
        return result

    monkeypatch.setattr(reading, "_read_once", read_while_someone_writes)
    with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
        add_cases(library, [path])
        assert [(c.status, c.findings) for c in library.cases()] == [("read", 2)]
    assert len(calls) == 2


def test_a_case_that_never_stops_changing_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_case(tmp_path, REVIEWS[2])
    real = reading._read_once

    def always_changing(target: Path) -> object:
        result = real(target)
        with Case.open(target) as case:
            operations.add_finding(case, "Another finding", themes=["Drift and delay"])
        return result

    monkeypatch.setattr(reading, "_read_once", always_changing)
    with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
        add_cases(library, [path])
        [case] = library.cases()
    assert (case.status, case.findings) == ("changing", 0)
    assert "changed each time it was read" in case.reason


def test_a_case_removed_from_the_folder_is_listed_missing(tmp_path: Path) -> None:
    paths = build_library_cases(tmp_path / "cases")
    with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
        add_cases(library, paths)
        paths[1].unlink()
        refresh(library)
        assert _statuses(library)[paths[1].name][0] == "missing"
        assert sum(1 for c in library.cases() if c.status == "read") == 2


def test_the_copy_counts_once_the_first_is_gone(folder: Path, tmp_path: Path) -> None:
    with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
        add_cases(library, [folder])
        assert _statuses(library)["child-t.scrchron"][0] == "duplicate"
        (folder / "child-t (copy).scrchron").unlink()
        refresh(library)
        listed = _statuses(library)
    assert listed["child-t (copy).scrchron"][0] == "missing"
    assert listed["child-t.scrchron"][0] == "read"


def test_a_case_file_is_not_taken_for_a_library(tmp_path: Path) -> None:
    path = build_case(tmp_path, REVIEWS[1])
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="is a case file, not a learning library"):
        LibraryStore.open(path)
    assert path.read_bytes() == before


def test_a_newer_or_foreign_library_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.scrlib"
    LibraryStore.open(newer, create=True).close()
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("PRAGMA user_version = 7")
    with pytest.raises(LibraryError, match="newer scrchron"):
        LibraryStore.open(newer)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(LibraryError, match="not a learning library"):
        LibraryStore.open(other)
    with pytest.raises(LibraryError, match="No learning library"):
        LibraryStore.open(tmp_path / "absent.scrlib")


def test_a_library_kept_in_the_folder_it_reads_is_not_listed(tmp_path: Path) -> None:
    build_library_cases(tmp_path)
    with LibraryStore.open(tmp_path / "learning.scrlib", create=True) as library:
        add_cases(library, [tmp_path])
        assert sorted(Path(c.path).name for c in library.cases()) == sorted(spec.name for spec in REVIEWS)
