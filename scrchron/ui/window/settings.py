"""The app's preferences, declared in one list with their defaults, and window state.

Preferences live under ``preferences/``; window geometry and header layout live
under ``state/``, apart, so resetting one never touches the other (Picard keeps
``setting`` and ``persist`` apart for the same reason). Every read goes through
a fresh ``QSettings()``, so tests can redirect the files with ``QSettings.setPath``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


@dataclass(frozen=True)
class Setting:
    """One preference: its key in the settings file, its default and what it is for."""

    key: str
    default: str | tuple[str, ...]
    description: str


RECENT_CASES = Setting("preferences/recent_cases", (), "Case files opened lately, newest first.")
LAST_FOLDER = Setting("preferences/last_folder", "", "The folder last used to open or save a case.")
IMPORT_FOLDER = Setting("preferences/import_folder", "",
                        "The folder agency files were last imported from (File > Import).")
APPEARANCE = Setting("preferences/appearance", "system",
                     "View > Appearance: 'system' (follow it), 'light' or 'dark'.")

EXPORTS_WRITTEN = Setting("state/exports_written", (),
                          "Files scrchron exported lately, each 'modified-time|path', so that a "
                          "file changed since (a report edited in Word) is never replaced unasked.")
MAX_EXPORTS = 50

SETTINGS: tuple[Setting, ...] = (RECENT_CASES, LAST_FOLDER, IMPORT_FOLDER, APPEARANCE, EXPORTS_WRITTEN)


def read_text(setting: Setting) -> str:
    """A text preference, or its default."""
    value = QSettings().value(setting.key)
    return str(value) if value is not None else str(setting.default)


def read_list(setting: Setting) -> list[str]:
    """A list preference, or its default (an INI file returns one item as a bare string)."""
    value = QSettings().value(setting.key)
    if value is None:
        return list(setting.default)
    if isinstance(value, str):
        return [value] if value else []
    return [str(item) for item in value]


def write(setting: Setting, value: str | list[str]) -> None:
    """Store a preference."""
    QSettings().setValue(setting.key, value)


def recent_cases() -> list[Path]:
    """Case files opened lately, newest first."""
    return [Path(item) for item in read_list(RECENT_CASES)]


def remember_case(path: Path) -> None:
    """Put a case file at the top of the recent list (and remember its folder)."""
    path = path.resolve()
    others = [item for item in read_list(RECENT_CASES) if Path(item) != path]
    write(RECENT_CASES, [str(path), *others][:MAX_RECENT])
    write(LAST_FOLDER, str(path.parent))


def forget_case(path: Path) -> None:
    """Take a case file off the recent list."""
    path = path.resolve()
    write(RECENT_CASES, [item for item in read_list(RECENT_CASES) if Path(item) != path])


def last_folder() -> Path:
    """The folder to start file dialogs in: the last one used, or the home folder."""
    return _folder(LAST_FOLDER) or Path.home()


def import_folder() -> Path:
    """The folder File > Import starts in: where agency files last came from, else ``last_folder``.

    Agency files usually sit apart from the reviews, so the two are remembered apart.
    """
    return _folder(IMPORT_FOLDER) or last_folder()


def remember_import_folder(path: Path) -> None:
    """Remember the folder of an agency file the reviewer imports."""
    write(IMPORT_FOLDER, str(path.resolve().parent))


def _folder(setting: Setting) -> Path | None:
    """A remembered folder that still exists, or None."""
    text = read_text(setting)
    return Path(text) if text and Path(text).is_dir() else None


def save_state(name: str, state: QByteArray) -> None:
    """Store a widget's geometry or layout (``saveGeometry()``, ``saveState()``)."""
    QSettings().setValue(f"state/{name}", state)


def load_state(name: str) -> QByteArray | None:
    """A stored geometry or layout, or None when there is none."""
    value = QSettings().value(f"state/{name}")
    return value if isinstance(value, QByteArray) else None


def remember_export(path: Path) -> None:
    """Note that scrchron has just written ``path`` (its modification time now)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return
    key = str(path.resolve())
    kept = [item for item in read_list(EXPORTS_WRITTEN) if item.split("|", 1)[-1] != key]
    write(EXPORTS_WRITTEN, [f"{stamp}|{key}", *kept][:MAX_EXPORTS])


def changed_since_export(path: Path) -> bool:
    """True when ``path`` was changed after scrchron last wrote it, or scrchron never wrote it."""
    key = str(path.resolve())
    for item in read_list(EXPORTS_WRITTEN):
        stamp, _, written = item.partition("|")
        if written == key:
            try:
                return str(path.stat().st_mtime_ns) != stamp
            except OSError:
                return False
    return True
