"""Sending the agency template pack: a template per agency, and each agency's return date.

The pack is written file by file through temporary files (a half-written pack
leaves no half-written template); the return dates are stored in the case in
one transaction, after every template was written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrchron.errors import ValidationError
from scrchron.export import agency_template as T
from scrchron.export.safe_write import check_destination
from scrchron.export.summary_form import read_form, write_form
from scrchron.importers.template_marker import TemplateMarker
from scrchron.records.case_records import Agency
from scrchron.store import milestones as stored
from scrchron.store.case import CASE_ID_SETTING, Case
from scrchron.store.summaries import save_summary


@dataclass
class PackSummary:
    """What sending the pack wrote."""

    folder: str
    files: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    due: str | None = None


def review_heading(case: Case) -> str:
    """The review as a template names it: its title with the subject's pseudonym, never the real name."""
    review = case.review()
    title = review.title
    if review.subject_name.strip() and review.subject_name.strip().casefold() in title.casefold():
        title = ""  # the title holds the real name: never send it
    subject = review.subject_pseudonym or "the subject"
    base = title or f"{review.type_name} concerning {subject}"
    return base if subject.casefold() in base.casefold() or not review.subject_pseudonym else f"{base} ({subject})"


def _agencies(case: Case, names: Sequence[str]) -> list[Agency]:
    if not names:
        agencies = case.agencies()
        if not agencies:
            raise ValidationError("The case has no agencies yet: name them with --agency "
                                  "(e.g. --agency Police --agency 'Health Visiting').")
        return agencies
    chosen = []
    for name in names:
        if not name.strip():
            raise ValidationError("An --agency name is empty; give the agency's name.")
        chosen.append(case.find_agency(name) or Agency(0, " ".join(name.split())))
    return chosen


def send_pack(case: Case, folder: Path, agencies: Sequence[str] = (), fmt: str = "both",
              due: str | None = None, today: date | None = None) -> PackSummary:
    """Write the template pack into ``folder``; store each agency's return date when ``due`` is given.

    Agencies named but not yet in the case are added to it (they are being asked for a chronology).
    """
    fmt = T.check_format(fmt)
    check_destination(folder / "template.docx", case.path)
    chosen = _agencies(case, agencies)
    review = case.review()
    heading, scope = review_heading(case), T.scope_words(review.scope_from, review.scope_to)
    sent = today or date.today()
    summary = PackSummary(str(folder), due=due)
    pack = T.TemplatePack(heading, scope, due, fmt)
    for agency in chosen:
        marker = T.marker_for(case.setting(CASE_ID_SETTING), heading, agency.name, sent)
        written = pack.write(folder, agency.name, marker)
        summary.files.extend(str(path) for path in written)
        summary.agencies.append(agency.name)
    _record(case, chosen, due)
    return summary


def _record(case: Case, agencies: Sequence[Agency], due: str | None) -> None:
    """Add new agencies and set each agency's return date, in one transaction."""
    with case.write():
        for agency in agencies:
            known = case.find_agency(agency.name) or case.add_agency(agency.name)
            if due is None:
                continue
            current = stored.return_for(case, known.id)
            if current is None:
                stored.add_milestone(case, f"Chronology from {known.name}", due, agency_id=known.id)
            elif current.due != due:
                stored.update_milestone(case, current.id, due=due)


# -- the agency summary form ---------------------------------------------------------------


def send_summary_forms(case: Case, folder: Path, agencies: Sequence[str] = (), due: str | None = None,
                       today: date | None = None) -> PackSummary:
    """Write each agency's summary form into ``folder`` (agencies named but not in the case are added)."""
    check_destination(folder / "form.docx", case.path)
    chosen = _agencies(case, agencies)
    heading = review_heading(case)
    sent = (today or date.today()).isoformat()
    summary = PackSummary(str(folder), due=due)
    for agency in chosen:
        marker = TemplateMarker(case.setting(CASE_ID_SETTING), heading, agency.name, "", (), sent, "summary")
        path = folder / f"Agency summary - {T.file_stem(agency.name).removeprefix('Chronology template - ')}.docx"
        write_form(path, heading, agency.name, T.due_words(due), marker)
        summary.files.append(str(path))
        summary.agencies.append(agency.name)
    _record(case, chosen, None)
    return summary


def read_summary_form(case: Case, path: Path, agency: str | None = None) -> tuple[str, int]:
    """Put a returned form's answers into its agency's record; return (agency, questions answered)."""
    returned = read_form(path)
    named = " ".join((agency or "").split())
    if returned.marker.case_id != case.setting(CASE_ID_SETTING) and not named:
        raise ValidationError(f"{path.name} is the summary form of another review ('{returned.marker.review}', "
                              f"sent to {returned.marker.agency}). Open that review's case file, or read it here "
                              "with --agency NAME.")
    with case.write():
        known = case.agency_named(named or returned.marker.agency)
        save_summary(case, known.id, returned.answers, path.name)
    return known.name, len(returned.answers)
