"""What the store knows about case files as files, below both the case and its backups.

``real_case_path`` follows a symbolic link to the case file itself (backups, the lock and a
restore act on the real file, never on the link); ``failure_reason`` says why an
operating-system or SQLite operation failed in the reviewer's words.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = ["failure_reason", "real_case_path"]


def real_case_path(path: Path) -> Path:
    """The case file a path names: a symbolic link is followed to the file itself.

    Backups, the lock and a restore then act on the real file, never on the link.
    """
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def failure_reason(error: BaseException) -> str:
    """Why an operating-system or SQLite operation failed, in the reviewer's words."""
    text = str(error) or type(error).__name__
    code = error.errno if isinstance(error, OSError) else None
    if isinstance(error, PermissionError) or code == errno.EROFS or "readonly" in text \
            or "read-only" in text:
        return "the location is read-only or you do not have permission to write there"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or ("disk" in text and "full" in text):
        return "the disk is full"
    return text
