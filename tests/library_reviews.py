"""A synthetic learning library: three invented reviews (CSPR, SAR, DHR) with overlapping themes,
a recommendation made three times over (similar text, same theme, same owner) and overdue actions.

Everything here is made up. ``REVIEWS`` is what the tests put in; the tests' expected figures
are worked out by hand from it (see test_library.py), not by running the library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrchron.analysis import operations
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries

#: The day the tests look at the action plan from.
TODAY = "2023-01-01"


@dataclass(frozen=True)
class Act:
    text: str
    owner: str
    due: str | None
    status: str = "not started"
    evidence: str = ""


@dataclass(frozen=True)
class Rec:
    text: str
    owner: str
    finding: int  # the finding's position (1-based) in the review
    actions: tuple[Act, ...] = ()


@dataclass(frozen=True)
class Fnd:
    title: str
    themes: tuple[str, ...]
    agencies: tuple[str, ...] = ()
    narrative: str = ""


@dataclass(frozen=True)
class Spec:
    name: str
    review: Review
    agencies: dict[str, str]  # agency -> its first contact (its last is the incident date)
    findings: tuple[Fnd, ...]
    recommendations: tuple[Rec, ...]
    subject: tuple[str, str] = ("", "")  # (real name, pseudonym): the name must never reach the library
    plan: str = ""
    extra: dict[str, str] = field(default_factory=dict)


SHARE_DA = "Police should share domestic abuse notifications with health visiting within 24 hours"

REVIEWS: tuple[Spec, ...] = (
    Spec(
        "child-t.scrchron",
        Review("CSPR Child T", "cspr", subject_dob="2020-11-01", incident_date="2021-05-10"),
        {"Police": "2020-05-10", "Health Visiting": "2020-11-15", "Children's Social Care": "2021-01-10"},
        (Fnd("Domestic abuse reports were not shared with the health visitor",
             ("Information sharing", "Domestic abuse and coercive control"), ("Police",),
             "Zebedee Quill's mother told the GP; Zebedee was not seen."),
         Fnd("Child T was not seen alone", ("Voice of the child (child not seen, not heard)",),
             ("Children's Social Care",))),
        (Rec(SHARE_DA, "Police", 1, (Act("Write a notification protocol", "Police", "2022-01-31", "in progress"),)),
         Rec("Children's social care should see the child alone at every visit", "Children's Social Care", 2,
             (Act("Audit visits", "Children's Social Care", "2023-06-30"),
              Act("Train social workers", "Children's Social Care", "2022-01-01", "complete", "Training log"))),
         Rec("The partnership should review its neglect strategy", "Safeguarding Partnership", 2)),
        subject=("Zebedee Quill", "Child T"), plan="child protection plan",
    ),
    Spec(
        "adult-a.scrchron",
        Review("SAR Adult A", "sar", subject_dob="1950-01-01", incident_date="2022-02-01"),
        {"Police": "2021-02-01", "Adult Social Care": "2021-08-01"},
        (Fnd("Agencies did not share what they knew of self-neglect", ("Information sharing", "Self-neglect"),
             ("Adult Social Care", "Police")),),
        (Rec("Police should share domestic abuse notifications with adult social care within 24 hours",
             "Police", 1, (Act("Extend the protocol to adult social care", "Police", "2022-12-31"),)),),
    ),
    Spec(
        "dhr-jo.scrchron",
        Review("DHR Jo", "dhr", subject_dob="1985-03-03", incident_date="2021-08-01"),
        {"Police": "2019-08-01", "Probation": "2021-02-01"},
        (Fnd("Coercive control was not recognised", ("Domestic abuse and coercive control", "Information sharing"),
             ("Probation",)),),
        (Rec("Police to share domestic abuse notifications with health visiting within 24 hours", "police", 1,
             (Act("Report to the board", "Probation", "2021-12-01", "complete", "Minutes"),)),),
        plan="none",
    ),
)


def build_case(folder: Path, spec: Spec) -> Path:
    """Write one review's case file as a reviewer would, through scrchron's own calls."""
    path = folder / spec.name
    with Case.create(path, spec.review) as case:
        _agencies_and_entries(case, spec)
        if spec.subject[0]:
            operations.add_person(case, spec.subject[0], spec.subject[1], subject=True, dob=spec.review.subject_dob)
        if spec.plan:
            case.set_setting("plan_at_incident", spec.plan)
        finding_ids = [operations.add_finding(case, f.title, narrative=f.narrative, themes=f.themes,
                                            agencies=f.agencies).id for f in spec.findings]
        for rec in spec.recommendations:
            rec_id = operations.add_recommendation(case, rec.text, findings=[finding_ids[rec.finding - 1]],
                                                 owner=rec.owner).id
            for act in rec.actions:
                operations.add_action(case, rec_id, act.text, owner=act.owner, due=act.due, status=act.status,
                                    evidence=act.evidence)
    return path


def _agencies_and_entries(case: Case, spec: Spec) -> None:
    incident = spec.review.incident_date or "2020-01-01"
    for name, first in spec.agencies.items():
        agency = case.add_agency(name)
        with case.write():
            insert_entries(case, [Entry(agency_id=agency.id, event=f"Contact by {name}", date_text=day,
                                        start=day, end=day, precision="day") for day in (first, incident)])


def build_library_cases(folder: Path) -> list[Path]:
    """Every review of ``REVIEWS`` as a case file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [build_case(folder, spec) for spec in REVIEWS]
