"""The learning library's records: what it keeps of each review (never entries, never names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: A case's standing in the library, and what each means to a reader of ``library list``.
STATUSES: dict[str, str] = {
    "read": "read; its summary is in the library",
    "locked": "cannot be read without its passphrase (encrypted), or is locked against reading",
    "damaged": "the file is damaged",
    "newer": "written by a newer scrchron",
    "not a case": "not a scrchron case file",
    "duplicate": "the same case as another file in the library",
    "changing": "kept changing while it was read",
    "missing": "the file is no longer there",
    "unreadable": "the file could not be read",
}

#: Age bands at the incident, as the national analyses report them.
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (1, "under 1"), (6, "1-5"), (11, "6-10"), (16, "11-15"), (18, "16-17"),
    (26, "18-25"), (65, "26-64"), (200, "65 and over"),
)


def age_band(born: str | None, incident: str | None) -> str:
    """The subject's age band at the incident ('' when either date is unknown)."""
    if not born or not incident:
        return ""
    try:
        dob, day = date.fromisoformat(born), date.fromisoformat(incident)
    except ValueError:
        return ""
    if day < dob:
        return ""
    years = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
    return next(band for limit, band in AGE_BANDS if years < limit)


@dataclass(frozen=True)
class FindingSummary:
    """One finding of a review: its number, title, narrative (anonymised), themes and agencies."""

    number: int
    title: str
    narrative: str = ""
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecommendationSummary:
    """One recommendation: text (anonymised), owner, the themes of the findings it answers."""

    number: int
    text: str
    owner: str = ""
    themes: tuple[str, ...] = ()
    findings: tuple[int, ...] = ()


@dataclass(frozen=True)
class ActionSummary:
    """One action of the review's action plan."""

    recommendation: int
    text: str
    owner: str = ""
    due: str | None = None
    status: str = "not started"
    has_evidence: bool = False


@dataclass(frozen=True)
class AgencyInvolvement:
    """An agency that knew the subject, and over which dates."""

    agency: str
    first_contact: str | None = None
    last_contact: str | None = None
    entries: int = 0


@dataclass(frozen=True)
class ReviewSummary:
    """What the library keeps of one review."""

    case_id: str
    title: str
    review_type: str
    year: int | None = None
    incident_date: str | None = None
    age_band: str = ""
    plan_at_incident: str = ""
    findings: tuple[FindingSummary, ...] = ()
    recommendations: tuple[RecommendationSummary, ...] = ()
    actions: tuple[ActionSummary, ...] = ()
    agencies: tuple[AgencyInvolvement, ...] = ()


@dataclass(frozen=True)
class FileStamp:
    """What tells the library a case file changed: the file's and its WAL's time and size."""

    mtime_ns: int
    size: int
    wal_mtime_ns: int = 0
    wal_size: int = 0


@dataclass
class LibraryCase:
    """One case file the library knows, with its standing."""

    id: int
    path: str
    status: str
    reason: str = ""
    read_at: str | None = None
    case_id: str | None = None
    title: str = ""
    review_type: str = ""
    year: int | None = None
    findings: int = 0
    recommendations: int = 0
    actions: int = 0

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``library list --json``."""
        return {"id": self.id, "path": self.path, "status": self.status, "reason": self.reason,
                "read_at": self.read_at, "case_id": self.case_id, "title": self.title,
                "review_type": self.review_type, "year": self.year, "findings": self.findings,
                "recommendations": self.recommendations, "actions": self.actions}


@dataclass(frozen=True)
class ViewFilter:
    """The filters every cross-review view takes (empty: all)."""

    review_type: str = ""
    year: int | None = None
    agency: str = ""
    age_band: str = ""


@dataclass
class ThemeAcross:
    """One theme across the reviews: how many reviews and findings carry it."""

    theme: str
    reviews: int = 0
    findings: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)

    @property
    def recurring(self) -> bool:
        """True when more than one review carries the theme."""
        return self.reviews > 1

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``library themes --json``."""
        return {"theme": self.theme, "reviews": self.reviews, "findings": self.findings,
                "recurring": self.recurring, "by_type": self.by_type, "by_year": self.by_year}


@dataclass(slots=True)
class PlanAction:
    """An action (or a recommendation with no action yet) in the library's action plan."""

    review: str
    review_type: str
    year: int | None
    recommendation: int
    recommendation_text: str
    text: str
    owner: str
    due: str | None
    status: str
    overdue: bool

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``library actions --json``."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass
class RecurringRecommendation:
    """Recommendations of several reviews that say much the same to the same owner on one theme."""

    theme: str
    owner: str
    text: str
    reviews: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``library recommendations --json``."""
        return {"theme": self.theme, "owner": self.owner, "text": self.text,
                "times": len(self.reviews), "reviews": self.reviews, "texts": self.texts}


@dataclass(frozen=True)
class AgencyAcross:
    """One agency across the reviews."""

    agency: str
    reviews: int
    share: float
    median_days_before: int | None
    in_findings: int

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``library agencies --json``."""
        return dict(vars(self))
