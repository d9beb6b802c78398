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

from scrchron.dates.wording import long_day
from scrchron.errors import Remedy, ValidationError
from scrchron.export import agency_template as T
from scrchron.export.safe_write import check_destination
from scrchron.export.summary_form import ReturnedSummary, read_form, write_form
from scrchron.importers.template_marker import TemplateMarker
from scrchron.records.case_records import Agency
from scrchron.store import milestones as stored
from scrchron.store.case import CASE_ID_SETTING, Case
from scrchron.store.summaries import save_summary, summaries, summary_source


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
            raise ValidationError("The case has no agencies yet: name the agencies to send templates to.",
                                  remedy=Remedy("name_agency"))
        return agencies
    chosen = []
    for name in names:
        if not name.strip():
            raise ValidationError("An agency's name is empty; give the agency's name.")
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


class AnswersExist(ValidationError):
    """Reading a summary form would replace answers an agency gave before (nothing was read)."""

    def __init__(self, message: str, earlier: Sequence[EarlierAnswers]) -> None:
        super().__init__(message, remedy=Remedy("replace_answers"))
        self.earlier = list(earlier)


@dataclass(frozen=True)
class EarlierAnswers:
    """Answers a form being read would replace: whose, from which file, read when, by which file."""

    agency: str
    file_name: str
    received_at: str
    replaced_by: str


def read_summary_form(case: Case, path: Path, agency: str | None = None, *,
                      replace: bool = False) -> tuple[str, int]:
    """Put a returned form's answers into its agency's record; return (agency, questions answered).

    See :func:`read_summary_forms` (``replace``)."""
    return read_summary_forms(case, [path], agency, replace=replace)[0]


def read_summary_forms(case: Case, paths: Sequence[Path], agency: str | None = None, *,
                       replace: bool = False) -> list[tuple[str, int]]:
    """Put returned forms' answers into their agencies' records, all in one transaction;
    return (agency, questions answered) for each form.

    Every form is read and checked before anything is stored. An agency's earlier answers
    are replaced only with ``replace``: otherwise, when a form would change them (or two of
    the forms are the same agency's), AnswersExist says whose and nothing is stored. A form
    with the very answers already stored changes nothing.
    """
    named = " ".join((agency or "").split())
    forms = [(path, _returned(case, path, named)) for path in paths]
    agencies = [case.agency_named(named or returned.marker.agency) for _, returned in forms]
    if not replace:
        _refuse_replacing(case, forms, agencies)
    with case.write():
        for (path, returned), known in zip(forms, agencies, strict=True):
            if summaries(case).get(known.id) != returned.answers:
                save_summary(case, known.id, returned.answers, path.name)
    return [(known.name, len(returned.answers)) for (_, returned), known in zip(forms, agencies, strict=True)]


def _returned(case: Case, path: Path, named: str) -> ReturnedSummary:
    if not path.is_file():
        raise ValidationError(f"{path.name} cannot be read: there is no such file (or it is a link that leads "
                              "nowhere). Nothing was read.")
    returned = read_form(path)
    if returned.marker.case_id != case.setting(CASE_ID_SETTING) and not named:
        raise ValidationError(f"{path.name} is the summary form of another review ('{returned.marker.review}', "
                              f"sent to {returned.marker.agency}). Open that review's case file, or name the "
                              "agency to read it here.", remedy=Remedy("name_agency"))
    return returned


def _refuse_replacing(case: Case, forms: Sequence[tuple[Path, ReturnedSummary]], agencies: Sequence[Agency]) -> None:
    stored_answers = summaries(case)
    earlier: list[EarlierAnswers] = []
    seen: dict[int, str] = {}
    for (path, returned), known in zip(forms, agencies, strict=True):
        if known.id in seen:
            earlier.append(EarlierAnswers(known.name, seen[known.id], "", path.name))
        elif known.id in stored_answers and stored_answers[known.id] != returned.answers:
            file_name, received_at = summary_source(case, known.id) or ("", "")
            earlier.append(EarlierAnswers(known.name, file_name, received_at, path.name))
        seen[known.id] = path.name
    if earlier:
        raise AnswersExist(replacing_message(earlier), earlier)


def replacing_message(earlier: Sequence[EarlierAnswers]) -> str:
    """'Police already has answers, read from police.docx on 3 November 2026: …'."""
    parts = []
    for item in earlier:
        when = f" on {long_day(item.received_at[:10])}" if item.received_at else ""
        source = f", read from {item.file_name}{when}" if item.file_name else ""
        parts.append(f"{item.agency} already has answers{source}; {item.replaced_by} would replace them")
    return "; ".join(parts) + ". Nothing was read."
