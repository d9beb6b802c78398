"""The review's analysis as small typed records: episodes, findings, themes,
recommendations and the action plan, with validation beside them.

These are plain values: ``scrchron.store.analysis`` reads and writes them,
``scrchron.analysis.operations`` holds the operations, the CLI and the GUI show them.
``as_dict`` gives the JSON form the command line prints (a contract).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scrchron.errors import ValidationError
from scrchron.records.case_records import Person, check_iso_date

ACTION_STATUSES: tuple[str, ...] = ("not started", "in progress", "complete")


def clean_text(value: str) -> str:
    """Strip surrounding space; inner line breaks (paragraphs) are kept."""
    return value.strip()


def required(value: str, message: str) -> str:
    """Return ``value`` stripped, or raise ValidationError(message) when it is empty."""
    value = clean_text(value)
    if not value:
        raise ValidationError(message)
    return value


def check_status(value: str) -> str:
    """Return an action status in its stored form ('in-progress' -> 'in progress')."""
    status = " ".join(value.replace("-", " ").replace("_", " ").lower().split())
    if status not in ACTION_STATUSES:
        known = ", ".join(ACTION_STATUSES)
        raise ValidationError(f"Unknown status '{value}'. Use one of: {known}.")
    return status


def check_period(period_from: str | None, period_to: str | None) -> tuple[str | None, str | None]:
    """Check an episode's period (either end may be open); return it."""
    period_from = check_iso_date(period_from, "episode start")
    period_to = check_iso_date(period_to, "episode end")
    if period_from and period_to and period_to < period_from:
        raise ValidationError(f"The episode ends ({period_to}) before it starts ({period_from}).")
    return period_from, period_to


@dataclass
class Theme:
    """A learning theme: from the default taxonomy (``builtin``) or added for this review."""

    id: int
    name: str
    position: int = 0
    builtin: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``theme list --json``."""
        return {"id": self.id, "name": self.name, "builtin": self.builtin, "position": self.position}


@dataclass
class Episode:
    """A key practice episode (SCIE Learning Together): a stretch of the case that explains it."""

    title: str
    id: int = 0
    number: int = 0
    period_from: str | None = None
    period_to: str | None = None
    summary: str = ""
    analysis: str = ""
    good_practice: str = ""
    questions: str = ""
    entries: list[int] = field(default_factory=list)

    def validate(self) -> Episode:
        """Check the fields a reviewer sets; return self."""
        self.title = required(self.title, "An episode needs a title.")
        self.period_from, self.period_to = check_period(self.period_from, self.period_to)
        for name in ("summary", "analysis", "good_practice", "questions"):
            setattr(self, name, clean_text(getattr(self, name)))
        return self

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``episode list --json``."""
        return {"id": self.id, "number": self.number, "title": self.title,
                "from": self.period_from, "to": self.period_to, "summary": self.summary,
                "analysis": self.analysis, "good_practice": self.good_practice,
                "questions": self.questions, "entries": list(self.entries)}


@dataclass
class Finding:
    """A finding (learning opportunity): a systemic pattern with its evidence and themes."""

    title: str
    id: int = 0
    number: int = 0
    narrative: str = ""
    themes: list[str] = field(default_factory=list)
    episodes: list[int] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)

    def validate(self) -> Finding:
        """Check the fields a reviewer sets; return self."""
        self.title = required(self.title, "A finding needs a title.")
        self.narrative = clean_text(self.narrative)
        return self

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``finding list --json``."""
        return {"id": self.id, "number": self.number, "title": self.title, "text": self.narrative,
                "themes": list(self.themes), "episodes": list(self.episodes),
                "entries": list(self.entries), "agencies": list(self.agencies)}


@dataclass
class Recommendation:
    """A recommendation answering one or more findings, owned by an agency or the partnership."""

    text: str
    id: int = 0
    number: int = 0
    owner: str = ""
    findings: list[int] = field(default_factory=list)

    def validate(self) -> Recommendation:
        """Check the fields a reviewer sets; return self."""
        self.text = required(self.text, "A recommendation needs its text.")
        self.owner = " ".join(self.owner.split())
        return self

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``recommendation list --json``."""
        return {"id": self.id, "number": self.number, "text": self.text, "owner": self.owner,
                "findings": list(self.findings)}


@dataclass
class Action:
    """One action of the action plan, answering a recommendation."""

    recommendation_id: int
    text: str
    id: int = 0
    owner: str = ""
    due: str | None = None
    status: str = "not started"
    evidence: str = ""
    updated_at: str | None = None

    def validate(self) -> Action:
        """Check the fields a reviewer sets; return self."""
        self.text = required(self.text, "An action needs its text.")
        self.owner = " ".join(self.owner.split())
        self.due = check_iso_date(self.due, "due date")
        self.status = check_status(self.status)
        self.evidence = clean_text(self.evidence)
        return self

    def is_overdue(self, today: date | None = None) -> bool:
        """True when the due date has passed (before ``today``) and the action is not complete."""
        if self.due is None or self.status == "complete":
            return False
        return date.fromisoformat(self.due) < (today or date.today())

    @property
    def overdue(self) -> bool:
        """``is_overdue`` as of today."""
        return self.is_overdue()

    def as_dict(self, today: date | None = None) -> dict[str, Any]:
        """The JSON form printed by ``action list --json``."""
        return {"id": self.id, "recommendation": self.recommendation_id, "text": self.text,
                "owner": self.owner, "due": self.due, "status": self.status,
                "evidence": self.evidence, "overdue": self.is_overdue(today),
                "updated_at": self.updated_at}


@dataclass
class ActionPlanSummary:
    """What has actually changed since the review, at a glance."""

    today: str
    total: int
    by_status: dict[str, int]
    overdue: int
    complete_with_evidence: int
    complete_without_evidence: int
    recommendations: int
    recommendations_without_actions: list[int]
    recommendations_complete: list[int]

    @classmethod
    def of(cls, recommendations: Sequence[Recommendation], actions: Sequence[Action],
           today: date | None = None) -> ActionPlanSummary:
        """Summarise ``actions`` (answering ``recommendations``) as of ``today``."""
        today = today or date.today()
        statuses = Counter(action.status for action in actions)
        complete = [action for action in actions if action.status == "complete"]
        by_rec: dict[int, list[Action]] = {rec.id: [] for rec in recommendations}
        for action in actions:
            by_rec.setdefault(action.recommendation_id, []).append(action)
        return cls(
            today=today.isoformat(), total=len(actions),
            by_status={status: statuses.get(status, 0) for status in ACTION_STATUSES},
            overdue=sum(action.is_overdue(today) for action in actions),
            complete_with_evidence=sum(1 for action in complete if action.evidence),
            complete_without_evidence=sum(1 for action in complete if not action.evidence),
            recommendations=len(recommendations),
            recommendations_without_actions=[rid for rid, acts in by_rec.items() if not acts],
            recommendations_complete=[
                rid for rid, acts in by_rec.items() if acts and all(a.status == "complete" for a in acts)
            ],
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``action summary --json``."""
        return dict(vars(self))


def person_as_dict(person: Person) -> dict[str, Any]:
    """The JSON form of a person printed by ``person list --json``."""
    return {"id": person.id, "name": person.name, "pseudonym": person.pseudonym, "role": person.role,
            "aliases": list(person.aliases), "dob": person.dob, "subject": person.is_subject}
