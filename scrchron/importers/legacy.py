"""Converting legacy files (.doc, .odt, .rtf, unreadable .xls) with LibreOffice.

LibreOffice runs headless in a private temporary profile, with a time limit;
the converted .docx/.xlsx is then read like any other submission. Without
LibreOffice the user is told how to save the file from Word or Excel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from scrchron.importers import limits
from scrchron.importers.model import SubmissionError

SOFFICE_NAMES = ("soffice", "libreoffice")
"""Program names looked up on PATH."""

SOFFICE_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
"""Usual install locations checked when LibreOffice is not on PATH."""

_SAVE_AS = {
    "docx": "open it in Word and use File > Save As > Word Document (.docx)",
    "xlsx": "open it in Excel and use File > Save As > Excel Workbook (.xlsx)",
}
_DESCRIPTIONS = {
    "doc": "an old Word 97-2003 document (.doc)",
    "odt": "an OpenDocument text document (.odt)",
    "rtf": "a Rich Text document (.rtf)",
    "xls": "an old Excel 97-2003 workbook that could not be read directly",
}


def find_soffice() -> str | None:
    """Return the LibreOffice program to run, or None when not installed."""
    for program in SOFFICE_NAMES:
        found = shutil.which(program)
        if found:
            return found
    for candidate in SOFFICE_PATHS:
        if os.path.isfile(candidate):
            return candidate
    return None


def convert(path: Path, kind: str, target: str, workdir: Path) -> Path:
    """Convert a legacy file to .docx or .xlsx with LibreOffice.

    Args:
        path: the file to convert.
        kind: what it is ('doc', 'odt', 'rtf', 'xls').
        target: 'docx' or 'xlsx'.
        workdir: an empty temporary folder owned by the caller.

    Returns:
        The converted file inside ``workdir``.

    Raises:
        SubmissionError: when LibreOffice is missing, fails or takes too long.
    """
    program = find_soffice()
    if program is None:
        raise SubmissionError(
            f"'{path.name}' is {_DESCRIPTIONS.get(kind, 'a legacy file')}, which needs "
            f"LibreOffice (not installed) to be read: {_SAVE_AS[target]}, then import "
            "that file."
        )
    source = workdir / f"submission{path.suffix.lower() or '.' + kind}"
    shutil.copyfile(path, source)
    outdir = workdir / "out"
    outdir.mkdir()
    _run(program, source, target, workdir, path.name)
    produced = sorted(outdir.glob(f"*.{target}"))
    if not produced:
        raise SubmissionError(
            f"LibreOffice could not convert '{path.name}' (damaged or password-protected?): "
            f"{_SAVE_AS[target]}, then import that file."
        )
    return produced[0]


def _run(program: str, source: Path, target: str, workdir: Path, name: str) -> None:
    """Run LibreOffice headless with a private profile and a time limit."""
    profile = (workdir / "profile").resolve().as_uri()
    command = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(workdir / "out"),
        str(source),
    ]
    try:
        subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=limits.LIBREOFFICE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise SubmissionError(
            f"LibreOffice took more than {limits.LIBREOFFICE_TIMEOUT_SECONDS} seconds "
            f"to convert '{name}' and was stopped: {_SAVE_AS[target]}, then import "
            "that file."
        ) from exc
    except OSError as exc:
        raise SubmissionError(
            f"LibreOffice could not be started to convert '{name}' ({exc.strerror or exc}): "
            f"{_SAVE_AS[target]}, then import that file."
        ) from exc
