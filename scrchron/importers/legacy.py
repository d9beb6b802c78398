"""Converting legacy files (.doc, .odt, .rtf, unreadable .xls) with LibreOffice.

LibreOffice runs headless in a private temporary profile, with a time limit, in
a network namespace of its own where one can be made (Linux: ``unshare -n``), and
with settings that stop it fetching linked content: nothing it reads can make it
reach the network;
the converted .docx/.xlsx is then read like any other submission. Without
LibreOffice the user is told how to save the file from Word or Excel.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from scrchron.importers import limits
from scrchron.importers.parsed import SubmissionError

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


# The private profile's settings: linked content (images, OLE links, fields) is never
# fetched, macros and active content never run, and any request that still went out
# would go to a proxy on a closed local port. (Setting names from LibreOffice's
# Common.xcs, Writer.xcs, Calc.xcs and Inet.xcs.)
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
 <prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="DisableActiveContent" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">
 <prop oor:name="Link" oor:op="fuse"><value>0</value></prop>
 <prop oor:name="Field" oor:op="fuse"><value>false</value></prop>
 <prop oor:name="Chart" oor:op="fuse"><value>false</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update">
 <prop oor:name="Link" oor:op="fuse"><value>1</value></prop>
</item>
<item oor:path="/org.openoffice.Inet/Settings">
 <prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop>
 <prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop>
 <prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop>
 <prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop>
</item>
</oor:items>
"""


def _write_profile(workdir: Path) -> Path:
    """The private LibreOffice profile, with the settings above."""
    user = workdir / "profile" / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    return workdir / "profile"


def offline_prefix() -> tuple[str, ...]:
    """The command that runs a program with no network at all, or () where none works.

    Linux: ``unshare -n`` (a new, empty network namespace: no interface but a loopback
    that is down, so no connection and no DNS can leave), or ``unshare -r -n`` for a
    user who is not root (unprivileged user namespaces). Checked once by running
    ``true`` through it.
    """
    if not sys.platform.startswith("linux"):
        return ()
    found = shutil.which("unshare") or next((p for p in _UNSHARE_PATHS if os.access(p, os.X_OK)), None)
    return _working_prefix(found) if found else ()


_UNSHARE_PATHS = ("/usr/bin/unshare", "/bin/unshare")


@functools.cache
def _working_prefix(unshare: str) -> tuple[str, ...]:
    """``unshare -n``, else ``unshare -r -n``, whichever runs ``true`` here; else ()."""
    for prefix in ((unshare, "-n", "--"), (unshare, "-r", "-n", "--")):
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return prefix
    return ()


def _run(program: str, source: Path, target: str, workdir: Path, name: str) -> None:
    """Run LibreOffice headless, offline, with a private profile and a time limit."""
    profile = _write_profile(workdir).resolve().as_uri()
    command = [
        *offline_prefix(),
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
