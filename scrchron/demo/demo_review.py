"""The bundled demo review: a small synthetic case to explore before touching real data.

:func:`build_demo` does what a reviewer does, through the same core calls the CLI
and the GUI use: it imports every agency submission in ``resources/demo/``
(:func:`scrchron.chronology.submission_import.import_file`), confirms the obvious same-event groups,
names the people with their pseudonyms, and writes two key practice episodes,
findings with themes, recommendations and an action plan (some actions complete
with evidence, one overdue). :func:`write_demo` also writes the report and the
Excel chronology when :mod:`scrchron.export` is installed.

Every name, place, reference and event in ``resources/demo/`` is invented
(``tools/make_demo_files.py`` writes those files).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scrchron.analysis import operations
from scrchron.chronology import merge
from scrchron.chronology.submission_import import import_file
from scrchron.demo.demo_report import write_demo_report_texts
from scrchron.records.case_records import Review
from scrchron.review.timetable import build_timetable, record_statutory
from scrchron.runtime.resources import resource_path
from scrchron.store import Case, EntryQuery, groups, list_entries
from scrchron.store.lock import CaseLock

CASE_NAME = "demo.scrchron"
REPORT_NAME = "demo-report.docx"
CHRONOLOGY_NAME = "demo-chronology.xlsx"

DEMO_REVIEW = Review(
    title="Child T: Child Safeguarding Practice Review (demo)",
    review_type="cspr",
    subject_name="Tommy Marsh",
    subject_pseudonym="Child T",
    subject_dob="2012-09-20",
    scope_from="2014-03-01",
    scope_to="2015-09-12",
    incident_date="2015-09-12",
    commissioned_date="2015-10-20",
    protective_marking="OFFICIAL-SENSITIVE (DEMO: SYNTHETIC DATA)",
)


@dataclass(frozen=True)
class DemoSubmission:
    """One agency's file in resources/demo/ and the agency it is imported as."""

    file: str
    agency: str

    @property
    def path(self) -> Path:
        """Where the file is, from source or in a frozen build."""
        return resource_path("demo", self.file)


DEMO_SUBMISSIONS: tuple[DemoSubmission, ...] = (
    DemoSubmission("childrens-social-care-chronology.docx", "Children's Social Care"),
    DemoSubmission("police-chronology.xlsx", "Police"),
    DemoSubmission("health-visiting-export.csv", "Health Visiting"),
    DemoSubmission("gp-chronology.docx", "GP"),
    DemoSubmission("school-chronology.xlsx", "School"),
    DemoSubmission("housing-export.csv", "Housing"),
)

#: (name, pseudonym, role, aliases, date of birth); the first is the review's subject.
DEMO_PEOPLE: tuple[tuple[str, str, str, tuple[str, ...], str | None], ...] = (
    ("Tommy Marsh", "Child T", "Subject of the review", (), "2012-09-20"),
    ("Tanya Marsh", "Mother", "Mother", ("Ms Marsh",), None),
    ("Lee Dawson", "Mother's partner", "Mother's partner", (), None),
    ("Jay Marsh", "Brother", "Child T's older brother", ("Jay",), "2006-02-11"),
)


def record_met_milestones(case: Case) -> None:
    """The demo review is under way: its statutory milestones before the local review's
    completion were met on the day they were due (the completion is still to come)."""
    statutory = [row for row in build_timetable(case).rows if row.kind == "statutory" and row.due]
    for row in sorted(statutory, key=lambda row: row.due or "")[:-1]:
        record_statutory(case, row.rule, done=row.due)


def build_demo(path: Path) -> Path:
    """Write the demo case file at ``path`` (replacing an older demo there); return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Built in a folder of its own, so the backups every import takes go with it.
    with tempfile.TemporaryDirectory(prefix=".demo-", dir=path.parent) as scratch:
        built = Path(scratch) / CASE_NAME
        with Case.create(built, Review(**vars(DEMO_REVIEW))) as case:
            import_submissions(case)
            confirm_obvious_groups(case)
            add_people(case)
            _DemoAnalysis(case).add_all()
            write_demo_report_texts(case)
            record_met_milestones(case)
        # Never replace a demo someone has open (CaseLockedError says who has it).
        lock = CaseLock.acquire(path, exclusive=True)
        try:
            for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                stale.unlink(missing_ok=True)
            os.replace(built, path)
        finally:
            lock.release()
    return path


def import_submissions(case: Case) -> None:
    """Import every demo agency file, as a reviewer would with ``scrchron import``."""
    for submission in DEMO_SUBMISSIONS:
        import_file(case, submission.path, submission.agency)


def confirm_obvious_groups(case: Case) -> list[int]:
    """Propose same-event groups and confirm the obvious ones; return their ids.

    A proposal is obvious when at least two agencies date the event to the same
    day: those accounts are confirmed together and any account dated otherwise is
    unlinked (the GP's report sent two days before the conference is not the
    conference). Proposals with no such day stay for the reviewer to decide.
    """
    merge.refresh_proposals(case)
    starts = {e.id: (e.start or "")[:10] for e in list_entries(case, EntryQuery(include_hidden=True))}
    confirmed = []
    for group in groups.list_groups(case, statuses=["proposed"]):
        day, count = Counter(starts[i] for i in group.entry_ids).most_common(1)[0]
        if count < 2 or not day:
            continue
        for entry_id in group.entry_ids:
            if starts[entry_id] != day:
                merge.unlink_entry(case, entry_id)
        confirmed.append(groups.confirm(case, group.id).id)
    return confirmed


def add_people(case: Case) -> None:
    """Name the family, each with the pseudonym the published report uses."""
    for index, (name, pseudonym, role, aliases, dob) in enumerate(DEMO_PEOPLE):
        operations.add_person(case, name, pseudonym, role=role, aliases=aliases, dob=dob, subject=index == 0)


class _DemoAnalysis:
    """The reviewer's analysis of the demo case, written in pseudonyms as a reviewer writes."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.ids = {(e.agency, (e.start or "")[:10]): e.id
                    for e in list_entries(case, EntryQuery(include_hidden=True))}

    def entry(self, agency: str, day: str) -> int:
        """The id of an agency's entry starting on ``day`` (YYYY-MM-DD)."""
        return self.ids[(agency, day)]

    def add_all(self) -> None:
        self.annotate()
        first, second = self.episodes()
        findings = self.findings(first, second)
        self.recommendations(findings)

    def annotate(self) -> None:
        notes = (
            ("Police", "2014-03-14", "key", True, "Child T seen asleep: seen, but not spoken about in the PPN."),
            ("Housing", "2014-10-15", "key", False, "Housing knew a man was living at the flat; nobody asked."),
            ("Children's Social Care", "2015-02-11", "key", False,
             "Step-down on Mother's account alone, three weeks after a high-risk MARAC."),
            ("GP", "2015-07-22", "key", False, "Child T not seen face to face after an injury to his face."),
            ("Health Visiting", "2014-04-02", "relevant", True, "Good practice: Child T seen and weighed."),
        )
        for agency, day, significance, seen, note in notes:
            operations.annotate_entry(self.case, self.entry(agency, day), note=note, significance=significance,
                                    child_seen=seen, good_practice=note.startswith("Good practice"))

    def episodes(self) -> tuple[int, int]:
        first = operations.add_episode(
            self.case, "The first domestic incident and the MASH decision",
            period_from="2014-03-14", period_to="2014-04-30", in_period=True,
            summary="Police attended a domestic incident at the family home; Mother had a cut lip and "
                    "Child T, then 18 months old, was asleep upstairs. The MASH decided on no further "
                    "action and wrote to Mother with details of local services.",
            analysis="The decision rested on a standard DASH score and on Mother saying that her partner "
                     "had left. No agency spoke to Mother's partner, and the health visitor's first "
                     "visit came three weeks later.",
            good_practice="The health visitor followed the notification up and saw Child T at home.",
            questions="What would a multi-agency look at the history have added to a standard-risk DASH?")
        second = operations.add_episode(
            self.case, "The school's referral, the section 47 enquiry and the conference",
            period_from="2014-10-03", period_to="2014-11-10", in_period=True,
            summary="Brother told his teacher that Mother's partner was back living at home. A strategy "
                    "discussion agreed a section 47 enquiry; the initial child protection conference "
                    "agreed a child in need plan.",
            analysis="The enquiry accepted that Mother's partner 'only visits'. Housing had seen his "
                     "belongings at the flat a week later, but was never asked, and he was not invited "
                     "to the conference.",
            good_practice="The school acted on Brother's words the same day; the strategy discussion "
                          "was held the next morning with police and health.",
            questions="How do practitioners find out who lives in a household when the parent says no one does?")
        return first.id, second.id

    def findings(self, first: int, second: int) -> list[int]:
        housing = operations.add_finding(
            self.case, "What housing knew about Mother's partner never reached the enquiry",
            narrative="Housing saw a man's belongings at the flat and recorded that Mother's partner "
                      "'stays sometimes'. The section 47 enquiry planned to ask housing, and did not.",
            themes=["Information sharing", "Invisible fathers and male carers"], episodes=[second],
            entries=[self.entry("Housing", "2014-10-15"), self.entry("Children's Social Care", "2014-10-09")],
            agencies=["Housing", "Children's Social Care"])
        step_down = operations.add_finding(
            self.case, "The case was stepped down on Mother's account alone",
            narrative="As in March 2014, a decision rested on Mother's word: three weeks after a high-risk "
                      "MARAC the child in need plan ended because she said things were better. Police knew "
                      "she had withdrawn her statement; nobody checked.",
            themes=["Over-optimism and reliance on self-report", "Cases closed too soon / step-down",
                    "Domestic abuse and coercive control"],
            episodes=[first],
            entries=[self.entry("Children's Social Care", "2015-02-11"), self.entry("Police", "2015-02-17")],
            agencies=["Children's Social Care", "Police"])
        unseen = operations.add_finding(
            self.case, "Child T was not seen when an injury was reported",
            narrative="Out-of-hours advice was given by telephone for a bruise to Child T's cheek, and the "
                      "health visitor's follow-up was a telephone call to Mother.",
            themes=["Voice of the child (child not seen, not heard)", "Professional curiosity and challenge"],
            entries=[self.entry("GP", "2015-07-22"), self.entry("Health Visiting", "2015-07-30")],
            agencies=["GP", "Health Visiting"])
        return [housing.id, step_down.id, unseen.id]

    def recommendations(self, findings: Sequence[int]) -> None:
        add = operations.add_recommendation
        housing = add(self.case, "Strategy discussions and section 47 enquiries check with housing who lives "
                                 "at the address, and housing shares what it knows.",
                      findings=[findings[0]], owner="Safeguarding partnership")
        step_down = add(self.case, "Stepping a case down after a MARAC needs a multi-agency check, including "
                                   "an assessment of the mother's partner.",
                        findings=[findings[1]], owner="Children's Social Care")
        seen = add(self.case, "A child under five with a reported injury, in a family known to children's "
                              "social care, is seen face to face the same day.",
                   findings=[findings[2]], owner="GP")
        self.actions(housing.id, step_down.id, seen.id)

    def actions(self, housing: int, step_down: int, seen: int) -> None:
        add = operations.add_action
        add(self.case, housing, "Add housing to the MASH and strategy discussion checklist.",
            owner="Children's Social Care", due="2016-03-31", status="complete",
            evidence="Checklist reissued 14/03/2016; an audit of 20 strategy discussions in June 2016 "
                     "found housing consulted in 18.")
        add(self.case, housing, "Brief tenancy officers on sharing what they see with children's social care.",
            owner="Housing", due="2016-04-30", status="complete",
            evidence="Briefing given to 46 tenancy officers; attendance register kept.")
        add(self.case, step_down, "Revise the step-down procedure to require police and MARAC checks.",
            owner="Children's Social Care", due="2016-06-30", status="in progress")
        add(self.case, step_down, "Invite fathers and male carers to child in need reviews, and audit it.",
            owner="Children's Social Care", status="not started")
        add(self.case, seen, "Update the out-of-hours protocol: injured under-fives known to CSC seen face "
                             "to face.", owner="GP", due="2016-05-01", status="complete",
            evidence="Protocol version 3 in use from 01/05/2016; flag checked at triage.")


# -- the demo's files: case, report and chronology ------------------------------------


@dataclass(frozen=True)
class DemoFiles:
    """The files :func:`write_demo` wrote."""

    case: Path
    report: Path
    chronology: Path

    def written(self) -> list[Path]:
        """Every file written, case first."""
        return [self.case, self.report, self.chronology]


def write_demo(folder: Path, *, anonymise: bool = False) -> DemoFiles:
    """Build the demo review in ``folder`` and write its report and Excel chronology beside it.

    With ``anonymise`` the report and chronology are written as for publication (every
    known name replaced by its pseudonym, and checked); otherwise as the reviewer's draft.

    Exports draw the timeline with Qt's painter; with no display, run with
    ``QT_QPA_PLATFORM=offscreen`` (the export falls back to it when no Qt app exists).
    """
    from scrchron.export import write_report, write_spreadsheet  # late: the GUI's demo needs only the case

    files = DemoFiles(build_demo(folder / CASE_NAME), folder / REPORT_NAME, folder / CHRONOLOGY_NAME)
    with Case.open(files.case) as case:
        write_report(case, files.report, anonymise=anonymise)
        write_spreadsheet(case, files.chronology, anonymise=anonymise)
    return files
