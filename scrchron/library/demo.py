"""A small demo learning library: three invented reviews (a CSPR, a SAR and a DHR) whose findings
share themes, one recommendation made in all three, and actions past their due date.

Every name, agency and event is invented. ``scrchron library demo --out DIR`` writes the three
case files into DIR/reviews and the library DIR/learning.scrlib.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrchron.analysis import operations
from scrchron.library.collection import add_cases
from scrchron.library.store import LibraryStore
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries

LIBRARY_NAME = "learning.scrlib"
_SHARING = "Information sharing"
_DA = "Domestic abuse and coercive control"


@dataclass(frozen=True)
class _DemoReview:
    file: str
    review: Review
    agencies: tuple[tuple[str, str], ...]  # (agency, first contact)
    findings: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (title, themes, agencies)
    # (text, owner, finding number, ((action, owner, due, status), ...))
    recommendations: tuple[tuple[str, str, int, tuple[tuple[str, str, str, str], ...]], ...]


DEMO_REVIEWS: tuple[_DemoReview, ...] = (
    _DemoReview(
        "cspr-child-m.scrchron",
        Review("CSPR Child M (demo)", "cspr", subject_dob="2021-02-14", incident_date="2021-10-03"),
        (("Police", "2020-11-02"), ("Health Visiting", "2021-03-01"), ("Children's Social Care", "2021-05-20")),
        (("Police call-outs for domestic abuse were not passed to the health visitor", (_SHARING, _DA), ("Police",)),
         ("Child M was not seen during two home visits", ("Voice of the child (child not seen, not heard)",),
          ("Children's Social Care",))),
        (("Police should share domestic abuse notifications with health visiting within 24 hours", "Police", 1,
          (("Agree a notification protocol", "Police", "2022-03-31", "in progress"),)),
         ("Social workers should see the child at every home visit", "Children's Social Care", 2,
          (("Audit home visits", "Children's Social Care", "2022-09-30", "complete"),))),
    ),
    _DemoReview(
        "sar-adult-d.scrchron",
        Review("SAR Adult D (demo)", "sar", subject_dob="1948-07-01", incident_date="2022-01-15"),
        (("Police", "2021-01-10"), ("Adult Social Care", "2021-06-01"), ("GP", "2020-09-01")),
        (("What agencies knew of self-neglect was not brought together", (_SHARING, "Self-neglect"),
          ("Adult Social Care", "GP")),),
        (("Police should share domestic abuse notifications with adult social care within 24 hours", "Police", 1,
          (("Extend the protocol to adult social care", "Police", "2022-12-31", "not started"),)),),
    ),
    _DemoReview(
        "dhr-sam.scrchron",
        Review("DHR Sam (demo)", "dhr", subject_dob="1989-05-05", incident_date="2021-06-20"),
        (("Police", "2019-04-01"), ("Probation", "2020-12-01")),
        (("Coercive control was not recognised", (_DA, _SHARING), ("Police", "Probation")),),
        (("Police to share domestic abuse notifications with health visiting within 24 hours", "Police", 1,
          (("Report progress to the community safety partnership", "Police", "2022-06-30", "not started"),)),),
    ),
)


def write_demo_library(folder: Path) -> Path:
    """Write the three demo reviews and the library over them; return the library's path.

    An earlier demo library in ``folder`` is replaced.
    """
    reviews = folder / "reviews"
    reviews.mkdir(parents=True, exist_ok=True)
    paths = [_write_review(reviews, demo) for demo in DEMO_REVIEWS]
    library_path = folder / LIBRARY_NAME
    library_path.unlink(missing_ok=True)
    with LibraryStore.open(library_path, create=True) as library:
        add_cases(library, paths)
    return library_path


def _write_review(folder: Path, demo: _DemoReview) -> Path:
    path = folder / demo.file
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    with Case.create(path, demo.review) as case:
        for name, first in demo.agencies:
            agency = case.add_agency(name)
            days = (first, demo.review.incident_date or first)
            with case.write():
                insert_entries(case, [Entry(agency_id=agency.id, event=f"Contact ({name})", date_text=day,
                                            start=day, end=day, precision="day") for day in days])
        findings = [operations.add_finding(case, title, themes=themes, agencies=agencies).id
                    for title, themes, agencies in demo.findings]
        for text, owner, finding, actions in demo.recommendations:
            rec = operations.add_recommendation(case, text, findings=[findings[finding - 1]], owner=owner).id
            for action, action_owner, due, status in actions:
                operations.add_action(case, rec, action, owner=action_owner, due=due, status=status,
                                    evidence="Audit report" if status == "complete" else "")
    return path
