"""The learning library: every review's findings, themes and action plan across many case files.

The library is its own small SQLite file (library.store), never a copy of the cases: it reads
each case read-only (library.reading), keeps a summary (never entries, never names) and reads a
case again only when its file changed (library.collection). The CLI and the window call the
views (library.views) and the open export (library.export).
"""

from scrchron.library import views
from scrchron.library.collection import RefreshReport, add_cases, case_files, refresh, remove_case
from scrchron.library.model import LibraryCase, ViewFilter
from scrchron.library.store import LibraryError, LibraryStore

__all__ = ["LibraryCase", "LibraryError", "LibraryStore", "RefreshReport", "ViewFilter", "add_cases",
           "case_files", "refresh", "remove_case", "views"]
