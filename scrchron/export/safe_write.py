"""Writing an export so that an existing file is never left half-written.

The file is written to a temporary file in the destination folder, checked, and
only then moved over the destination with ``os.replace`` (atomic on one file
system). Whatever fails, the temporary file is removed and the destination is
as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
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
        ExportError: the folder is missing or read-only, or the destination is open
            in another program. Errors raised by ``write`` or ``check`` pass through;
            in every case the temporary file is deleted.
    """
    check_destination(path)
    temporary = _temporary_beside(path)
    try:
        write(temporary)
        if check is not None:
            check(temporary)
        if path.is_file():  # keep the permissions of the file being replaced
            with contextlib.suppress(OSError):
                shutil.copymode(path, temporary)
        _replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _temporary_beside(path: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f".~{path.stem[:40]}.", suffix=path.suffix + ".tmp",
                                        dir=path.parent)
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
