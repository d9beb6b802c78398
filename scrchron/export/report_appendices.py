"""The report's appendices: agencies and contributors, glossary, timeline, merged chronology.

The merged chronology is the big one (thousands of rows): its rows are built
here as plain cell values and written by :mod:`scrchron.export.docx_tables` in
one go. Dates are shown as written, with scrchron's reading beneath where they
differ; an event several agencies recorded (a confirmed group) is one row with
"Recorded by: ..." and each agency's account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from docx.shared import Cm

from scrchron.chronology.merge import ChronologyEvent
from scrchron.export.data import ExportData
from scrchron.export.docx_tables import Cell, CellValue, Column, Paragraph, Run, fit_widths
from scrchron.export.formatting import entry_date, entry_flags, tint
from scrchron.export.glossary import glossary_for
from scrchron.export.other_details import other_details
from scrchron.export.report_writer import ReportWriter
from scrchron.records.case_records import Entry
from scrchron.review import review_types

Progress = Callable[[int], None]

CHRONOLOGY_COLUMNS = ("No.", "Date", "Agency", "What happened", "Action / outcome", "Notes")
CHRONOLOGY_WEIGHTS = (1.1, 2.9, 3.0, 9.4, 5.8, 3.9)
TIMELINE_WIDTH_PX = 2000
#: How an agency's own comment (its analysis, not a fact) is labelled in the chronology.
AGENCY_COMMENT = "Agency's comment: "


@dataclass(frozen=True)
class Appendix:
    """One appendix: its key, title, builder, and whether its pages are landscape."""

    key: str
    title: str
    build: Callable[[ReportWriter, Progress | None], None]
    landscape: bool = False


# -- agencies and contributors ---------------------------------------------------------------


def agencies_and_contributors(w: ReportWriter, progress: Progress | None = None) -> None:
    """Every agency, what it sent, and who contributed (by role, never by name)."""
    rows: list[list[CellValue]] = []
    for c in w.data.agencies:
        sent = "added by hand" if not c.submissions else (
            f"{c.submissions} version{'s' if c.submissions != 1 else ''}; latest {c.submitted}")
        rows.append([c.agency.name, c.agency.short_name or "–", sent, c.contributor_role or "not stated"])
    w.table(["Agency", "Short name", "Chronology received", "Contributor (role)"], [4, 1.6, 4.2, 3.2], rows,
            "Agencies and contributors")
    w.written_or_guidance("appendix_agencies", "Appendix: agencies and contributors")


# -- glossary ----------------------------------------------------------------------------------


def case_texts(data: ExportData) -> Iterator[str]:
    """Every text of the case the report shows (for finding the abbreviations used)."""
    yield data.review.title
    for c in data.agencies:
        yield c.agency.name
    for e in data.entries:
        yield from (e.event, e.action, e.source, e.practitioner_role, e.contact_type, e.agency_comment)
        yield from (text for pair in other_details(e) for text in pair)
    for episode in data.episodes:
        yield from (episode.title, episode.summary, episode.analysis, episode.good_practice, episode.questions)
    for finding in data.findings:
        yield from (finding.title, finding.narrative, *finding.themes)
    for rec in data.recommendations:
        yield from (rec.text, rec.owner)
    for action in data.actions:
        yield from (action.text, action.owner, action.evidence)
    yield from data.texts.values()
    for names in data.entry_themes.values():
        yield from names
    for reference in data.references:
        yield reference.text
    for person in data.people:
        yield person.role


def glossary_entries(data: ExportData) -> list[tuple[str, str]]:
    """The abbreviations that occur in the report, with their meanings."""
    short_names = {c.agency.short_name: c.agency.name for c in data.agencies
                   if c.agency.short_name and c.agency.short_name != c.agency.name}
    return glossary_for(case_texts(data), short_names)


def glossary(w: ReportWriter, progress: Progress | None = None) -> None:
    """The glossary of abbreviations that actually occur in the report."""
    found = glossary_entries(w.data)
    w.glossary = found
    if not found:
        w.para("No abbreviation from scrchron's glossary occurs in this report.")
        return
    rows: list[list[CellValue]] = [[abbreviation, meaning] for abbreviation, meaning in found]
    w.table(["Abbreviation", "Meaning"], [1, 4], rows, "Abbreviations used in this report")


# -- timeline ------------------------------------------------------------------------------------


def timeline_figure(w: ReportWriter, progress: Progress | None = None) -> None:
    """The timeline picture (drawn without a display) with its caption and key."""
    from scrchron.timeline import drawing  # Qt is loaded only when a report with a figure is written

    data = w.data
    picture = drawing.build_timeline_data(data.review, [c.agency for c in data.agencies], data.visible,
                                           data.episodes, data.gaps, notes=False)
    if not picture.marks:
        w.guidance("timeline", "Timeline")
        return
    png = drawing.timeline_png(picture, TIMELINE_WIDTH_PX, text_scale=1.45)
    w.document.add_picture(BytesIO(png), width=Cm(w.text_width()))
    _describe_picture(w.document, "Timeline of agency contacts, one lane per agency")
    w.figures += 1
    w.caption("Figure", "Agency contacts over the scope period")
    key = (f"Each mark is one entry, in its agency's colour (a pale bar is a date known only to the month or "
           f"wider). Shaded bands are the key practice episodes, numbered; hatched bands are periods of more "
           f"than {data.gap_days} days with no contact from any agency.")
    if data.review.incident_date:
        key += " The red line is the date of the incident."
    if picture.undated:
        key += f" {picture.undated} entries without a usable date are not shown."
    w.para(key)


def _describe_picture(document: Any, text: str) -> None:
    """Give the last inline picture alternative text (for screen readers)."""
    body = document.element.body
    found = body.xpath(".//wp:docPr")
    if found:
        found[-1].set("descr", text)
        found[-1].set("name", "Timeline")


# -- the merged chronology ---------------------------------------------------------------------------


def chronology(w: ReportWriter, progress: Progress | None = None) -> None:
    """The merged chronology: every entry (confirmed groups once), header row on every page."""
    data = w.data
    w.para(f"{len(data.entries)} entries from {len(data.agencies)} agencies in date order, shown as "
           f"{len(data.events)} rows. Dates are as the agency wrote them, with scrchron's reading beneath "
           "where the two differ. An event that several agencies recorded is shown once, with each "
           "agency's account. An agency's own comment on an entry (its analysis, not a fact) is labelled "
           "and in italics in the notes.")
    widths = fit_widths(CHRONOLOGY_WEIGHTS, w.text_width())
    columns = [Column(title, width) for title, width in zip(CHRONOLOGY_COLUMNS, widths, strict=True)]
    w.tables += 1
    w.caption("Table", "Merged multi-agency chronology")
    w.deferred_table(columns, chronology_rows(data), progress=progress)


def chronology_rows(data: ExportData) -> Iterator[Sequence[CellValue]]:
    """The appendix rows, one per event (a confirmed group's entries share one)."""
    fills = {c.agency.id: tint(c.agency.colour) for c in data.agencies}
    short = {c.agency.id: c.agency.short_name or c.agency.name for c in data.agencies}
    person = "child" if review_types.is_child_review(data.review.review_type, data.criteria) else "person"
    themes = data.entry_themes
    for number, event in enumerate(data.events, start=1):
        if event.group is None or len(event.entries) == 1:
            entry = event.entries[0]
            yield _single_row(number, entry, fills, person, themes.get(entry.id, []))
        else:
            yield _group_row(number, event, short, person, event.group in data.conflicts, themes)


def _date_cell(entry: Entry) -> Cell:
    written, reading = entry_date(entry)
    return Cell([written, [(reading, "i")]] if reading else [written])


def _notes(entry: Entry, person: str, themes: Sequence[str] = ()) -> list[str]:
    """The entry's flags and the reviewer's marks, then who recorded it and where (facts only)."""
    notes = entry_flags(entry)
    if entry.withdrawn:
        notes.append("withdrawn by the agency")
    if entry.significance:
        notes.append(f"significance: {entry.significance}")
    if entry.good_practice:
        notes.append("good practice")
    if entry.child_seen:
        notes.append(f"{person} seen")
    if entry.child_views:
        notes.append(f"{person}'s views recorded")
    if themes:
        notes.append("themes: " + "; ".join(themes))
    if entry.contact_type:
        notes.append(f"contact: {entry.contact_type}")
    if entry.practitioner_role:
        notes.append(f"by: {entry.practitioner_role}")
    if entry.source:
        notes.append(f"source: {entry.source}")
    return notes


def _other_runs(entry: Entry) -> list[Run]:
    """The entry's unmapped columns ("other details") as runs: each heading in bold, then its text."""
    runs: list[Run] = []
    for heading, text in other_details(entry):
        runs.extend([("; " if runs else "", ""), (f"{heading}: ", "b"), (text, "")])
    return runs


def _comment(entry: Entry) -> Paragraph | None:
    """The agency's own comment on the entry, labelled and in italics: analysis, kept apart from the facts."""
    if not entry.agency_comment.strip():
        return None
    return [(AGENCY_COMMENT, "b"), (entry.agency_comment, "i")]


def _single_row(number: int, entry: Entry, fills: dict[int, str], person: str,
                themes: Sequence[str] = ()) -> list[CellValue]:
    notes: list[Paragraph] = list(_notes(entry, person, themes))
    notes.extend([[(heading + ": ", "b"), (text, "")] for heading, text in other_details(entry)])
    comment = _comment(entry)
    if comment is not None:
        notes.append(comment)
    return [str(number), _date_cell(entry), Cell([entry.agency], fills.get(entry.agency_id, "")),
            entry.event, entry.action, Cell(notes)]


def _agency_notes(entry: Entry, name: str, person: str, themes: Sequence[str]) -> list[Paragraph]:
    """One agency's notes in a merged row, each paragraph led by the agency's name, so every 'by:',
    'source:' and flag is read as that agency's."""
    found: list[Paragraph] = []
    notes = _notes(entry, person, themes)
    others = _other_runs(entry)
    if notes or others:
        found.append([(name + ": ", "b"), ("; ".join(notes) + ("; " if notes and others else ""), ""), *others])
    comment = _comment(entry)
    if comment is not None:
        found.append([(name + "'s comment: ", "b"), (entry.agency_comment, "i")])
    return found


def _group_row(number: int, event: ChronologyEvent, short: dict[int, str], person: str,
               conflict: bool, themes: dict[int, list[str]] | None = None) -> list[CellValue]:
    entries = event.entries
    themes = themes or {}
    same_date = len({(e.start or "")[:10] for e in entries}) == 1 and not conflict
    dates: list[Paragraph] = list(_date_cell(entries[0]).paragraphs) if same_date else [
        [(short.get(e.agency_id, e.agency) + ": ", "b"), (entry_date(e)[0], "")] for e in entries]
    accounts: list[Paragraph] = [[(short.get(e.agency_id, e.agency) + ": ", "b"), (e.event, "")]
                                 for e in entries]
    actions: list[Paragraph] = [[(short.get(e.agency_id, e.agency) + ": ", "b"), (e.action, "")]
                                for e in entries if e.action]
    notes: list[Paragraph] = ["dates differ between agencies"] if conflict else []
    for entry in entries:
        notes.extend(_agency_notes(entry, short.get(entry.agency_id, entry.agency), person,
                                   themes.get(entry.id, [])))
    recorded = [[("Recorded by: ", "b"), (", ".join(event.agencies), "")]]
    return [str(number), Cell(dates), Cell(recorded), Cell(accounts), Cell(actions), Cell(notes)]
