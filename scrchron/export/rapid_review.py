"""The rapid review document for a CSPR: "Summary and outcome of the rapid review".

Written from the case in the overview report's Word style (same styles, header,
footer, protective marking) and with the same anonymisation and leak check: the
incident and the clock, the facts as established, each agency's involvement,
immediate actions and learning from its summary form, the learning identified,
and the recommendation on whether to undertake a local review, and why. Every
text comes through :func:`scrchron.export.data.gather`, so it is already filtered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document

from scrchron.dates.wording import long_day
from scrchron.errors import ValidationError
from scrchron.export import docx_parts
from scrchron.export.data import ExportData, gather
from scrchron.export.privacy import ExportPrivacy, refuse_if_found, zip_findings
from scrchron.export.report import DRAFT_CHECKED_PARTS, save_report
from scrchron.export.report_writer import ReportWriter
from scrchron.export.safe_write import check_destination, write_safely
from scrchron.export.summary_form import QUESTIONS
from scrchron.runtime import collector
from scrchron.store.case import Case

TITLE = "Summary and outcome of the rapid review"
_RULES = ("notify_panel", "rapid_review", "panel_reply")


@dataclass
class RapidReviewSummary:
    """What writing the rapid review document did."""

    path: Path
    agencies: int
    summaries: int
    to_write: list[str]


@collector.while_paused
def write_rapid_review(case: Case, path: Path | str, *, anonymise: bool = False,
                       today: date | None = None) -> RapidReviewSummary:
    """Write the rapid review document of ``case`` at ``path`` (.docx), checked for known names."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ValidationError(f"The rapid review must be saved as .docx, not '{path.suffix or path.name}'.")
    check_destination(path, case.path)
    privacy = ExportPrivacy.for_case(case, anonymise)
    data = gather(case, privacy, today=today)
    document, writer = _build(data)

    def check(written: Path) -> None:
        refuse_if_found(zip_findings(written, privacy, None if anonymise else DRAFT_CHECKED_PARTS), privacy,
                        path.name)

    write_safely(path, lambda target: save_report(document, writer, target), check)
    return RapidReviewSummary(path, len(data.agencies), len(data.summaries), writer.guided)


def _build(data: ExportData) -> tuple[Any, ReportWriter]:
    document = Document()
    docx_parts.set_up_styles(document)
    section = document.sections[0]
    docx_parts.set_page(section)
    marking = data.review.protective_marking or "OFFICIAL-SENSITIVE"
    docx_parts.set_header_footer(section, marking, f"{TITLE}: {data.subject}")
    docx_parts.set_properties(document, TITLE, f"Rapid review concerning {data.subject}", marking, data.status)
    w = ReportWriter(document, data)
    w.para(marking, style="Marking")
    w.para(TITLE, style="Title")
    w.para(data.subject[:1].upper() + data.subject[1:], style="Subtitle")
    w.para(f"{data.review.type_name}. Dated {long_day(data.today)}."
           + ("" if data.anonymised else " NOT anonymised: for the safeguarding partners and the Panel only."))
    for number, (heading, build) in enumerate(_SECTIONS, start=1):
        w.heading(f"{number}. {heading.format(subject=data.subject)}", 1)
        build(w)
    return document, w


def _incident(w: ReportWriter) -> None:
    review, data = w.data.review, w.data
    facts = [f"This rapid review concerns {data.subject}."]
    if review.incident_date:
        facts.append(f"The serious incident happened on {long_day(review.incident_date)}.")
    w.para(" ".join(facts))
    rows = [r for r in data.milestones if r.rule in _RULES]
    if rows:
        w.bullets(_milestone(r.name, r.due, r.done) for r in rows)


def _milestone(name: str, due: str | None, done: str | None) -> str:
    when = f"due {long_day(due)}" if due else "no date yet"
    return f"{name}: {when}" + (f"; done {long_day(done)}." if done else ".")


def _facts(w: ReportWriter) -> None:
    w.written_or_guidance("rapid_facts", "The facts as established")


def _by_agency(key: str, missing: str) -> Callable[[ReportWriter], None]:
    def build(w: ReportWriter) -> None:
        answered = False
        for contribution in w.data.agencies:
            answer = w.data.summaries.get(contribution.agency.id, {}).get(key, "")
            if answer:
                w.heading(contribution.agency.name, 3)
                w.paras(answer)
                answered = True
        if not answered:
            w.para(missing)
    return build


def _learning(w: ReportWriter) -> None:
    labels = {k: q for k, q, _ in QUESTIONS}
    for contribution in w.data.agencies:
        answers = w.data.summaries.get(contribution.agency.id, {})
        found = [(labels[k], answers[k]) for k in ("went_well", "differently", "learning") if answers.get(k)]
        if found:
            w.heading(contribution.agency.name, 3)
            for label, text in found:
                w.labelled(label, text)
    if w.data.findings:
        w.para("Learning identified across agencies:")
        w.bullets(f"{f.title}" for f in w.data.findings)
    w.written_or_guidance("rapid_learning", "Learning identified")


def _recommendation(w: ReportWriter) -> None:
    w.written_or_guidance("rapid_recommendation", "The recommendation")
    w.heading("Why", 2)
    w.written_or_guidance("rapid_reasons", "The reasons for the recommendation")


_SECTIONS = (
    ("The incident and the rapid review", _incident),
    ("The facts as established", _facts),
    ("Agency involvement", _by_agency("involvement", "No agency summary has been received yet.")),
    ("Immediate actions taken", _by_agency("immediate_actions", "No immediate actions have been reported yet.")),
    ("Learning identified", _learning),
    ("Recommendation: whether to undertake a local child safeguarding practice review", _recommendation),
)
