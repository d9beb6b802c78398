"""One writer per case file: a lock held for the life of a writable ``Case``.

The lock is a sidecar file, ``NAME.scrchron.lock`` beside the case file, locked
with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) without waiting. The
operating system releases the lock when the holder's process ends, however it
ends, so a lock left by a crashed scrchron never blocks anyone: only the file
remains, and the next writer takes it over. The file holds who has the case
open (pid, host, user, since when) so that a second scrchron can say so.

The lock is per process: a second scrchron cannot open the case for writing,
but inside one scrchron writable opens share it, so that a worker thread can
open its own connection to the case its window holds (SQLite's own locking
then keeps their transactions apart). A front end that could show one case in
two windows asks :func:`held_here` first, and finds the window that shows it
with :func:`same_case`. Read-only opens take no lock.
Restoring a backup takes it exclusively (``exclusive=True``).
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import stat
import sys
import threading
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scrchron.errors import CaseFileError

LOCK_SUFFIX = ".lock"

# On Windows the lock covers one byte far past the holder's details, so that
# another process can still read them.
_WINDOWS_LOCK_OFFSET = 1 << 30


class CaseLockedError(CaseFileError):
    """The case file is open for writing elsewhere; ``holder`` says by whom."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        super().__init__(message)
        self.holder = holder


class CaseNotWritableError(CaseLockedError):
    """The case cannot be opened for writing where it lies (read-only media or folder).

    A kind of :class:`CaseLockedError` (with no holder): like a case open elsewhere,
    it can still be opened read-only, and front ends offer that.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, None)


@dataclass(frozen=True)
class LockHolder:
    """Who holds a case file's lock, as written in the lock file."""

    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        """E.g. 'pid 4242 since 14:05', or 'pid 4242 on LAPTOP-2 by jo since 3 May 14:05'."""
        where = ""
        if self.host and self.host != socket.gethostname():
            where = f" on {self.host}" + (f" by {self.user}" if self.user else "")
        return f"pid {self.pid}{where} since {_when(self.since)}"


def lock_path(case_path: Path) -> Path:
    """The lock file of a case file: ``NAME.scrchron.lock`` beside the real file.

    A case reached through a symbolic link (or a linked folder) is locked beside
    the file the link points to, so that every name of one case shares one lock.
    """
    real = Path(os.path.realpath(case_path))
    return real.with_name(real.name + LOCK_SUFFIX)


def read_holder(case_path: Path) -> LockHolder | None:
    """Who the lock file names, or None when it is missing or unreadable.

    The file may name a process that has ended (a stale lock): use
    :func:`is_locked` to know whether the case is really held.
    """
    try:
        text = lock_path(case_path).read_text(encoding="utf-8")
        values = json.loads(text)
        return LockHolder(int(values["pid"]), str(values["host"]), str(values["user"]),
                          str(values["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_locked(case_path: Path) -> bool:
    """True when a writable case holds the lock right now, here or in another process.

    A lock file left by a scrchron that has ended does not count.
    """
    if held_here(case_path):
        return True
    try:
        fd = os.open(lock_path(case_path), os.O_RDWR | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return False
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)  # closing lets go of the probe's lock


def held_here(case_path: Path) -> bool:
    """True when this process has the case open for writing."""
    with _GUARD:
        return _key(case_path) in _HELD


@dataclass
class _Held:
    """The lock file this process holds for one case, and how many opens share it."""

    fd: int
    users: int
    wal: str = ""


def note_wal(case_path: Path, stamp: str) -> None:
    """Write in the held lock file which WAL (its header's salts) belongs to the case.

    The lock file outlives a crash, so the next open can tell this case's WAL from
    one another case left beside it (see store.case).
    """
    with _GUARD:
        held = _HELD.get(_key(case_path))
        if held is not None and held.wal != stamp:
            held.wal = stamp
            _write_holder(held.fd, stamp)


def recorded_wal(case_path: Path) -> str | None:
    """The WAL stamp a lock file left beside the case names ('' when it names none),
    or None when there is no lock file (no scrchron was writing the case)."""
    try:
        with os.fdopen(os.open(lock_path(case_path), os.O_RDONLY | _NOFOLLOW | _NONBLOCK),
                       encoding="utf-8") as handle:
            text = handle.read(64 * 1024)
    except OSError:
        return None
    try:
        return str(json.loads(text).get("wal", ""))
    except (ValueError, AttributeError):
        return ""


def shared_here(case_path: Path) -> bool:
    """True when more than one open in this process shares the case's lock."""
    with _GUARD:
        held = _HELD.get(_key(case_path))
        return held is not None and held.users > 1


_HELD: dict[str, _Held] = {}
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted in the lock's place must not hang us
_GUARD = threading.RLock()  # re-entrant: __del__ may run while it is held


def _forget_after_fork() -> None:
    """A forked child holds nothing: only its parent may remove the lock files."""
    for held in _HELD.values():
        with suppress(OSError):
            os.close(held.fd)  # the parent's lock lives on through its own descriptor
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def _key(case_path: Path) -> str:
    return os.path.normcase(os.path.realpath(case_path))


def same_case(first: Path, second: Path) -> bool:
    """True when two paths name one case file (as the lock sees it: links and case resolved)."""
    return _key(first) == _key(second)


class CaseLock:
    """One writable open's share of a case's lock; let go with ``release()``."""

    def __init__(self, case_path: Path, key: str) -> None:
        self.case_path = case_path
        self._key: str | None = key

    @property
    def held(self) -> bool:
        """False once released."""
        return self._key is not None

    @classmethod
    def acquire(cls, case_path: Path, exclusive: bool = False) -> CaseLock:
        """Take the lock without waiting (or share it with this process's other opens).

        Args:
            case_path: the case file.
            exclusive: refuse also when this process has the case open.

        Raises:
            CaseLockedError: another scrchron holds it (or, when exclusive, this one).
            CaseFileError: the lock file cannot be written (read-only place).
        """
        key = _key(case_path)
        _refuse_other_names(case_path)
        with _GUARD:
            held = _HELD.get(key)
            if held is not None and exclusive:
                raise CaseLockedError(
                    f"{case_path.name} is open for writing in this scrchron; close it first.",
                    read_holder(case_path),
                )
            if held is not None:
                held.users += 1
            else:
                _HELD[key] = _Held(_take(case_path), 1)
        return cls(case_path, key)

    def release(self, keep_file: bool = False) -> None:
        """Let go of this share; the last one removes the lock file (safe to call twice).

        ``keep_file`` leaves the (now unlocked) file and what it records, for a case
        whose WAL could not be folded in.
        """
        if self._key is None:
            return
        key, self._key = self._key, None
        with _GUARD:
            held = _HELD.get(key)
            if held is None:
                return
            held.users -= 1
            if held.users > 0:
                return
            del _HELD[key]
            with suppress(OSError):  # if it stays, the next writer takes it over
                if not keep_file:
                    lock_path(self.case_path).unlink(missing_ok=True)
            with suppress(OSError):
                os.close(held.fd)

    def __del__(self) -> None:
        # A Case dropped without close() must not keep its file locked.
        with suppress(Exception):
            self.release()


def _take(case_path: Path) -> int:
    """Lock the lock file; return its descriptor, kept open while the lock is held."""
    path = lock_path(case_path)
    for _ in range(5):
        fd = _open_lock_file(path, case_path)
        if not _try_lock(fd):
            os.close(fd)
            raise _locked_error(case_path)
        if _still_linked(fd, path):
            _write_holder(fd)
            return fd
        os.close(fd)  # released and removed by its holder meanwhile: take the new one
    raise _locked_error(case_path)


def _refuse_other_names(case_path: Path) -> None:
    """Refuse to write a case file that has other names (hard links) on disk.

    Two names of one file would take two lock files, so two writers could be let in and
    SQLite would keep two WAL files for one database: the case would be corrupted.
    """
    try:
        links = os.stat(case_path).st_nlink
    except OSError:
        return  # a missing case (a restore over it) has no other name
    if links > 1:
        raise CaseFileError(
            f"{case_path.name} has {links} names on disk (hard links), so scrchron cannot make "
            "sure it is the only program writing to it. Open it read-only, or make a real copy "
            "(copy, do not link) and work on that."
        )


def _open_lock_file(path: Path, case_path: Path) -> int:
    """Open (or create) the lock file itself: never through a link, never anything but a file."""
    if path.is_symlink():
        raise _not_a_lock(path, case_path, "a link to another file")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK, 0o600)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _not_a_lock(path, case_path, "a link to another file") from None
        if error.errno == errno.EISDIR or path.is_dir():
            raise _not_a_lock(path, case_path, "a folder") from None
        raise CaseNotWritableError(
            f"{case_path.name} cannot be opened for writing: its folder is read-only or you "
            f"do not have permission to write there ({error.strerror or error}). "
            "Open it read-only, or copy it somewhere writable."
        ) from None
    found = os.fstat(fd)
    problem = ("not an ordinary file" if not stat.S_ISREG(found.st_mode)
               else "another name of another file (a hard link)" if found.st_nlink > 1 else "")
    if problem:
        os.close(fd)
        raise _not_a_lock(path, case_path, problem)
    return fd


def _not_a_lock(path: Path, case_path: Path, what: str) -> CaseFileError:
    return CaseFileError(
        f"{case_path.name} cannot be opened for writing: its lock file {path.name} is {what}, "
        "which scrchron never makes, so nothing was written to it. Move it away (it may be "
        "someone's file) and try again, or open the case read-only."
    )


def _try_lock(fd: int) -> bool:
    """Lock without waiting; False when someone else holds the lock."""
    try:
        _lock(fd)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        # ENOLCK, EOPNOTSUPP...: this file system cannot lock (some network shares).
        # Refusing would lock the reviewer out of their own file; open unlocked.
    return True


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _still_linked(fd: int, path: Path) -> bool:
        return True  # an open file cannot be deleted on Windows

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _still_linked(fd: int, path: Path) -> bool:
        """True when ``path`` is still the file we locked (not removed and re-made)."""
        try:
            return os.lstat(path).st_ino == os.fstat(fd).st_ino
        except OSError:
            return False


def _write_holder(fd: int, wal: str = "") -> None:
    details = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
               "since": datetime.now().astimezone().isoformat(timespec="seconds"), "wal": wal}
    data = json.dumps(details).encode("utf-8")
    with suppress(OSError):  # the lock holds without the details; the message is vaguer
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        os.ftruncate(fd, len(data))


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _locked_error(case_path: Path) -> CaseLockedError:
    holder = read_holder(case_path)
    who = f" ({holder.describe()})" if holder else ""
    return CaseLockedError(
        f"{case_path.name} is open in another scrchron{who}. "
        "Open it read-only, or close it there first.",
        holder,
    )


def _when(since: str) -> str:
    """'14:05' today, '3 May 14:05' another day; the text as written if unreadable."""
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        return since
    local = moment.astimezone() if moment.tzinfo else moment
    if local.date() == datetime.now().date():
        return local.strftime("%H:%M")
    return f"{local.day} {local.strftime('%b %H:%M')}"
