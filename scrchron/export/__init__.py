"""Exports of a case: the Word overview report, the chronology as Excel or CSV.

The command line and the window call these; they hold no rules of their own.

- :func:`write_report` writes the overview report (.docx).
- :func:`write_spreadsheet` writes the merged chronology as .xlsx; :func:`write_csv` as .csv.
- :func:`write_pdf` writes the anonymised report as an accessible (tagged) PDF, through LibreOffice.
- :func:`export` picks one of them from the file's extension.

Every export filters every text through :class:`~scrchron.export.privacy.ExportPrivacy`
(the subject is always shown by pseudonym; ``anonymise=True`` replaces every known
name), writes through a temporary file (:mod:`scrchron.export.safe_write`), and with
``anonymise`` reads the written file back and refuses it if a known name remains.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scrchron.errors import ExportCancelled, ValidationError
from scrchron.export.report_layout import ReportLayout
from scrchron.store.case import Case

if TYPE_CHECKING:
    from scrchron.export.pdf import write_pdf
    from scrchron.export.privacy import ExportRefused
    from scrchron.export.report import ExportSummary, ReportSummary, write_report
    from scrchron.export.safe_write import ExportError
    from scrchron.export.spreadsheet import write_csv, write_spreadsheet

#: Where each export's name lives: the package loads a module when one of its names is first
#: used, so the window, which needs none at start, does not load python-docx's and openpyxl's
#: writers (and everything the report is made of) before it opens.
_WHERE = {"write_pdf": "pdf", "ExportRefused": "privacy", "ExportSummary": "report", "ReportSummary": "report",
          "write_report": "report", "ExportError": "safe_write", "write_csv": "spreadsheet",
          "write_spreadsheet": "spreadsheet"}


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


FORMATS: dict[str, str] = {".docx": "Word report", ".xlsx": "Excel chronology", ".csv": "CSV chronology"}

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "ExportRefused",
    "ExportSummary",
    "ReportSummary",
    "export",
    "write_csv",
    "write_pdf",
    "write_report",
    "write_spreadsheet",
]


def export(case: Case, path: Path | str, *, anonymise: bool = False, include_withdrawn: bool = False,
           progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
           today: date | None = None, publication: bool = False, marking: str | None = None,
           password: str | None = None, layout: ReportLayout | None = None) -> ExportSummary:
    """Write the export the extension of ``path`` names (.docx, .xlsx or .csv).

    The keyword arguments are those of :func:`write_report` (``today`` and ``layout`` are used by the
    report only).
    With ``password``, a .docx or .xlsx is written encrypted (Word and Excel ask for the password);
    no export is encrypted unless asked.
    """
    from scrchron.export.report import write_report
    from scrchron.export.spreadsheet import write_csv, write_spreadsheet

    path = Path(path)
    if password is not None:
        from scrchron.export.password import write_protected  # local: msoffcrypto only when asked

        return write_protected(path, password, lambda plain: export(
            case, plain, anonymise=anonymise, include_withdrawn=include_withdrawn, progress=progress,
            cancelled=cancelled, today=today, publication=publication, marking=marking, layout=layout))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return write_report(case, path, anonymise=anonymise, include_withdrawn=include_withdrawn,
                            progress=progress, cancelled=cancelled, today=today, publication=publication,
                            marking=marking, layout=layout)
    writers = {".xlsx": write_spreadsheet, ".csv": write_csv}
    if suffix in writers:
        return writers[suffix](case, path, anonymise=anonymise, include_withdrawn=include_withdrawn,
                               progress=progress, cancelled=cancelled, publication=publication, marking=marking)
    known = ", ".join(FORMATS)
    raise ValidationError(
        f"Cannot export to '{path.name}': the file name must end in {known} "
        "(a Word report, or the chronology for Excel or as CSV)."
    )
