"""The case file: one SQLite file per review, read and written through sqlite-utils.

``Case`` is the only door to the file. Every write goes through ``Case.write()``,
one transaction that lands whole or not at all, and every change is written to
the audit log in the same transaction.

Keeping the work safe:

- One writer: a writable ``Case`` holds the case's lock (store.lock) until it is
  closed; a writable open from a second scrchron raises ``CaseLockedError``
  (read-only opens still work).
- Damage is caught on open: SQLite's quick check runs first, and a damaged file
  raises ``CaseDamagedError`` naming the latest good backup (store.backups).
- A failed write (disk full, read-only media) rolls back and says so.
- Before an older file is updated it is backed up beside itself.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from scrchron.errors import CaseFileError, NewerCaseFileError, NotFoundError, ValidationError
from scrchron.records.case_records import AGENCY_PALETTE, Agency, AuditRecord, Review, Submission, check_colour
from scrchron.store import cipher, schema
from scrchron.store.cipher import CaseKey, NotProtectedError, PassphraseNeededError, WrongPassphraseError
from scrchron.store.lock import CaseLock, CaseLockedError, is_locked, note_wal, recorded_wal, shared_here

if TYPE_CHECKING:
    from scrchron.store.backups import Backup

__all__ = ["SUFFIX", "Case", "CaseDamagedError", "CaseLockedError", "backup_before_migration",
           "failure_reason", "now", "real_case_path"]

SUFFIX = ".scrchron"
#: Extensions scrchron exports to (or agencies send): never a case file's name.
EXPORT_SUFFIXES = (".docx", ".xlsx", ".csv", ".pdf", ".doc", ".xls", ".odt", ".ods", ".rtf", ".tsv")


class CaseDamagedError(CaseFileError):
    """The case file failed SQLite's check on opening.

    Attributes:
        latest_backup: the newest backup that passes the check, or None.
    """

    def __init__(self, message: str, latest_backup: Backup | None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


def now() -> str:
    """The current UTC time as an ISO string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _connect(path: Path, read_only: bool, key: CaseKey | None = None) -> sqlite_utils.Database:
    conn = _read_only_connection(path, key) if read_only else cipher.connect(path, key)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA busy_timeout = 5000")
    db.conn.execute("PRAGMA cache_size = -65536")  # 64 MB: large imports keep their index pages in memory
    return db


READ_ONLY_MEDIA = (
    "{name} is on read-only media (a CD, a protected USB stick or a read-only share), so it was "
    "opened read-only: it can be read and exported, not changed. Copy it somewhere writable to work on it."
)


def _read_only_connection(path: Path, key: CaseKey | None) -> sqlite3.Connection:
    """A read-only connection; on read-only media, an ``immutable`` one.

    A reader of a WAL-mode file needs its ``-shm`` side file, which cannot be made
    where nothing can be written ("unable to open database file"). There the file
    cannot change either, so SQLite is told so (``immutable=1``: no side files, no
    locks) and the case is read as it lies on the disk.
    """
    uri = path.resolve().as_uri()
    conn = cipher.connect(f"{uri}?mode=ro", key, uri=True)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # opens the file (and its WAL) now
        return conn
    except cipher.OperationalError as error:
        conn.close()
        if not _on_read_only_media(path, error):
            raise
    return cipher.connect(f"{uri}?mode=ro&immutable=1", key, uri=True)


def _on_read_only_media(path: Path, error: Exception) -> bool:
    """True when a read failed because the case's side files cannot be made beside it."""
    if "unable to open" not in str(error) and "readonly" not in str(error):
        return False
    shm = Path(f"{path}-shm")
    return not os.access(path.parent, os.W_OK) or shm.is_dir() or (shm.exists() and not os.access(shm, os.W_OK)) \
        or _folder_refuses_files(path.parent)


def _folder_refuses_files(folder: Path) -> bool:
    """True when nothing can be created in ``folder`` (read-only file system, whoever we are)."""
    try:
        handle, name = tempfile.mkstemp(prefix=".~scrchron-probe-", dir=folder)
    except OSError:
        return True
    os.close(handle)
    with suppress(OSError):
        os.unlink(name)
    return False


def on_read_only_media(path: Path, key: CaseKey | None = None) -> bool:
    """True when the case file can only be read where it lies (see :data:`READ_ONLY_MEDIA`)."""
    try:
        with closing(cipher.connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except cipher.OperationalError as error:
        return _on_read_only_media(path, error)
    return False


def real_case_path(path: Path) -> Path:
    """The case file a path names: a symbolic link is followed to the file itself.

    Backups, the lock and a restore then act on the real file, never on the link.
    """
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _check_is_case_file(path: Path, protected: bool = False) -> None:
    if not path.exists():
        raise CaseFileError(f"No case file at {path}. Check the path, or create one with 'scrchron new'.")
    if path.is_dir():
        raise CaseFileError(f"{path} is a folder, not a case file.")
    plain = cipher.has_sqlite_header(path)
    if protected and plain:
        raise NotProtectedError(
            f"{path.name} is not protected with a passphrase, but one was given, so it was not "
            f'opened. Open it without one (protect it with: scrchron encrypt "{path}").'
        )
    if protected and not plain and not cipher.looks_protected(path):
        raise CaseFileError(f"{path.name} is not a scrchron case file (neither a plain nor a protected one).")
    if not protected and not plain:
        if cipher.looks_protected(path):
            raise PassphraseNeededError(
                f"This review is protected with a passphrase: {path.name} opens only with it. "
                "Enter the passphrase (the command line asks for it on a terminal, or reads it "
                "with --passphrase-file FILE)."
            )
        raise CaseFileError(f"{path.name} is not a scrchron case file (it is not an SQLite database).")


def is_protected(path: Path) -> bool:
    """True when the file at ``path`` looks like a passphrase-protected case file."""
    return not cipher.has_sqlite_header(path) and cipher.looks_protected(path)


#: The setting naming a case file for life (a random id written when it is created).
CASE_ID_SETTING = "case_id"
_WAL_HEADER_BYTES = 32


def _case_id(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [CASE_ID_SETTING]).fetchone()
    except cipher.Error:
        return None
    return str(row[0]) if row else None


def _check_wal_belongs(path: Path) -> None:
    """Refuse a WAL file left beside the case by another case file.

    SQLite replays whatever ``NAME-wal`` holds, whichever database wrote it. A writable
    scrchron writes the salts of its WAL's header in the lock file (which a crash
    leaves behind; a clean close empties the WAL). So a WAL with frames, when no
    scrchron has the case open, is the case's own only when a lock file is there and
    names these salts (or names none: a scrchron before this check).
    """
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size <= _WAL_HEADER_BYTES:
            return
    except OSError:
        return
    if is_locked(path):
        return  # a live writer's WAL
    recorded = recorded_wal(path)
    if recorded is None or (recorded and recorded != wal_stamp(path)):
        raise CaseFileError(
            f"{wal.name}, beside {path.name}, holds changes from another case file, so "
            f"{path.name} was not opened (applying them would replace its entries). Move "
            f"{wal.name} and {path.name}-shm out of the folder, then open the case again."
        )


_WAL_FOLD_BYTES = 32 * 1024 * 1024


def _wal_size(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0


def wal_stamp(path: Path) -> str:
    """The salts of the case's WAL header ('' when there is no WAL header)."""
    try:
        with Path(f"{path}-wal").open("rb") as handle:
            header = handle.read(_WAL_HEADER_BYTES)
    except OSError:
        return ""
    if len(header) < _WAL_HEADER_BYTES or header[:4] not in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83"):
        return ""
    return header[16:24].hex()


def _probe(path: Path, key: CaseKey | None = None) -> tuple[int, list[str]]:
    """Check a case file before opening it properly: its schema version, and what in its
    schema scrchron did not make (foreign triggers, views, tables; see schema)."""
    foreign: list[str] = []
    _check_wal_belongs(path)
    connection = _keyed_connection(path, key)
    try:
        with closing(connection) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            check = _quick_check(conn) if app_id == schema.APPLICATION_ID else "ok"
            if check == "ok" and app_id == schema.APPLICATION_ID and version <= schema.SCHEMA_VERSION:
                foreign = schema.unexpected_objects(conn, version)
                unreadable = "" if foreign else schema.unreadable_value(conn, version)
                if unreadable:
                    raise CaseFileError(
                        f"{path.name} holds a value scrchron cannot read: {unreadable}. It was changed "
                        f'outside scrchron and was not opened. Restore a backup (list them with: '
                        f'scrchron backups "{path}").'
                    )
    except cipher.OperationalError as error:
        raise CaseFileError(f"{path.name} cannot be read: {_reason(error)}") from None
    except cipher.DatabaseError as error:
        raise _damaged(path, str(error), key) from None
    if app_id != schema.APPLICATION_ID:
        raise CaseFileError(f"{path.name} is an SQLite file but not a scrchron case file.")
    if version > schema.SCHEMA_VERSION:
        raise NewerCaseFileError(
            f"{path.name} was saved by a newer version of scrchron (file format {version}; "
            f"this version reads up to {schema.SCHEMA_VERSION}). Please update scrchron."
        )
    if check != "ok":
        raise _damaged(path, check, key)
    if version < 1 or not _has_review(path, key):
        raise CaseFileError(
            f"{path.name} is marked as a scrchron case file but holds no review (it was not made "
            "by scrchron, or was emptied). Open the case file you meant, or restore a backup."
        )
    return version, foreign


def _keyed_connection(path: Path, key: CaseKey | None) -> sqlite3.Connection:
    """The first read-only connection of an opening; a key that does not open the file says so."""
    try:
        return _connect(path, read_only=True, key=key).conn
    except cipher.OperationalError as error:
        raise CaseFileError(f"{path.name} cannot be read: {_reason(error)}") from None
    except cipher.DatabaseError as error:
        if key is None or not cipher.is_not_a_database(error):
            raise _damaged(path, str(error), key) from None
        raise WrongPassphraseError(
            f"That passphrase does not open {path.name}; nothing was changed. Check it and try "
            "again (a forgotten passphrase cannot be recovered; if you are sure of it, the file's "
            f'first page may be damaged: list its backups with scrchron backups "{path}")'
        ) from None


def _has_review(path: Path, key: CaseKey | None = None) -> bool:
    try:
        with closing(_connect(path, read_only=True, key=key).conn) as conn:
            return bool(conn.execute("SELECT count(*) FROM review WHERE id = 1").fetchone()[0])
    except cipher.Error:
        return False


def _refuse_foreign(path: Path, foreign: list[str], read_only: bool) -> None:
    """Refuse a file whose schema was changed outside scrchron (read-only opens of extra
    triggers, views or indexes are let through: reading runs none of them)."""
    if not foreign or (read_only and schema.harmless_to_read(foreign)):
        return
    listed = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    raise CaseFileError(
        f"{path.name} was changed outside scrchron (it holds {_clip(listed, 160)}, which scrchron "
        "never makes and which could alter the case unseen), so it was not opened"
        f"{'' if read_only else ' for writing'}. Open it read-only to see it, or restore a "
        f'backup (list them with: scrchron backups "{path}").'
    )


def _clip(text: str, limit: int) -> str:
    """A text shortened for a message (a hostile file may hold very long names)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _file_version(path: Path, key: CaseKey | None = None) -> int:
    """The schema version written in the file (-1 when it cannot be read)."""
    try:
        with closing(cipher.connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)) as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except cipher.Error:
        return -1


def _quick_check(conn: sqlite3.Connection) -> str:
    """'ok', or SQLite's first complaint about the file."""
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    return "ok" if [tuple(row) for row in rows] == [("ok",)] else "; ".join(str(r[0]) for r in rows)


def _damaged(path: Path, detail: str, key: CaseKey | None = None) -> CaseDamagedError:
    """The error for a damaged case file, naming the latest good backup."""
    from scrchron.store.backups import latest_good_backup  # local: backups imports this module

    backup = latest_good_backup(path, key)
    detail = _clip(" ".join(detail.split()), 120)  # SQLite's report spans lines: the message does not
    message = f"{path.name} is damaged and cannot be opened safely (SQLite: {detail})."
    if backup is None:
        message += (" No backup was found beside it. Keep a copy of the file as it is, do not "
                    "work on it, and ask for help recovering it.")
    else:
        when = backup.taken.strftime("%d %b %Y %H:%M")
        message += (f" The latest good backup is {backup.path.name} ({when}, {backup.entries} "
                    f'entries). Restore it with: scrchron restore "{path}" "{backup.path.name}" '
                    "(the damaged file is kept aside).")
    return CaseDamagedError(message, backup)


def _open_connection(path: Path, read_only: bool, key: CaseKey | None = None) -> sqlite_utils.Database:
    """Connect for real: WAL and migrations when writable."""
    try:
        db = _connect(path, read_only=read_only, key=key)
        if not read_only:
            db.conn.execute("PRAGMA journal_mode = WAL")
            db.conn.execute("PRAGMA wal_autocheckpoint = 0")  # scrchron checkpoints (see Case.write)
            schema.migrate(db)
            _name_for_life(db)
    except cipher.DatabaseError as error:
        raise CaseFileError(f"{path.name} cannot be opened for writing: {_reason(error)}") from None
    return db


def _open_writable_older(path: Path, version: int, key: CaseKey | None = None) -> sqlite_utils.Database:
    """Back up an older file, then update it; a failed update leaves no extra backup."""
    made = backup_before_migration(path, version, key)
    try:
        return _open_connection(path, read_only=False, key=key)
    except BaseException:
        made.unlink(missing_ok=True)  # the update was rolled back: the file is as backed up
        raise


def _name_for_life(db: sqlite_utils.Database) -> None:
    """Give a case file made before case ids its id (so a foreign WAL can be told apart)."""
    if _case_id(db.conn) is None:
        with db.atomic():
            value = uuid.uuid4().hex
            db.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [CASE_ID_SETTING, value])
            _audit(db, "update", "settings", None, CASE_ID_SETTING, None, value)


def _updated_in_memory(path: Path, key: CaseKey | None = None) -> sqlite_utils.Database:
    """An older case file read into memory and updated there, for a read-only open.

    A read-only command never changes the file (not even to update its format).
    """
    try:
        with closing(cipher.connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)) as source:
            memory = cipher.memory_connection(key)
            source.backup(memory)
        db = sqlite_utils.Database(memory, execute_plugins=False)
        schema.migrate(db)
    except cipher.DatabaseError as error:
        raise CaseFileError(f"{path.name} cannot be read: {_reason(error)}") from None
    db.conn.execute("PRAGMA foreign_keys = ON")
    return db


class Case:
    """An open case file.

    Use ``Case.create`` or ``Case.open``; close it with ``close()`` or a ``with`` block.
    A writable case holds the file's lock until it is closed (writable opens in one
    process share it; a worker thread takes its own connection with ``for_thread()``).
    """

    def __init__(self, path: Path, db: sqlite_utils.Database, read_only: bool = False,
                 lock: CaseLock | None = None, key: CaseKey | None = None) -> None:
        self.path = path
        self.db = db
        self.read_only = read_only
        self.key = key
        """The protected case's key (None for a case without a passphrase); dropped on close."""
        self._lock = lock
        self._closed = False
        self.notice = READ_ONLY_MEDIA.format(name=path.name) \
            if read_only and on_read_only_media(path, key) else ""
        """Something the reviewer should be told about this open (e.g. read-only media), or ''."""
        if lock is not None:
            self._start_wal()

    # -- opening and closing -------------------------------------------------

    @property
    def protected(self) -> bool:
        """True when the case file is encrypted with a passphrase."""
        return self.key is not None

    @classmethod
    def create(cls, path: Path | str, review: Review, *, passphrase: str | None = None) -> Case:
        """Create a new case file for ``review``; refuse to overwrite anything.

        With ``passphrase`` the file is encrypted (SQLCipher) from its first page on.
        """
        path = Path(path)
        review.validate()
        if path.suffix.lower() in EXPORT_SUFFIXES:
            raise CaseFileError(
                f"{path.name} ends in {path.suffix}, the name of an export: an export saved there "
                f"later would replace the case. Name the case file {path.stem}{SUFFIX} instead."
            )
        if path.exists():
            raise CaseFileError(f"{path} already exists. Choose another name or open it instead.")
        if not path.parent.is_dir():
            raise CaseFileError(f"The folder {path.parent} does not exist.")
        partial = path.with_name(path.name + ".creating")
        key = CaseKey.new(passphrase) if passphrase is not None else None
        try:
            db = _connect(partial, read_only=False, key=key)
            cls._initialise(db, review)
            db.close()
            os.replace(partial, path)
        except cipher.OS_OR_DATABASE as error:
            partial.unlink(missing_ok=True)
            raise CaseFileError(f"Cannot create {path}: {_reason(error)}") from None
        return cls.open(path, key=key)

    @staticmethod
    def _initialise(db: sqlite_utils.Database, review: Review) -> None:
        db.conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrate(db)
        with db.atomic():
            values = asdict(review) | {"id": 1, "created_at": review.created_at or now()}
            db.table("review").insert(values)
            _audit(db, "create", "review", 1, "", None, review.title)
            db.table("settings").insert({"key": CASE_ID_SETTING, "value": uuid.uuid4().hex})
            from scrchron.analysis import themes  # local: themes is a small data module

            for position, name in enumerate(themes.default_themes(review.review_type)):
                db.table("themes").insert({"name": name, "position": position, "builtin": 1})

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, *, passphrase: str | None = None,
             key: CaseKey | None = None) -> Case:
        """Open an existing case file, migrating an older one after backing it up.

        A protected case needs its ``passphrase`` (or the ``key`` of an open of it).

        Raises:
            PassphraseNeededError: the file is protected and no passphrase was given.
            WrongPassphraseError: the passphrase does not open it (nothing is changed).
            NotProtectedError: a passphrase was given for a file that has none.
            CaseLockedError: (writable open) another scrchron has it open for writing;
                it can still be opened read-only.
            CaseDamagedError: the file fails SQLite's quick check.
            NewerCaseFileError: the file was written by a newer scrchron.
            CaseFileError: it is not a case file, or cannot be read or written.
        """
        path = real_case_path(Path(path))
        _check_is_case_file(path, protected=passphrase is not None or key is not None)
        if key is None and passphrase is not None:
            key = CaseKey.for_file(path, passphrase)
        version, foreign = _probe(path, key)
        _refuse_foreign(path, foreign, read_only)
        if read_only and version < schema.SCHEMA_VERSION:
            return cls(path, _updated_in_memory(path, key), read_only=True, key=key)  # the file is not touched
        lock = None if read_only else CaseLock.acquire(path)
        try:
            db = _open_writable_older(path, version, key) if version < schema.SCHEMA_VERSION \
                else _open_connection(path, read_only, key)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, db, read_only, lock, key)

    def for_thread(self) -> Case:
        """Another connection to this case for a worker thread; call it on that thread.

        SQLite connections stay on the thread that made them. The copy shares this
        case's lock (and skips the checks already made when this case was opened);
        close it when the work is done.
        """
        key = self.key
        if self.read_only and schema.user_version(self.db) != _file_version(self.path, key):
            return Case(self.path, _updated_in_memory(self.path, key), read_only=True, key=key)
        lock = None if self.read_only else CaseLock.acquire(self.path)  # a share of ours
        try:
            db = _open_connection(self.path, self.read_only, key)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return Case(self.path, db, self.read_only, lock, key)

    def close(self) -> None:
        """Close the file (checkpointing the WAL so the .scrchron file stands alone).

        A connection sharing the lock with another open of this process leaves the WAL
        to the last one, so the WAL's salts change only where scrchron records them.
        """
        if self._closed:
            return
        self._closed = True
        settled = True
        if self._lock is not None and not shared_here(self.path):
            with suppress(*cipher.Error):
                self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            settled = not wal_stamp(self.path) or _wal_size(self.path) <= _WAL_HEADER_BYTES
        try:
            self.db.close()
        finally:
            self.key = None
            if self._lock is not None:
                self._lock.release(keep_file=not settled)  # its record names the WAL left

    def _start_wal(self) -> None:
        """Begin this open's WAL with a write, and record its salts in the lock file."""
        with suppress(*cipher.Error):
            with self.db.atomic():
                self.db.conn.execute("UPDATE settings SET value = value WHERE key = ?", [CASE_ID_SETTING])
            note_wal(self.path, wal_stamp(self.path))

    def _after_commit(self) -> None:
        """Fold a large WAL into the file, start the next one and keep its record."""
        if _wal_size(self.path) > _WAL_FOLD_BYTES:
            with suppress(*cipher.Error):
                self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._start_wal()
        else:
            note_wal(self.path, wal_stamp(self.path))

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and the audit log --------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction: everything inside lands whole or not at all."""
        if self.read_only:
            raise CaseFileError(f"{self.path.name} is open read-only; nothing was changed.")
        try:
            with self.db.atomic() as db:
                yield db
            if self._lock is not None and not self.db.conn.in_transaction:
                self._after_commit()
        except cipher.OperationalError as error:
            raise CaseFileError(_write_failure(self.path, error)) from None
        except cipher.DatabaseError as error:
            if type(error) not in cipher.PLAIN_DATABASE_ERRORS:  # a bug (constraint, misuse): show it
                raise
            raise CaseFileError(
                f"{self.path.name} looks damaged ({error}); nothing was changed. Close it and "
                "open it again: scrchron checks it and offers the latest good backup."
            ) from None

    def audit(self, action: str, table: str, row_id: int | None, field: str = "",
              old: object = None, new: object = None) -> None:
        """Record one change; call inside ``write()``."""
        _audit(self.db, action, table, row_id, field, old, new)

    def audit_log(self, limit: int | None = None) -> list[AuditRecord]:
        """The audit log, newest first."""
        sql = "SELECT * FROM audit ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        return [
            AuditRecord(row["id"], row["at"], row["action"], row["table_name"], row["row_id"],
                        row["field"], row["old"], row["new"])
            for row in self.db.query(sql)
        ]

    # -- settings ------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        """A per-case setting stored in the case file."""
        row = self.db.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a per-case setting, audited."""
        old = self.setting(key, "") or None
        with self.write() as db:
            db.table("settings").upsert({"key": key, "value": value}, pk="key")
            self.audit("update", "settings", None, key, old, value)

    # -- the review ----------------------------------------------------------

    def review(self) -> Review:
        """The review's details."""
        row = dict(next(self.db.query("SELECT * FROM review WHERE id = 1")))
        names = {f.name for f in fields(Review)}
        return Review(**{k: v for k, v in row.items() if k in names})

    def update_review(self, **changes: Any) -> Review:
        """Change review details; every changed field is audited."""
        current = self.review()
        updated = Review(**(asdict(current) | changes)).validate()
        with self.write() as db:
            for name, new in asdict(updated).items():
                old = getattr(current, name)
                if old != new:
                    db.table("review").update(1, {name: new})
                    self.audit("update", "review", 1, name, old, new)
        return updated

    # -- agencies ------------------------------------------------------------

    def agencies(self) -> list[Agency]:
        """Every agency, in the order they joined the case."""
        return [_agency(row) for row in self.db.query("SELECT * FROM agencies ORDER BY id")]

    def find_agency(self, name: str) -> Agency | None:
        """The agency with this name or short name (case-insensitive), if any."""
        row = self.db.conn.execute(
            "SELECT id FROM agencies WHERE name = ?1 COLLATE NOCASE "
            "OR (short_name != '' AND short_name = ?1 COLLATE NOCASE) ORDER BY id LIMIT 1",
            [name.strip()],
        ).fetchone()
        return self.agency(row[0]) if row else None

    def agency(self, agency_id: int) -> Agency:
        """The agency with this id."""
        rows = list(self.db.query("SELECT * FROM agencies WHERE id = ?", [agency_id]))
        if not rows:
            raise NotFoundError(f"There is no agency {agency_id} in this case.")
        return _agency(rows[0])

    def add_agency(self, name: str, short_name: str = "", colour: str = "") -> Agency:
        """Add an agency; a colour from the palette is chosen when none is given."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError("An agency needs a name.")
        if self.find_agency(name):
            raise ValidationError(f"There is already an agency called '{name}'.")
        count = self.db.conn.execute("SELECT count(*) FROM agencies").fetchone()[0]
        colour = check_colour(colour) if colour else AGENCY_PALETTE[count % len(AGENCY_PALETTE)]
        with self.write() as db:
            agency_id = db.table("agencies").insert(
                {"name": name, "short_name": short_name.strip(), "colour": colour}
            ).last_pk
            self.audit("insert", "agencies", agency_id, "name", None, name)
        return self.agency(int(str(agency_id)))

    def agency_named(self, name: str, create: bool = True) -> Agency:
        """The agency with this name, added to the case when ``create`` and missing."""
        found = self.find_agency(name)
        if found:
            return found
        if not create:
            raise NotFoundError(f"There is no agency '{name}' in this case.")
        return self.add_agency(name)

    def update_agency(self, agency_id: int, **changes: Any) -> Agency:
        """Rename, recolour or change the saved column mapping of an agency."""
        current = self.agency(agency_id)
        with self.write() as db:
            for name, new in changes.items():
                old = getattr(current, name)
                if name == "colour":
                    new = check_colour(new)
                if old == new:
                    continue
                stored = json.dumps(new) if name == "mapping" else new
                db.table("agencies").update(agency_id, {name: stored})
                self.audit("update", "agencies", agency_id, name, old, new)
        return self.agency(agency_id)

    # -- submissions ---------------------------------------------------------

    def submissions(self, agency_id: int | None = None) -> list[Submission]:
        """Submissions, oldest first; one agency's when ``agency_id`` is given."""
        where, args = ("WHERE agency_id = ?", [agency_id]) if agency_id else ("", [])
        rows = self.db.query(f"SELECT * FROM submissions {where} ORDER BY id", args)
        return [_submission(row) for row in rows]

    def add_submission(self, submission: Submission) -> int:
        """Record a submission; call inside ``write()`` with its entries."""
        values = asdict(submission)
        values.pop("id")
        for key in ("mapping", "skipped", "details"):
            values[key] = json.dumps(values[key], ensure_ascii=False)
        submission_id = int(str(self.db.table("submissions").insert(values).last_pk))
        self.audit("import", "submissions", submission_id, "file_name", None, submission.file_name)
        return submission_id

    # -- entries -------------------------------------------------------------
    # (queries live in store.entries; these are thin methods so callers need one object)

    def count(self, table: str) -> int:
        """How many rows a table holds."""
        if table not in self.db.table_names():
            raise NotFoundError(f"No table {table}.")
        return int(self.db.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


def _audit(db: sqlite_utils.Database, action: str, table: str, row_id: int | None,
           field: str, old: object, new: object) -> None:
    db.conn.execute(
        "INSERT INTO audit (at, action, table_name, row_id, field, old, new) VALUES (?,?,?,?,?,?,?)",
        [now(), action, table, row_id, field, _text(old), _text(new)],
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _agency(row: dict[str, Any]) -> Agency:
    return Agency(row["id"], row["name"], row["short_name"], row["colour"], json.loads(row["mapping"]))


def _submission(row: dict[str, Any]) -> Submission:
    values = dict(row)
    for key in ("mapping", "skipped", "details"):
        values[key] = json.loads(values[key])
    return Submission(**values)


def _write_failure(path: Path, error: Exception) -> str:
    """What to tell the reviewer when a write failed (it was rolled back)."""
    reason = _reason(error)
    if reason == "the disk is full":
        return (f"The disk is full, so {path.name} could not be saved: nothing was changed. "
                "Free some space and try again.")
    return f"Could not write to {path.name}: {reason}. Nothing was changed."


def failure_reason(error: BaseException) -> str:
    """Why an operating-system or SQLite operation failed, in the reviewer's words."""
    return _reason(error)


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    code = error.errno if isinstance(error, OSError) else None
    if isinstance(error, PermissionError) or code == errno.EROFS or "readonly" in text \
            or "read-only" in text:
        return "the location is read-only or you do not have permission to write there"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or ("disk" in text and "full" in text):
        return "the disk is full"
    return text


def backup_before_migration(path: Path, version: int, key: CaseKey | None = None) -> Path:
    """Copy an older case file beside itself before migrating it; return the copy's path."""
    from scrchron.store.backups import backup_before_update  # local: backups imports this module

    try:
        return backup_before_update(path, version, key)
    except cipher.OS_OR_DATABASE as error:
        raise CaseFileError(
            f"{path.name} needs updating to this version of scrchron, but a backup could not be "
            f"written beside it ({_reason(error)}). Copy it somewhere writable and try again."
        ) from None
