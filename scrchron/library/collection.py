"""Adding case files to a library and keeping their summaries up to date.

Reading is incremental: a case whose file (and WAL) has the same time and size as
when it was last read is not read again. Duplicates (the same case id under two
names) are listed against the first file read; nothing is ever written to a case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrchron.library.model import LibraryCase
from scrchron.library.reading import Refusal, read_case, stamp
from scrchron.library.store import LibraryStore
from scrchron.store.case import now

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: Files beside cases that are never cases themselves (SQLite's side files, locks, backups).
_SIDE_FILE = re.compile(r"(-wal|-shm|-journal|\.lock|\.partial)$|\.(v\d+-)?backup-\d{8}-|\.damaged-",
                        re.IGNORECASE)


@dataclass(frozen=True)
class RefreshReport:
    """What a refresh did: how many cases it read, and how many it left (unchanged)."""

    read: int
    unchanged: int


def case_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, a folder standing for every file in it (side files and backups left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                            and not _SIDE_FILE.search(p.name))
        else:
            found.append(path)
    return list(dict.fromkeys(p.absolute() for p in found))


def add_cases(library: LibraryStore, paths: Sequence[Path], progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> RefreshReport:
    """Add case files (or folders of them) to the library and read the new or changed ones."""
    own = {library.path.absolute(), Path(f"{library.path.absolute()}-journal")}
    files = [path for path in case_files(paths) if path not in own]  # never the library itself
    with library.transaction():
        refs = [library.add_path(str(path)) for path in files]
    return refresh(library, refs, progress, cancelled)


def refresh(library: LibraryStore, refs: Sequence[int] | None = None, progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> RefreshReport:
    """Read again every case (or the ones given) whose file changed since it was last read."""
    known = {case.id: case for case in library.cases()}
    wanted = [ref for ref in (refs if refs is not None else list(known)) if ref in known]
    read = 0
    for done, ref in enumerate(wanted):
        if cancelled is not None and cancelled():
            break
        if _changed(library, known[ref]):
            refresh_one(library, known[ref])
            read += 1
        if progress is not None:
            progress(done + 1, len(wanted))
    return RefreshReport(read, len(wanted) - read)


def _changed(library: LibraryStore, case: LibraryCase) -> bool:
    status, was = library.stamp_of(case.id)
    if status in ("unread", "changing", "duplicate", "missing") or was is None:
        return True
    return stamp(Path(case.path)) != was


def refresh_one(library: LibraryStore, case: LibraryCase) -> str:
    """Read one case now (whatever its stamp); return its new status."""
    result, file_stamp = read_case(Path(case.path))
    when = now()
    if isinstance(result, Refusal):
        library.save_refusal(case.id, result.status, result.reason, file_stamp, when)
        return result.status
    other = library.path_with_case_id(result.case_id, case.id)
    if other is not None and Path(other).exists():
        reason = (f"{Path(case.path).name} is the same case as {other} (a copy, or the same file under "
                  "another name); only that one is counted. Remove one of them from the library.")
        library.save_refusal(case.id, "duplicate", reason, file_stamp, when, result.case_id)
        return "duplicate"
    library.save_summary(case.id, result, file_stamp, when)
    return "read"


def remove_case(library: LibraryStore, path: Path) -> bool:
    """Forget a case file (the case itself is not touched); True when the library knew it."""
    return library.remove_path(str(path.absolute()))
