"""Writing an export so that an existing file is never left half-written.

The file is written to a temporary file in the destination folder, checked, and
only then moved over the destination with ``os.replace`` (atomic on one file
system). Whatever fails, the temporary file is removed and the destination is
as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from scrchron.errors import ScrchronError


class ExportError(ScrchronError):
    """An export could not be written; the message says why and what to do."""


def check_destination(path: Path, case_path: Path | None = None) -> None:
    """Refuse a destination whose folder is missing, that is a folder itself, or (given the
    case file) that is the case file, one of its backups, side files or its lock."""
    if case_path is not None:
        from scrchron.store.backups import part_of_case  # local: export needs store only here

        what = part_of_case(case_path, path)
        if what:
            raise ExportError(
                f"Cannot export to {path.name}: it is {what}, which the export would destroy. "
                "Choose another file name."
            )
    folder = path.parent
    if not folder.exists():
        raise ExportError(f"The folder {folder} does not exist. Create it or choose another place.")
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder. Choose another place to save {path.name}.")
    if path.is_dir():
        raise ExportError(f"{path} is a folder. Give a file name such as {path.name}/report.docx.")


def write_safely(path: Path, write: Callable[[Path], None],
                 check: Callable[[Path], None] | None = None) -> None:
    """Write ``path`` through a temporary file in the same folder.

    Args:
        path: the destination; replaced only when everything succeeded.
        write: writes the whole file at the path it is given.
        check: reads the written temporary file back and raises to refuse it.

    Raises:
        ExportError: the folder is missing or read-only, the destination is open in
            another program, or writing failed (disk full: an ``OSError`` becomes this
            message). Other errors raised by ``write`` or ``check`` pass through; in
            every case the temporary file is deleted.
    """
    check_destination(path)
    remove_stale_temporaries(path.parent)
    temporary = _temporary_beside(path)
    try:
        try:
            write(temporary)
            if check is not None:
                check(temporary)
        except OSError as error:  # disk full, media removed...: a message, never a traceback
            raise ExportError(_write_failed(path, error)) from None
        if path.is_file():  # keep the permissions of the file being replaced
            with contextlib.suppress(OSError):
                shutil.copymode(path, temporary)
        _replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _write_failed(path: Path, error: OSError) -> str:
    from scrchron.store.case_files import failure_reason  # local: keeps export's imports light

    reason = failure_reason(error)
    if reason == "the disk is full":
        return (f"The disk is full, so {path.name} could not be written; nothing was left behind. "
                "Free some space (or choose another drive) and export again.")
    return f"{path.name} could not be written ({reason}); nothing was left behind."


#: Every temporary file or folder scrchron makes beside an export starts so, then the pid.
TEMP_PREFIX = ".~scrchron-"
_TEMP_NAME = re.compile(r"^\.~scrchron-(\d+)-")
_OLD_TEMP = re.compile(r"^\.~.+\.tmp$")  # named as scrchron did before the pid was part of it
_OLD_AGE_SECONDS = 3600


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove what a killed export left in ``folder`` (a half-written file holds the case's text).

    A temporary belongs to the process named in it: it is removed once that process has
    ended (older unnamed ones after an hour). Returns what was removed.
    """
    removed: list[Path] = []
    try:
        names = list(folder.iterdir())
    except OSError:
        return removed
    for path in names:
        found = _TEMP_NAME.match(path.name)
        stale = (not _alive(int(found.group(1)))) if found else (
            bool(_OLD_TEMP.match(path.name)) and _older_than(path, _OLD_AGE_SECONDS))
        if stale:
            with contextlib.suppress(OSError):
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's, or cannot tell: leave it
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except OSError:
        return False


@contextlib.contextmanager
def private_work_folder(beside: Path) -> Iterator[Path]:
    """A folder only this user can read (0700) beside an export, removed afterwards.

    The spreadsheet writer's own temporary files (whole sheets as plain XML) go there
    instead of the shared system temp folder; a killed export's folder is removed by
    the next export (:func:`remove_stale_temporaries`).
    """
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-work.", dir=beside.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _temporary_beside(path: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{path.stem[:40]}.",
                                        suffix=path.suffix + ".tmp", dir=path.parent)
    except PermissionError:
        raise ExportError(
            f"Cannot write in {path.parent}: the folder is read-only or you do not have permission. "
            "Choose another folder."
        ) from None
    except OSError as error:
        raise ExportError(f"Cannot write in {path.parent}: {error.strerror or error}.") from None
    os.close(handle)
    return Path(name)


def _replace(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except PermissionError:
        if path.exists():
            raise ExportError(
                f"Cannot replace {path.name}, which is open in another program or read-only: "
                "close it in Word/Excel and try again. The existing file was not changed."
            ) from None
        raise ExportError(
            f"Cannot write {path.name} in {path.parent}: the folder is read-only or you do not have "
            "permission. Choose another folder."
        ) from None
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
