"""The reviewer's records as small typed dataclasses, with validation beside them.

These are plain values: the store reads and writes them, the CLI and the GUI
show them. Nothing here touches the case file or Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from scrchron.errors import ValidationError

REVIEW_TYPES: dict[str, str] = {
    "cspr": "Child Safeguarding Practice Review",
    "scr": "Serious Case Review",
    "sar": "Safeguarding Adults Review",
    "dhr": "Domestic Homicide Review",
    "susr": "Single Unified Safeguarding Review",
    "cpr": "Child Practice Review",
    "apr": "Adult Practice Review",
}

#: The review criteria a Welsh SUSR can meet (one or more), by code.
SUSR_CRITERIA: dict[str, str] = {
    "apr": "Adult Practice Review",
    "cpr": "Child Practice Review",
    "dhr": "Domestic Homicide Review",
    "mhhr": "Mental Health Homicide Review",
    "owhr": "Offensive Weapons Homicide Review",
}

#: The two forms of a Welsh Child or Adult Practice Review.
PRACTICE_REVIEW_FORMS: tuple[str, ...] = ("concise", "extended")

SIGNIFICANCE_LEVELS: tuple[str, ...] = ("key", "relevant", "background")

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# A calm, colour-blind-friendly palette (Okabe-Ito, then muted extras) given to
# agencies in the order they join a case.
AGENCY_PALETTE: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#F0E442", "#7F7F7F", "#8C564B", "#17BECF",
)


def check_review_type(code: str) -> str:
    """Return the review type code in lower case, or raise ValidationError."""
    value = code.strip().lower()
    if value not in REVIEW_TYPES:
        known = ", ".join(REVIEW_TYPES)
        raise ValidationError(f"Unknown review type '{code}'. Use one of: {known}.")
    return value


def check_criteria(text: str) -> tuple[str, ...]:
    """SUSR criteria from 'apr,dhr' (codes or names), or ValidationError naming the known ones."""
    by_name = {name.lower(): code for code, name in SUSR_CRITERIA.items()}
    found: list[str] = []
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        code = part if part in SUSR_CRITERIA else by_name.get(part)
        if code is None:
            known = ", ".join(f"{c} ({n})" for c, n in SUSR_CRITERIA.items())
            raise ValidationError(f"Unknown SUSR criterion '{part}'. Use one or more of: {known}.")
        found.append(code)
    return tuple(dict.fromkeys(found))


def check_form(text: str) -> str:
    """'concise' or 'extended' (a Welsh practice review's form), or ValidationError."""
    value = text.strip().lower()
    if value and value not in PRACTICE_REVIEW_FORMS:
        raise ValidationError(f"Unknown form '{text}'. A practice review is concise or extended.")
    return value


def check_iso_date(value: str | None, what: str) -> str | None:
    """Return an ISO date string unchanged, or raise ValidationError naming the field."""
    if value is None or value == "":
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"The {what} '{value}' is not a date (use YYYY-MM-DD).") from None
    return value


def check_colour(value: str) -> str:
    """Return a #RRGGBB colour, or raise ValidationError."""
    if not _COLOUR.match(value):
        raise ValidationError(f"The colour '{value}' is not of the form #RRGGBB.")
    return value.upper()


@dataclass
class Review:
    """The review a case file holds: one per case file."""

    title: str
    review_type: str
    subject_name: str = ""
    subject_pseudonym: str = ""
    subject_dob: str | None = None
    scope_from: str | None = None
    scope_to: str | None = None
    incident_date: str | None = None
    commissioned_date: str | None = None
    protective_marking: str = "OFFICIAL-SENSITIVE"
    created_at: str = ""

    def validate(self) -> Review:
        """Check every field; return self so calls can chain."""
        if not self.title.strip():
            raise ValidationError("A review needs a title.")
        self.review_type = check_review_type(self.review_type)
        for name in ("subject_dob", "scope_from", "scope_to", "incident_date", "commissioned_date"):
            setattr(self, name, check_iso_date(getattr(self, name), name.replace("_", " ")))
        if self.scope_from and self.scope_to and self.scope_to < self.scope_from:
            raise ValidationError(
                f"The scope ends ({self.scope_to}) before it starts ({self.scope_from})."
            )
        return self

    @property
    def type_name(self) -> str:
        """The review type's full name, e.g. 'Safeguarding Adults Review'."""
        return REVIEW_TYPES.get(self.review_type, self.review_type)


@dataclass
class Agency:
    """An agency that knew the family and sent a chronology."""

    id: int
    name: str
    short_name: str = ""
    colour: str = "#7F7F7F"
    mapping: dict[str, str] = field(default_factory=dict)


@dataclass
class Submission:
    """One file an agency sent, as imported."""

    id: int
    agency_id: int
    file_name: str
    sha256: str
    imported_at: str
    importer: str
    mapping: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    rows_imported: int = 0
    rows_skipped: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    version: int = 1
    status: str = "current"
    details: dict[str, str] = field(default_factory=dict)


#: The detail an entry read from a PDF keeps: the page it was printed on (its origin names it).
PDF_PAGE = "Page in the PDF"


@dataclass(slots=True)
class Entry:
    """One line of an agency's chronology, with where it came from and what it says.

    ``date_text`` is the date as written; ``start``/``end``/``precision``/``uncertain``
    and ``flags`` are its interpretation (see scrchron.dates.reader).
    """

    agency_id: int
    event: str
    date_text: str = ""
    id: int = 0
    agency: str = ""
    submission_id: int | None = None
    sheet: str = ""
    row: int | None = None
    seq: float = 0.0
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    uncertain: bool = False
    flags: list[str] = field(default_factory=list)
    date_manual: bool = False
    time_text: str = ""
    time: str | None = None
    end_date_text: str = ""
    end_time_text: str = ""
    action: str = ""
    source: str = ""
    practitioner_role: str = ""
    contact_type: str = ""
    agency_comment: str = ""
    reviewer_note: str = ""
    significance: str = ""
    good_practice: bool = False
    child_seen: bool = False
    child_views: bool = False
    withdrawn: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    original: dict[str, str] = field(default_factory=dict)
    group: int | None = None

    def validate(self) -> Entry:
        """Check the fields a reviewer can set; return self."""
        if not self.event.strip():
            raise ValidationError("An entry needs event text (what happened).")
        if self.significance and self.significance not in SIGNIFICANCE_LEVELS:
            levels = ", ".join(SIGNIFICANCE_LEVELS)
            raise ValidationError(f"Significance must be one of: {levels}.")
        return self

    @property
    def origin(self) -> str:
        """Where the entry came from, in words: 'Sheet1 row 12' or 'added by hand'."""
        if self.submission_id is None:
            return "added by hand"
        place = self.sheet or "row"
        where = f"{place} row {self.row}" if self.sheet else f"{place} {self.row}"
        page = self.extra.get(PDF_PAGE)
        return f"{where} (page {page})" if page else where


@dataclass
class Person:
    """Someone named in the case, and the pseudonym that replaces them in exports."""

    id: int
    name: str
    pseudonym: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    dob: str | None = None
    is_subject: bool = False


@dataclass
class AuditRecord:
    """One change to the case file."""

    id: int
    at: str
    action: str
    table: str
    row_id: int | None
    field: str
    old: str | None
    new: str | None
