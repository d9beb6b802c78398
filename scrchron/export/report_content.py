"""Parts of the report that carry what the case holds beyond its sections' own facts.

Family composition (people by relationship and pseudonym, ages at the incident),
the agencies' own comments (kept apart from the facts), agency involvement told
period by period, each finding's evidence entries with their dates and themes, the
recommendations under the findings they answer, the themes table, and the
references appendix. The section builders in :mod:`scrchron.export.report_sections`
call these; every text is already filtered (see :mod:`scrchron.export.data`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from scrchron.dates.wording import age_at, long_day, parse_day
from scrchron.export.docx_tables import Cell, CellValue
from scrchron.export.formatting import entry_date, interval, xml_safe
from scrchron.export.phrases import dated, rows_phrase
from scrchron.export.report_writer import ReportWriter
from scrchron.records.analysis_records import Finding
from scrchron.records.case_records import Entry

#: At most this many entries are listed in a finding's evidence table, comments per agency, entries per period.
EVIDENCE_SHOWN = 30
COMMENTS_SHOWN = 10
PERIOD_ENTRIES_SHOWN = 8
SUBJECT = "Subject of this review"


def date_cell(entry: Entry) -> Cell:
    """The date as written, with scrchron's reading beneath in italics where the two differ."""
    written, reading = entry_date(entry)
    return Cell([written, [(reading, "i")]] if reading else [written])


def _short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


# -- family composition ------------------------------------------------------------------------


def family_composition(w: ReportWriter) -> None:
    """A table of the people the case names: relationship, pseudonym, age at the incident."""
    data, review = w.data, w.data.review
    when, at = _age_day(w)
    rows: list[list[CellValue]] = []
    subject_listed = any(p.is_subject for p in data.people)
    if not subject_listed:
        rows.append([SUBJECT, data.subject, _age(review.subject_dob, when)])
    for person in data.people:
        if not person.pseudonym:
            continue
        dob = person.dob or (review.subject_dob if person.is_subject else None)
        relationship = person.role or (SUBJECT if person.is_subject else "not recorded")
        rows.append([relationship[:1].upper() + relationship[1:], person.pseudonym, _age(dob, when)])
    if not data.people:  # the subject alone is said in the sentence above
        return
    w.heading("Family composition", 2)
    w.table(["Relationship", "Referred to as", f"Age {at}"], [3, 3, 2.4], rows,
            "Family composition (people by relationship and pseudonym)")


def _age_day(w: ReportWriter) -> tuple[date | None, str]:
    review = w.data.review
    incident = parse_day(review.incident_date)
    if incident:
        return incident, f"at the incident ({long_day(incident)})"
    end = parse_day(review.scope_to)
    if end:
        return end, f"at the end of the scope ({long_day(end)})"
    return None, "at the incident"


def _age(dob: str | None, when: date | None) -> str:
    born = parse_day(dob)
    if born is None or when is None:
        return "not recorded"
    age = age_at(born, when)
    return "not yet born" if age == "before birth" else age


# -- the agencies' own comments ----------------------------------------------------------------


def agency_comments(w: ReportWriter, own: Sequence[Entry]) -> None:
    """The agency's comments on its own entries, labelled as its analysis, not the review's facts."""
    commented = [e for e in own if e.agency_comment.strip()]
    if not commented:
        return
    w.para("The agency's own comments on its entries (its analysis, not a finding of this review):")
    w.bullets(f"{dated(e)}: {_short(e.agency_comment, 300)} (on the entry “{_short(e.event, 90)}”)"
              for e in commented[:COMMENTS_SHOWN])
    if len(commented) > COMMENTS_SHOWN:
        w.para(f"The other {len(commented) - COMMENTS_SHOWN} comments are in the chronology "
               f"({w.appendix('chronology')}).")


# -- agency involvement period by period ----------------------------------------------------------


@dataclass
class Period:
    """A stretch of the scope: its first and last day, what it is, and the entries dated in it."""

    start: date
    end: date
    label: str
    entries: list[Entry] = field(default_factory=list)


def periods(w: ReportWriter) -> list[Period]:
    """The key practice episodes and the stretches before, between and after them; calendar years
    when the review has no dated episode. Each visible dated entry falls in the period of its first day."""
    data = w.data
    days = [(entry, first, parse_day(entry.end) or first) for entry in data.visible
            if entry.precision != "unknown" and (first := parse_day(entry.start)) is not None]
    if not days:
        return []
    low = min([first for _, first, _ in days] + [d for d in [parse_day(data.review.scope_from)] if d])
    high = max([last for _, _, last in days] + [d for d in [parse_day(data.review.scope_to)] if d])
    found = _episode_periods(w, low, high) or _year_periods(low, high)
    for entry, day, _ in days:
        for period in found:
            if period.start <= day <= period.end:
                period.entries.append(entry)
                break
    return found


def _episode_periods(w: ReportWriter, low: date, high: date) -> list[Period]:
    episodes = sorted((e for e in w.data.episodes if parse_day(e.period_from) and parse_day(e.period_to)),
                      key=lambda e: e.period_from or "")
    found: list[Period] = []
    cursor, previous = low, 0
    for episode in episodes:
        start, end = parse_day(episode.period_from), parse_day(episode.period_to)
        assert start is not None and end is not None
        start = max(start, cursor)
        if end < start:  # inside the episode before it: its entries are told there
            continue
        if start > cursor:
            found.append(Period(cursor, start - timedelta(days=1),
                                f"between episodes {previous} and {episode.number}" if previous
                                else f"before episode {episode.number}"))
        found.append(Period(start, end, f"episode {episode.number}: {episode.title}"))
        cursor, previous = end + timedelta(days=1), episode.number
    if found and cursor <= high:
        found.append(Period(cursor, high, "after the last episode"))
    return found


def _year_periods(low: date, high: date) -> list[Period]:
    return [Period(max(low, date(year, 1, 1)), min(high, date(year, 12, 31)), str(year))
            for year in range(low.year, high.year + 1)]


def involvement_by_period(w: ReportWriter) -> None:
    """Agency involvement told period by period: who was involved, and the entries marked key."""
    data = w.data
    found = periods(w)
    names = {c.agency.id: c.agency.name for c in data.agencies}
    for number, period in enumerate(found, start=1):
        w.heading(f"Period {number}: {long_day(period.start)} to {long_day(period.end)} ({period.label})", 3)
        if not period.entries:
            w.para("No agency recorded a contact in this period.")
            continue
        counts: dict[str, int] = {}
        for entry in period.entries:
            name = names.get(entry.agency_id, entry.agency)
            counts[name] = counts.get(name, 0) + 1
        listed = ", ".join(f"{name} ({count})" for name, count in counts.items())
        w.para(f"{len(period.entries)} entr{'y' if len(period.entries) == 1 else 'ies'}: {listed}.")
        marked = [e for e in period.entries if e.significance == "key"] or \
            [e for e in period.entries if e.significance == "relevant"]
        w.bullets(f"{dated(e)}, {names.get(e.agency_id, e.agency)}: {_short(e.event)}"
                  for e in marked[:PERIOD_ENTRIES_SHOWN])
        commented = [e for e in period.entries if e.agency_comment.strip()]
        if commented:
            more = len(commented) - COMMENTS_SHOWN
            w.labelled("Agencies' own comments (their analysis)", "; ".join(
                f"{names.get(e.agency_id, e.agency)}, {interval(e.start, e.end)}: {_short(e.agency_comment, 120)}"
                for e in commented[:COMMENTS_SHOWN]) + (f"; and {more} more in {w.appendix('chronology')}"
                                                        if more > 0 else ""))
    undated = [e for e in data.visible if not parse_day(e.start) or e.precision == "unknown"]
    if undated:
        w.para(f"{len(undated)} entr{'y has' if len(undated) == 1 else 'ies have'} no usable date and "
               f"{'is' if len(undated) == 1 else 'are'} in no period ({w.appendix('chronology')}).")


# -- findings ----------------------------------------------------------------------------------------


def finding_evidence(w: ReportWriter, finding: Finding) -> None:
    """The finding's evidence entries: row, date as written with its reading, agency, event, themes."""
    entries = w.data.finding_entries.get(finding.id, [])
    if not entries:
        return
    themes = w.data.entry_themes
    shown = entries[:EVIDENCE_SHOWN]
    rows: list[list[CellValue]] = [[str(w.rows.get(e.id, "–")), date_cell(e), e.agency, e.event] for e in shown]
    headings, weights = ["No.", "Date", "Agency", "What happened"], [1.0, 2.4, 2.6, 10.2]
    if any(themes.get(e.id) for e in shown):  # a column of dashes says nothing
        headings.append("Themes")
        weights[-1] -= 2.8
        weights.append(2.8)
        for row, entry in zip(rows, shown, strict=True):
            row.append("; ".join(themes.get(entry.id, [])) or "–")
    w.table(headings, weights, rows,
            f"Entries cited for finding {finding.number} (No. is the row in {w.appendix('chronology')})")
    if len(entries) > len(shown):
        w.para(f"The other {len(entries) - len(shown)} entries cited are in the chronology.")


def recommendations_under(w: ReportWriter, finding: Finding) -> None:
    """The recommendations that answer ``finding``, in full, under it."""
    answering = [r for r in w.data.recommendations if finding.id in r.findings]
    if not answering:
        return
    w.heading(f"Recommendation{'s' if len(answering) != 1 else ''} for finding {finding.number}", 3)
    for rec in answering:
        w.labelled(f"Recommendation {rec.number}", f"{rec.text} (owner: {rec.owner or 'to be agreed'})")


def themes_table(w: ReportWriter) -> None:
    """Each theme with the findings that name it and the chronology rows the reviewer tagged with it."""
    data = w.data
    findings_of: dict[str, list[int]] = {}
    for finding in data.findings:
        for theme in finding.themes:
            findings_of.setdefault(theme, []).append(finding.number)
    rows_of: dict[str, set[int]] = {}
    for entry_id, names in data.entry_themes.items():
        row = w.rows.get(entry_id)
        for name in names:
            rows_of.setdefault(name, set())
            if row is not None:
                rows_of[name].add(row)
    order = list(dict.fromkeys([*findings_of, *sorted(rows_of)]))
    if not order:
        return
    rows: list[list[CellValue]] = [
        [name, ", ".join(str(n) for n in findings_of.get(name, [])) or "–",
         rows_phrase(sorted(rows_of[name])) if rows_of.get(name) else "–"]
        for name in order
    ]
    w.heading("Themes", 2)
    w.table(["Theme", "Findings", f"Chronology entries ({w.appendix('chronology')})"], [4, 1.6, 4], rows,
            "Themes across the findings and the chronology")


# -- references ----------------------------------------------------------------------------------------


class Section(Protocol):
    """What a section builder here reads of its section (``report_sections.Section`` is one);
    declared here so this module does not import the one that lists the sections."""

    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...


def references_section(w: ReportWriter, section: Section) -> None:
    """The documents and guidance the report cites, numbered in the reviewer's order, then any words
    the reviewer wrote for the section (or the prompt, when there is neither)."""
    if not w.data.references:
        w.written_or_guidance(section.key, section.title)
        return
    for reference in w.data.references:
        paragraph = w.new_paragraph("List Number")
        text = reference.text if reference.text.endswith((".", "?", "!")) or not reference.url \
            else reference.text + "."
        paragraph.add_run(xml_safe(text))
        if reference.url:
            paragraph.add_run(xml_safe(f" Available at: {reference.url}"))
    w.written(section.key)
