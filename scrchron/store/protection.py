"""Protecting an existing case file with a passphrase, removing it, changing it.

Each is one atomic replacement: the case is written whole to a new file under the new
key (SQLCipher's ``sqlcipher_export``), checked, flushed and renamed over the case,
so the file on disk is always either the old one, opening with the old passphrase,
or the new one. Its backups are converted the same way afterwards, so that no plain
copy of a protected case stays beside it (and every backup opens with the case's
passphrase). The case must be closed everywhere (its lock is taken exclusively).
"""

from __future__ import annotations

import os
import shutil
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from scrchron.errors import CaseFileError, ValidationError
from scrchron.store import backups, cipher
from scrchron.store.case import Case, failure_reason, is_protected, real_case_path
from scrchron.store.cipher import CaseKey
from scrchron.store.lock import CaseLock

#: The shortest passphrase a review may be protected with (the CLI and the window both ask it).
MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str) -> str:
    """Return ``passphrase``, or refuse (``ValidationError``) one too short to protect a review."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters "
                              "(several words are easier to remember than symbols); nothing was changed.")
    return passphrase


_CONVERTING = ".converting"


@dataclass(frozen=True)
class Converted:
    """What a change of protection did.

    Attributes:
        case_path: the case file.
        backups: the backups converted with it.
        failed: backups that could not be converted (damaged); left as they were.
    """

    case_path: Path
    backups: list[Path]
    failed: list[Path]


def protect(path: Path | str, passphrase: str) -> Converted:
    """Encrypt a plain case file (and its backups) with ``passphrase``."""
    path = real_case_path(Path(path))
    refuse_if_protected(path)
    return _convert(path, None, passphrase)


def refuse_if_protected(path: Path) -> None:
    """Refuse to protect a case file that already has a passphrase."""
    if is_protected(path):
        raise CaseFileError(f"{path.name} is already protected with a passphrase; nothing was changed. "
                            f'Change the passphrase with: scrchron rekey "{path}"')


def unprotect(path: Path | str, passphrase: str) -> Converted:
    """Decrypt a protected case file (and its backups): it opens with no passphrase after."""
    return _convert(real_case_path(Path(path)), passphrase, None)


def change_passphrase(path: Path | str, old: str, new: str) -> Converted:
    """Re-encrypt a protected case file (and its backups) under a new passphrase."""
    return _convert(real_case_path(Path(path)), old, new)


def _convert(path: Path, old: str | None, new: str | None) -> Converted:
    lock = CaseLock.acquire(path, exclusive=True)
    try:
        old_key = _checked_key(path, old)
        new_key = CaseKey.new(new) if new is not None else None
        _settle(path, old_key)
        export_file(path, old_key, path, new_key)
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        done, failed = _convert_backups(path, old_key, new_key)
    finally:
        lock.release()
    return Converted(path, done, failed)


def _checked_key(path: Path, passphrase: str | None) -> CaseKey | None:
    """The case's current key, after opening it read-only (every check of an opening)."""
    with Case.open(path, read_only=True, passphrase=passphrase) as case:
        return case.key


def _settle(path: Path, key: CaseKey | None) -> None:
    """Fold the case's WAL into the file so the copy reads everything committed."""
    with closing(cipher.connect(path, key)) as conn:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        raise CaseFileError(f"{path.name} is being read by another program or window; close it there "
                            "and try again. Nothing was changed.")


def export_file(source: Path, old: CaseKey | None, target: Path, new: CaseKey | None) -> None:
    """Write ``source`` (keyed ``old``) to ``target`` under ``new``, atomically.

    ``target`` may be ``source``: the new file replaces it in one rename.
    """
    staged = target.with_name(target.name + _CONVERTING)
    staged.unlink(missing_ok=True)
    try:
        os.close(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        _export(source, old, staged, new)
        shutil.copymode(source, staged)
        _flush(staged)
        os.replace(staged, target)
    except cipher.OS_OR_DATABASE as error:
        raise CaseFileError(f"{source.name} could not be converted ({failure_reason(error)}). "
                            "Nothing was changed.") from None
    finally:
        staged.unlink(missing_ok=True)


def _export(source: Path, old: CaseKey | None, staged: Path, new: CaseKey | None) -> None:
    with closing(sqlcipher.connect(str(source))) as conn:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if old is not None:
            conn.execute(f"PRAGMA key = {old.literal()}")
        conn.execute("PRAGMA temp_store = MEMORY")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        conn.execute(f"ATTACH DATABASE ? AS converted KEY {new.literal() if new else repr('')}", [str(staged)])
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {version}")
        conn.execute(f"PRAGMA converted.application_id = {app_id}")
        conn.commit()
        conn.execute("DETACH DATABASE converted")
    with closing(cipher.connect(staged, new)) as check:
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise CaseFileError(f"The converted copy of {source.name} failed its check. Nothing was changed.")


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _convert_backups(path: Path, old: CaseKey | None, new: CaseKey | None) -> tuple[list[Path], list[Path]]:
    """Convert every backup of the case to the new key; a damaged one is left and named."""
    done: list[Path] = []
    failed: list[Path] = []
    for backup in backups.list_backups(path, check=False):
        key = None if cipher.has_sqlite_header(backup.path) else old
        try:
            export_file(backup.path, key, backup.path, new)
            done.append(backup.path)
        except CaseFileError:
            failed.append(backup.path)
    with suppress(OSError):
        _fsync_folder(path.parent)
    return done, failed


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows has no folder handles to flush
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
