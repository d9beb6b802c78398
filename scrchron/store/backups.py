"""Backups of a case file: taken before every import and update, listed, restored.

Where: beside the case file, in the same folder, so that a reviewer sees them,
copies or deletes them together with the case (they hold the same personal
data), and so that a restore is one atomic rename on one file system::

    Child T.scrchron                                the case
    Child T.backup-20250312-141503-120754.scrchron  before an import or a restore
    Child T.v1-backup-20250312-141503.scrchron      before updating an older file

A backup is a complete case file in its own right (made with SQLite's backup
API, so it is consistent even while the case is in WAL mode, then written
atomically): it can be opened read-only like any case. The newest
``backups_keep`` (a case setting, default :data:`DEFAULT_KEEP`) ordinary
backups are kept; update backups are never deleted automatically, because
they are the only copy of the file in its older format.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import sys
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from scrchron.errors import CaseFileError, Remedy
from scrchron.store import cipher, schema
from scrchron.store.case_files import failure_reason, real_case_path
from scrchron.store.cipher import CaseKey
from scrchron.store.lock import CaseLock


class OpenCase(Protocol):
    """What the backup rotation needs of an open case (``scrchron.store.case.Case`` is one).

    Declared here so this module sits below ``case.py``: the case backs up before a
    migration through this module, and this module never imports the case.
    """

    path: Path
    read_only: bool
    key: CaseKey | None

    @property
    def db(self) -> Any: ...  # sqlite_utils.Database
    def setting(self, key: str, default: str = "") -> str: ...
    def set_setting(self, key: str, value: str) -> None: ...


DEFAULT_KEEP = 5
"""How many ordinary backups are kept when the case does not say."""

KEEP_SETTING = "backups_keep"
"""The case setting holding how many ordinary backups to keep."""

MAX_KEEP = 100

_STAMP = "%Y%m%d-%H%M%S-%f"
_WAL_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Backup:
    """One backup of a case file, as listed by :func:`list_backups`.

    Attributes:
        number: 1 for the newest, 2 for the one before...
        path: the backup file.
        taken: when it was taken (local time, from its name).
        kind: 'backup' (before an import or a restore) or 'before update vN'.
        size: its size in bytes.
        entries: how many entries it holds (None when unreadable or not checked).
        ok: True when it passed SQLite's quick check (False when not checked).
    """

    number: int
    path: Path
    taken: datetime
    kind: str
    size: int
    entries: int | None
    ok: bool

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``scrchron backups --json``."""
        return {"number": self.number, "file": self.path.name, "path": str(self.path),
                "when": self.taken.isoformat(timespec="seconds"), "kind": self.kind,
                "size": self.size, "entries": self.entries, "ok": self.ok}


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_backup` did."""

    case_path: Path
    restored_from: Path
    kept_as: Path | None
    entries: int


# -- names -------------------------------------------------------------------


def _suffix(case_path: Path) -> str:
    return case_path.suffix or ".scrchron"


def _pattern(case_path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(case_path.stem) + r"\.(?:v(\d+)-)?backup-(\d{8}-\d{6})(?:-(\d{6}))?"
        + re.escape(_suffix(case_path)) + "$"
    )


def backup_path(case_path: Path, when: datetime | None = None, version: int | None = None) -> Path:
    """A new backup's path beside ``case_path`` (never an existing file)."""
    when = when or datetime.now()
    tag = f"v{version}-backup" if version is not None else "backup"
    while True:
        target = case_path.with_name(f"{case_path.stem}.{tag}-{when.strftime(_STAMP)}"
                                     f"{_suffix(case_path)}")
        if not target.exists() and not _partial(target).exists():
            return target
        when = when.replace(microsecond=(when.microsecond + 1) % 1_000_000)


def _partial(target: Path) -> Path:
    return target.with_name(target.name + ".partial")


def _parse(case_path: Path, path: Path) -> tuple[datetime, str] | None:
    found = _pattern(case_path).match(path.name)
    if not found:
        return None
    version, stamp, micro = found.groups()
    taken = datetime.strptime(f"{stamp}-{micro or '000000'}", _STAMP)
    return taken, (f"before update v{version}" if version else "backup")


# -- taking backups ----------------------------------------------------------


def copy_database(source: sqlite3.Connection, target: Path, mode_of: Path | None = None,
                  key: CaseKey | None = None) -> Path:
    """Copy an open database to ``target`` with SQLite's backup API, atomically.

    The copy is written to ``target.partial``, made a stand-alone file (no WAL),
    flushed to disk and only then renamed, so ``target`` is complete or absent.

    Args:
        source: an open connection (its committed state is copied).
        target: the file to write; must not exist.
        mode_of: a file whose permissions the copy takes (the case file).
        key: the protected case's key (the copy is encrypted with it, as the source is).

    Returns:
        ``target``.
    """
    partial = _partial(target)
    partial.unlink(missing_ok=True)
    try:
        # Created private first: the copy holds the case's personal data from its first page.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with closing(cipher.connect(partial, key)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        if mode_of is not None:
            shutil.copymode(mode_of, partial)
        _fsync(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def rotate_backup(case: OpenCase, keep: int | None = None) -> Path:
    """Back up an open writable case beside itself, then keep only the newest ``keep``.

    Call before a change, outside ``case.write()``: importing calls it before
    writing a submission. ``keep`` defaults to the case setting ``backups_keep``.

    Raises:
        CaseFileError: the case is read-only, or the backup cannot be written
            (disk full, read-only place); then nothing was changed.
    """
    if case.read_only:
        raise CaseFileError(f"{case.path.name} is open read-only; nothing was changed.")
    if case.db.conn.in_transaction:
        raise RuntimeError("rotate_backup() must be called outside case.write()")
    _remove_partials(case.path)
    try:
        made = copy_database(case.db.conn, backup_path(case.path), mode_of=case.path, key=case.key)
    except cipher.OS_OR_DATABASE as error:
        reason = failure_reason(error)
        advice = " Free some space and try again." if reason == "the disk is full" else ""
        raise CaseFileError(
            f"A backup of {case.path.name} could not be written before the change ({reason}). "
            f"Nothing was changed.{advice}"
        ) from None
    prune(case.path, keep if keep is not None else keep_count(case))
    return made


def backup_before_update(path: Path, version: int, key: CaseKey | None = None) -> Path:
    """Back up a case file of an older format before it is updated; return the copy.

    Raises:
        OSError, sqlite3.Error: the copy could not be written.
    """
    with closing(cipher.connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)) as source:
        return copy_database(source, backup_path(path, version=version), mode_of=path, key=key)


def keep_count(case: OpenCase) -> int:
    """How many ordinary backups this case keeps (the setting, else the default)."""
    return _keep_value(case.setting(KEEP_SETTING, ""))


def _keep_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        return DEFAULT_KEEP
    return min(max(value, 1), MAX_KEEP)


def set_keep_count(case: OpenCase, keep: int) -> list[Path]:
    """Store how many ordinary backups to keep (1 to 100) and delete older ones.

    Returns:
        The backups deleted.
    """
    if not 1 <= keep <= MAX_KEEP:
        raise CaseFileError(f"Keep between 1 and {MAX_KEEP} backups (not {keep}).")
    case.set_setting(KEEP_SETTING, str(keep))
    return prune(case.path, keep)


def prune(case_path: Path, keep: int) -> list[Path]:
    """Delete ordinary backups beyond the newest ``keep``; update backups stay.

    Returns:
        The backups deleted.
    """
    ordinary = [b for b in list_backups(case_path, check=False) if b.kind == "backup"]
    removed = []
    for backup in ordinary[max(keep, 1):]:
        with suppress(OSError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def _remove_partials(case_path: Path) -> None:
    """Remove half-written backups left by a scrchron that was killed while writing one."""
    pattern = _pattern(case_path)
    for path in _siblings(case_path):
        if path.name.endswith(".partial") and pattern.match(path.name[: -len(".partial")]):
            with suppress(OSError):
                path.unlink()


# -- what belongs to a case -------------------------------------------------


def part_of_case(case_path: Path, candidate: Path) -> str:
    """What ``candidate`` is to the case ('the case file', 'a backup of it'...), or ''.

    Compared by real path (links followed) and, for files that exist, by device and
    inode, so that no other name of these files escapes. Used to refuse writing an
    export over the case, its backups, its WAL/SHM/journal or its lock.
    """
    from scrchron.store.lock import lock_path  # local: keeps the import graph as it was

    real = real_case_path(case_path)
    named = [(real, "the case file itself"), (lock_path(real), "the case's lock file")]
    named += [(Path(f"{real}{extra}"), "one of the case's SQLite side files") for extra in _WAL_FILES]
    named += [(real.with_name(real.name + tail), "a file scrchron is writing")
              for tail in (".creating", ".restoring")]
    wanted = Path(os.path.realpath(candidate))
    for path, what in named:
        if wanted == Path(os.path.realpath(path)) or _same_file(candidate, path):
            return what
    if _pattern(real).match(wanted.name) and wanted.parent == real.parent:
        return "a backup of the case"
    for backup in list_backups(real, check=False):
        if _same_file(candidate, backup.path):
            return "a backup of the case"
    return ""


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


# -- listing -----------------------------------------------------------------


def _siblings(case_path: Path) -> list[Path]:
    try:
        return list(case_path.parent.iterdir())
    except OSError:
        return []


def list_backups(case_path: Path | str, check: bool = True, key: CaseKey | None = None) -> list[Backup]:
    """Every backup of a case file, newest first (numbered from 1).

    Works without opening the case, so it also serves when the case is
    damaged or open elsewhere.

    Args:
        case_path: the case file.
        check: read each backup (quick check, entry count); slower.
        key: the protected case's key (its backups are read with it).
    """
    case_path = real_case_path(Path(case_path))
    found = []
    for path in _siblings(case_path):
        parsed = _parse(case_path, path)
        if parsed is not None and path.is_file():
            found.append((parsed[0], parsed[1], path))
    found.sort(key=lambda item: (item[0], item[2].name), reverse=True)
    return [_describe(number, path, taken, kind, check, key)
            for number, (taken, kind, path) in enumerate(found, start=1)]


def _describe(number: int, path: Path, taken: datetime, kind: str, check: bool,
              key: CaseKey | None) -> Backup:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    entries, ok = inspect_case_file(path, key) if check else (None, False)
    return Backup(number, path, taken, kind, size, entries, ok)


def inspect_case_file(path: Path, key: CaseKey | None = None) -> tuple[int | None, bool]:
    """(entry count, passed the quick check) for a closed case file, read as it is."""
    try:
        with closing(_immutable(path, key)) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            entries = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
    except cipher.OS_OR_DATABASE:
        return None, False
    return entries, app_id == schema.APPLICATION_ID and check == "ok"


def _immutable(path: Path, key: CaseKey | None) -> sqlite3.Connection:
    """A connection reading a closed file exactly as it lies (no side files, no locks)."""
    return cipher.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", key, uri=True)


def latest_good_backup(case_path: Path | str, key: CaseKey | None = None) -> Backup | None:
    """The newest backup that passes the quick check, if any (read with ``key`` when protected)."""
    for backup in list_backups(case_path, check=False):
        entries, ok = inspect_case_file(backup.path, key)
        if ok:
            return Backup(backup.number, backup.path, backup.taken, backup.kind, backup.size,
                          entries, ok)
    return None


def find_backup(case_path: Path | str, which: str) -> Path:
    """A backup named by its number in the list (1 = newest), its file name or a path.

    Raises:
        CaseFileError: there is no such backup.
    """
    case_path = real_case_path(Path(case_path))
    text = which.strip()
    if text.isdigit():
        listed = list_backups(case_path, check=False)
        if 1 <= int(text) <= len(listed):
            return listed[int(text) - 1].path
    else:
        for candidate in (Path(text), case_path.parent / text):
            if candidate.is_file():
                return candidate
    raise CaseFileError(f"There is no backup '{which}' of {case_path.name}.",
                        remedy=Remedy("list_backups", {"case": str(case_path)}))


# -- restoring ---------------------------------------------------------------


def restore_backup(case_path: Path | str, which: str, key: CaseKey | None = None) -> Restored:
    """Put a backup in place of the case file.

    The case file as it is now is first backed up like before an import (or,
    when it is too damaged for that, copied aside byte for byte as
    ``NAME.damaged-STAMP.scrchron``); then the backup replaces it in one atomic
    rename. The case must not be open for writing anywhere (close it first).

    Args:
        case_path: the case file (it may be missing or damaged).
        which: the backup's number in the list (1 = newest), file name or path.
        key: the protected case's key (its backups are encrypted with it).

    Raises:
        CaseLockedError: the case is open for writing (in this or another scrchron).
        CaseFileError: the backup is missing, damaged or not of this case's kind.
    """
    case_path = real_case_path(Path(case_path))  # through a link: restore the file, keep the link
    lock = CaseLock.acquire(case_path, exclusive=True)
    try:
        source = find_backup(case_path, which)
        if case_path.exists() and source.resolve() == case_path.resolve():
            raise CaseFileError(f"{source.name} is the case file itself, not a backup.")
        entries = _check_restorable(source, key)
        staged = case_path.with_name(case_path.name + ".restoring")
        try:
            _stage(source, staged, case_path, key)
            kept = _keep_current(case_path, key)
            _replace(staged, case_path)
        finally:
            staged.unlink(missing_ok=True)
    finally:
        lock.release()
    return Restored(case_path, source, kept, entries)


def _check_restorable(source: Path, key: CaseKey | None) -> int:
    """The entry count of a backup fit to restore; refuse anything else."""
    entries, ok = inspect_case_file(source, key)
    if not ok or entries is None:
        raise CaseFileError(
            f"{source.name} is damaged or is not a scrchron case file; it cannot be restored. "
            "Choose another backup."
        )
    with closing(_immutable(source, key)) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > schema.SCHEMA_VERSION:
        raise CaseFileError(
            f"{source.name} was saved by a newer version of scrchron; update scrchron to restore it."
        )
    return entries


def _stage(source: Path, staged: Path, case_path: Path, key: CaseKey | None) -> None:
    staged.unlink(missing_ok=True)
    try:
        with closing(_immutable(source, key)) as conn:
            copy_database(conn, staged, mode_of=case_path if case_path.exists() else None, key=key)
    except cipher.OS_OR_DATABASE as error:
        raise CaseFileError(
            f"{source.name} could not be copied beside {case_path.name} "
            f"({failure_reason(error)}). Nothing was changed."
        ) from None


def _keep_current(case_path: Path, key: CaseKey | None) -> Path | None:
    """Back up the case file before it is replaced; settle its WAL; return the copy."""
    if not case_path.exists():
        return None
    try:
        return _backup_and_settle(case_path, key)
    except cipher.OperationalError as error:  # locked, unreadable: not damage
        raise CaseFileError(
            f"{case_path.name} could not be backed up before the restore "
            f"({failure_reason(error)}). Nothing was changed."
        ) from None
    except cipher.DatabaseError:
        return _copy_damaged(case_path)
    except OSError as error:
        raise CaseFileError(
            f"{case_path.name} could not be backed up before the restore "
            f"({failure_reason(error)}). Nothing was changed."
        ) from None


def _backup_and_settle(case_path: Path, key: CaseKey | None) -> Path:
    """Back up a readable case file, then fold its WAL in so the file stands alone."""
    with closing(cipher.connect(case_path, key)) as conn:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [KEEP_SETTING]).fetchone()
        made = copy_database(conn, backup_path(case_path), mode_of=case_path, key=key)
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        raise CaseFileError(
            f"{case_path.name} is being read by another program or window; close it there "
            f"and try again. Nothing was changed (a backup was made: {made.name})."
        )
    prune(case_path, _keep_value(str(row[0]) if row else ""))
    return made


def _copy_damaged(case_path: Path) -> Path:
    """Copy a damaged case file (and its WAL) aside byte for byte."""
    stamp = datetime.now().strftime(_STAMP)
    target = case_path.with_name(f"{case_path.stem}.damaged-{stamp}{_suffix(case_path)}")
    try:
        shutil.copy2(case_path, target)
        wal = Path(f"{case_path}-wal")
        if wal.exists():
            shutil.copy2(wal, Path(f"{target}-wal"))
    except OSError as error:
        raise CaseFileError(
            f"{case_path.name} could not be copied aside before the restore "
            f"({failure_reason(error)}). Nothing was changed."
        ) from None
    return target


def _replace(staged: Path, case_path: Path) -> None:
    """Put the staged file in place; the old WAL must not be applied to it."""
    try:
        for extra in _WAL_FILES:
            Path(f"{case_path}{extra}").unlink(missing_ok=True)
        os.replace(staged, case_path)
    except OSError as error:
        raise CaseFileError(
            f"{case_path.name} could not be replaced ({failure_reason(error)}); close it in "
            "every other program and try again. The case file was kept as it was."
        ) from None
    _fsync_folder(case_path.parent)


# -- flushing to disk --------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no folder handles to flush)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

