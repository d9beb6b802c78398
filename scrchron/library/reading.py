"""Reading one case file's summary for the library, read-only, whatever state it is in.

The case is opened with ``Case.open(path, read_only=True)``: no write lock is taken,
nothing is written to the file (an older case is updated in memory only), a case open
for writing in another scrchron is read as one snapshot of its last saved state.
A file that cannot be read gives a :class:`Refusal` with the reason a reader sees.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scrchron.errors import CaseFileError, NewerCaseFileError
from scrchron.library.model import (
    ActionSummary,
    AgencyInvolvement,
    FileStamp,
    FindingSummary,
    RecommendationSummary,
    ReviewSummary,
    age_band,
)
from scrchron.names.anonymise import Anonymiser
from scrchron.store import analysis as store
from scrchron.store.case import CASE_ID_SETTING, Case, CaseDamagedError
from scrchron.store.summary import agency_contacts, snapshot

#: The case setting where a reviewer records whether the subject was on a plan at the incident
#: ("child protection plan", "child in need plan", "none"); '' when not recorded.
PLAN_SETTING = "plan_at_incident"
#: How often a case that changes while it is read is read again before it is listed as changing.
READ_ATTEMPTS = 3
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Refusal:
    """Why a file is not in the library's views: its status and a one-line reason."""

    status: str
    reason: str


def stamp(path: Path) -> FileStamp | None:
    """The file's stamp, or None when it is not there."""
    try:
        info = path.stat()
    except OSError:
        return None
    try:
        wal = Path(f"{path}-wal").stat()
    except OSError:
        return FileStamp(info.st_mtime_ns, info.st_size)
    if wal.st_size == 0:  # an empty WAL holds nothing (a reader may leave one behind)
        return FileStamp(info.st_mtime_ns, info.st_size)
    return FileStamp(info.st_mtime_ns, info.st_size, wal.st_mtime_ns, wal.st_size)


def read_case(path: Path) -> tuple[ReviewSummary | Refusal, FileStamp | None]:
    """Read a case's summary, again when it changed while being read.

    Returns the summary (or the refusal) and the stamp of the file as read.
    """
    for _ in range(READ_ATTEMPTS):
        before = stamp(path)
        if before is None:
            return Refusal("missing", f"{path.name} is not there (moved, renamed or deleted?). Check the "
                                      "path, or remove it from the library."), None
        result = _read_once(path)
        if stamp(path) == before:
            return result, before
    return Refusal("changing", f"{path.name} changed each time it was read (it is being edited); "
                               "refresh the library when the work on it stops."), stamp(path)


def _read_once(path: Path) -> ReviewSummary | Refusal:
    refused = _not_a_case(path)
    if refused:
        return refused
    try:
        with Case.open(path, read_only=True) as case, snapshot(case):
            return summary_of(case)
    except NewerCaseFileError as error:
        return Refusal("newer", str(error))
    except CaseDamagedError as error:
        return Refusal("damaged", str(error))
    except CaseFileError as error:
        text = str(error)
        return Refusal("not a case" if "not a scrchron case file" in text else "unreadable", text)
    except OSError as error:
        return Refusal("unreadable", f"{path.name} could not be read: {error.strerror or error}.")


def _not_a_case(path: Path) -> Refusal | None:
    """A refusal for a file that is plainly not an SQLite case file (or is an encrypted one)."""
    if path.is_dir():
        return Refusal("not a case", f"{path.name} is a folder, not a case file.")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        if isinstance(error, PermissionError):
            return Refusal("locked", f"{path.name} cannot be opened: you do not have permission to "
                                     "read it. Ask its owner for access.")
        return Refusal("unreadable", f"{path.name} could not be read: {error.strerror or error}.")
    if head.startswith(_SQLITE_MAGIC):
        return None
    if path.suffix.lower() == ".scrchron" and _looks_encrypted(head):
        return Refusal("locked", f"{path.name} is encrypted and the library has no passphrase for "
                                 "it; it was left as it is. Open it in scrchron to read it.")
    return Refusal("not a case", f"{path.name} is not a scrchron case file (it is not an SQLite "
                                 "database).")


def _looks_encrypted(head: bytes) -> bool:
    """True for bytes that look random (an encrypted database), not text or a zip."""
    return len(head) >= 512 and len(set(head)) > 200


def summary_of(case: Case) -> ReviewSummary:
    """The summary of an open case: review details, findings, recommendations, actions, agencies.

    Texts pass through the case's anonymiser; the subject's name and date of birth are never
    kept (only the age band at the incident).
    """
    review = case.review()
    clean = Anonymiser.from_case(case).anonymise
    findings = store.list_findings(case)
    themes_of = {finding.id: tuple(finding.themes) for finding in findings}
    number_of = {finding.id: finding.number for finding in findings}
    recommendations = store.list_recommendations(case)
    rec_number = {rec.id: rec.number for rec in recommendations}
    year_text = (review.incident_date or review.commissioned_date or review.created_at or "")[:4]
    return ReviewSummary(
        case_id=case.setting(CASE_ID_SETTING) or f"{os.path.basename(case.path)}",
        title=clean(review.title), review_type=review.review_type,
        year=int(year_text) if year_text.isdigit() else None, incident_date=review.incident_date,
        age_band=age_band(review.subject_dob, review.incident_date),
        plan_at_incident=case.setting(PLAN_SETTING).strip().lower(),
        findings=tuple(FindingSummary(f.number, clean(f.title), clean(f.narrative), tuple(f.themes),
                                      tuple(f.agencies)) for f in findings),
        recommendations=tuple(RecommendationSummary(
            r.number, clean(r.text), clean(r.owner),
            tuple(dict.fromkeys(t for fid in r.findings for t in themes_of.get(fid, ()))),
            tuple(number_of[fid] for fid in r.findings if fid in number_of)) for r in recommendations),
        actions=tuple(ActionSummary(rec_number.get(a.recommendation_id, 0), clean(a.text), clean(a.owner), a.due,
                                    a.status, bool(a.evidence)) for a in store.list_actions(case)),
        agencies=tuple(AgencyInvolvement(c.agency, c.first_contact, c.last_contact, c.entries)
                       for c in agency_contacts(case)),
    )
