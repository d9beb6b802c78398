"""Everything an export shows, read from the case once and passed through the privacy filter.

:func:`gather` is the only place an export reads the case file. Every text in
the :class:`ExportData` it returns has already been through
:meth:`ExportPrivacy.text`, so the writers (Word, Excel, CSV, the timeline)
never see a text that was not filtered. People are carried by pseudonym and
role only: no export writes a person's real name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import attrgetter

from scrchron.chronology import contact_gaps, merge
from scrchron.chronology.contact_gaps import Gap
from scrchron.chronology.merge import ChronologyEvent
from scrchron.dates.wording import long_day
from scrchron.errors import Remedy, ValidationError
from scrchron.export.guidance import section_keys
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.report_layout import ReportLayout
from scrchron.records.analysis_records import Action, Episode, Finding, Recommendation
from scrchron.records.case_records import Agency, Entry, Person, Review, Submission
from scrchron.review import review_types
from scrchron.review.timetable import TimetableRow, build_timetable
from scrchron.store import Case, EntryQuery, count_entries, groups, list_entries
from scrchron.store import analysis as analysis_store
from scrchron.store import milestones as milestone_store
from scrchron.store import summaries as summary_store
from scrchron.store.report_content import Reference, entry_themes, references

Filter = Callable[[str], str]

#: The entry fields an export writes; only these are filtered (and only these may be shown).
ENTRY_TEXTS = ("event", "action", "source", "date_text", "time_text", "end_date_text", "end_time_text",
               "practitioner_role", "contact_type", "agency_comment", "reviewer_note")

EMPTY_CASE = "The case has no entries yet: import agency chronologies first."


@dataclass
class Contribution:
    """One agency's part in the chronology, for the agencies table."""

    agency: Agency
    entries: int
    first: str | None
    last: str | None
    submitted: str
    submissions: int
    contributor_role: str


@dataclass
class ExportData:
    """What an export shows, every text already filtered."""

    review: Review
    subject: str
    today: date
    version: str
    status: str
    partnership: str
    anonymised: bool
    agencies: list[Contribution]
    entries: list[Entry]
    events: list[ChronologyEvent]
    conflicts: set[int]
    episodes: list[Episode] = field(default_factory=list)
    episode_entries: dict[int, list[Entry]] = field(default_factory=dict)
    finding_entries: dict[int, list[Entry]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    agency_gaps: dict[str, list[Gap]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    gap_days: int = contact_gaps.DEFAULT_GAP_DAYS
    criteria: tuple[str, ...] = ()
    form: str = ""
    milestones: list[TimetableRow] = field(default_factory=list)
    summaries: dict[int, dict[str, str]] = field(default_factory=dict)
    #: Entry id -> the (filtered) names of the themes the reviewer gave it.
    entry_themes: dict[int, list[str]] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    layout: ReportLayout = field(default_factory=ReportLayout)

    @cached_property
    def row_of(self) -> dict[int, int]:
        """Entry id -> its row number in the chronology appendix (a group's entries share one)."""
        return {entry.id: number for number, event in enumerate(self.events, start=1)
                for entry in event.entries}

    @cached_property
    def visible(self) -> list[Entry]:
        """Entries shown by default (not withdrawn, not outside the scope): gaps and timeline use these."""
        return [e for e in self.entries if not e.withdrawn and "outside-scope" not in e.flags]

    @cached_property
    def by_agency(self) -> dict[int, list[Entry]]:
        """The visible entries of each agency id, in chronology order."""
        found: dict[int, list[Entry]] = {}
        for entry in self.visible:
            found.setdefault(entry.agency_id, []).append(entry)
        return found

    @property
    def agency_names(self) -> dict[int, str]:
        """Agency id -> its (filtered) name."""
        return {c.agency.id: c.agency.name for c in self.agencies}


def require_entries(case: Case, include_withdrawn: bool = False) -> int:
    """The number of entries an export would hold; ValidationError when there are none."""
    count = count_entries(case)
    if include_withdrawn:
        count += count_entries(case, EntryQuery(flags=["withdrawn"], include_hidden=True))
    if count == 0:
        raise ValidationError(EMPTY_CASE, remedy=Remedy("import_chronologies"))
    return count


def _wanted(entry: Entry, include_withdrawn: bool) -> bool:
    """With ``include_withdrawn``, withdrawn entries join; out-of-scope ones stay hidden."""
    return entry.withdrawn or "outside-scope" not in entry.flags if include_withdrawn else True


def read_entries(case: Case, privacy: ExportPrivacy, include_withdrawn: bool,
                 names: dict[int, str]) -> list[Entry]:
    """The exported entries in chronology order, their texts filtered in place."""
    entries = [e for e in list_entries(case, EntryQuery(include_hidden=include_withdrawn))
               if _wanted(e, include_withdrawn)]
    filter_entries(entries, privacy, names)
    return entries


def filter_entries(entries: Sequence[Entry], privacy: ExportPrivacy, names: dict[int, str]) -> None:
    """Filter the exported texts of ``entries`` in place (all in one pass), and name their agencies.

    The columns the importer did not map (``Entry.extra``, headings and texts) are filtered in
    the same pass, so no entry an export reads carries an unfiltered text. Only the texts the
    filter changed are set again (a draft changes few: only those naming the subject).
    """
    texts = _entry_texts
    values = [text for entry in entries for text in texts(entry)]
    extras = [text for entry in entries for pair in entry.extra.items() for text in pair]
    filtered = privacy.texts(values + extras)
    width = len(ENTRY_TEXTS)
    for index, (before, after) in enumerate(zip(values, filtered, strict=False)):  # then the extras
        if after is not before:
            setattr(entries[index // width], ENTRY_TEXTS[index % width], after)
    for entry in entries:
        entry.agency = names.get(entry.agency_id, entry.agency)
    rest = iter(filtered[len(values):])
    for entry in entries:
        if entry.extra:
            entry.extra = dict((next(rest), next(rest)) for _ in range(len(entry.extra)))


_entry_texts = attrgetter(*ENTRY_TEXTS)


#: The marking of a version for publication when the partnership has chosen none (case setting
#: ``publication_marking``): under the Government Security Classifications a document released
#: to the public is OFFICIAL, never OFFICIAL-SENSITIVE.
PUBLICATION_MARKING = "OFFICIAL"


def gather(case: Case, privacy: ExportPrivacy, *, include_withdrawn: bool = False,
           today: date | None = None, analysis: bool = True, publication: bool = False,
           marking: str | None = None, layout: ReportLayout | None = None) -> ExportData:
    """Read everything an export shows from ``case``, filtered by ``privacy``.

    Args:
        case: the open case.
        privacy: the export's name rules.
        include_withdrawn: also export entries the agency withdrew (marked so).
        today: the report's date (today when None).
        analysis: also read episodes, findings, recommendations, actions and people
            (the report needs them; the spreadsheets do not).
        publication: the version for publication: final (no 'DRAFT'), its version from the
            case setting ``publication_version`` (1.0), the partnership's publication marking.
        marking: the protective marking to carry instead of the review's (or the publication's).
        layout: how the report lays out agency involvement and recommendations (the default's when None).
    """
    text = privacy.text
    review = _review(case.review(), text)
    agencies = [Agency(a.id, text(a.name), text(a.short_name), a.colour) for a in case.agencies()]
    names = {a.id: a.name for a in agencies}
    entries = read_entries(case, privacy, include_withdrawn, names)
    confirmed = groups.list_groups(case, statuses=["confirmed"])
    criteria = milestone_store.criteria(case)
    version, status = case.setting("report_version", "0.1"), case.setting("report_status", "DRAFT")
    if publication:
        version, status = case.setting("publication_version", "1.0") or "1.0", ""
        review.protective_marking = case.setting("publication_marking", PUBLICATION_MARKING)
    if marking is not None and marking.strip():
        review.protective_marking = " ".join(marking.split())
    data = ExportData(
        review=review, subject=review.subject_pseudonym or review_types.default_subject(review.review_type, criteria),
        today=today or date.today(), version=version,
        status=status, partnership=text(case.setting("partnership", "")),
        anonymised=privacy.anonymise, agencies=[], entries=entries,
        events=merge.grouped_view(entries, {g.id for g in confirmed}),
        conflicts={g.id for g in confirmed if g.conflict},
    )
    data.agencies = _contributions(agencies, entries, case.submissions(), text)
    data.criteria, data.form = criteria, case.setting(milestone_store.FORM_SETTING)
    data.layout = layout or ReportLayout()
    data.milestones = _milestones(case, text, data.today)
    data.summaries = {agency_id: {key: text(answer) for key, answer in answers.items()}
                      for agency_id, answers in summary_store.summaries(case).items()}
    _add_gaps(case, data)
    if analysis:
        _add_analysis(case, data, privacy, names)
    return data


def _review(review: Review, text: Filter) -> Review:
    for name in ("title", "subject_name", "subject_pseudonym"):
        setattr(review, name, text(getattr(review, name)))
    review.subject_name = ""  # never written by an export
    return review


def _milestones(case: Case, text: Filter, today: date) -> list[TimetableRow]:
    """The timetable for the timescales section; milestone names are the reviewer's words, so filtered."""
    rows = build_timetable(case, today).rows
    for row in rows:
        row.name, row.agency, row.basis = text(row.name), text(row.agency), text(row.basis)
    return rows


def _contributions(agencies: Sequence[Agency], entries: Sequence[Entry], submissions: Sequence[Submission],
                   text: Filter) -> list[Contribution]:
    own: dict[int, list[Entry]] = {}
    for entry in entries:
        own.setdefault(entry.agency_id, []).append(entry)
    found: list[Contribution] = []
    for agency in agencies:
        dated = [e for e in own.get(agency.id, []) if e.start]
        sent = [s for s in submissions if s.agency_id == agency.id]
        latest = sent[-1] if sent else None
        found.append(Contribution(
            agency, len(own.get(agency.id, [])), min((e.start or "")[:10] for e in dated) if dated else None,
            max((e.end or e.start or "")[:10] for e in dated) if dated else None,
            _submitted(latest, text), len(sent), text(latest.details.get("author_role", "")) if latest else "",
        ))
    return found


def _submitted(submission: Submission | None, text: Filter) -> str:
    if submission is None:
        return "added by hand"
    written = submission.details.get("date_completed", "").strip()
    return text(written) if written else f"imported {long_day(submission.imported_at)}"


def _add_gaps(case: Case, data: ExportData) -> None:
    try:
        data.gap_days = contact_gaps.gap_days(case)
    except ValidationError:
        data.gap_days = contact_gaps.DEFAULT_GAP_DAYS
    visible = data.visible
    dated = [e for e in visible if e.start and e.precision != "unknown"]
    low = data.review.scope_from or (min((e.start or "")[:10] for e in dated) if dated else None)
    high = data.review.scope_to or (max((e.end or e.start or "")[:10] for e in dated) if dated else None)
    data.gaps = contact_gaps.find_gaps(visible, scope_from=low, scope_to=high, min_days=data.gap_days)
    for contribution in data.agencies:
        own = data.by_agency.get(contribution.agency.id, [])
        if own:
            data.agency_gaps[contribution.agency.name] = contact_gaps.find_gaps(
                own, scope_from=low, scope_to=high, min_days=data.gap_days, agency=contribution.agency.name)


def _add_analysis(case: Case, data: ExportData, privacy: ExportPrivacy, names: dict[int, str]) -> None:
    text = privacy.text
    data.episodes = [_filter_episode(e, text) for e in analysis_store.list_episodes(case)]
    data.episode_entries = _episode_entries(case, data, privacy, names)
    data.findings = [_filter_finding(f, text) for f in analysis_store.list_findings(case)]
    data.finding_entries = _finding_entries(case, data, privacy, names)
    data.recommendations = [
        Recommendation(text(r.text), r.id, r.number, text(r.owner), list(r.findings))
        for r in analysis_store.list_recommendations(case)
    ]
    data.actions = [
        Action(a.recommendation_id, text(a.text), a.id, text(a.owner), a.due, a.status, text(a.evidence),
               a.updated_at)
        for a in analysis_store.list_actions(case)
    ]
    data.people = [Person(p.id, "", text(p.pseudonym), text(p.role), [], p.dob, p.is_subject)
                   for p in analysis_store.list_people(case)]
    data.texts = _section_texts(case, text)
    data.entry_themes = _entry_themes(case, privacy)
    data.references = [Reference(text(r.text), text(r.url)) for r in references(case)]


def _entry_themes(case: Case, privacy: ExportPrivacy) -> dict[int, list[str]]:
    """Each entry's theme names, filtered once per name (a review has tens of themes, not thousands)."""
    found = entry_themes(case)
    names = sorted({name for names in found.values() for name in names})
    filtered = dict(zip(names, privacy.texts(names), strict=True))
    return {entry_id: [filtered[n] for n in names] for entry_id, names in found.items()}


def _filter_episode(episode: Episode, text: Filter) -> Episode:
    for name in ("title", "summary", "analysis", "good_practice", "questions"):
        setattr(episode, name, text(getattr(episode, name)))
    return episode


def _filter_finding(finding: Finding, text: Filter) -> Finding:
    finding.title, finding.narrative = text(finding.title), text(finding.narrative)
    finding.themes = [text(t) for t in finding.themes]
    finding.agencies = [text(a) for a in finding.agencies]
    return finding


def _episode_entries(case: Case, data: ExportData, privacy: ExportPrivacy,
                     names: dict[int, str]) -> dict[int, list[Entry]]:
    by_id = _cited(case, data, privacy, names, {i for ep in data.episodes for i in ep.entries})
    return {ep.id: [by_id[i] for i in ep.entries if i in by_id] for ep in data.episodes}


def _finding_entries(case: Case, data: ExportData, privacy: ExportPrivacy,
                     names: dict[int, str]) -> dict[int, list[Entry]]:
    """Each finding's evidence entries, in chronology order."""
    by_id = _cited(case, data, privacy, names, {i for f in data.findings for i in f.entries})
    order = {entry.id: at for at, entry in enumerate(data.entries)}
    return {f.id: sorted((by_id[i] for i in f.entries if i in by_id),
                         key=lambda e: (order.get(e.id, len(order)), e.start or "", e.id))
            for f in data.findings}


def _cited(case: Case, data: ExportData, privacy: ExportPrivacy, names: dict[int, str],
           ids: set[int]) -> dict[int, Entry]:
    """The exported entries by id, with the cited ones hidden from the chronology read and filtered too."""
    by_id = {e.id: e for e in data.entries}
    wanted = sorted(i for i in ids if i not in by_id)
    for start in range(0, len(wanted), 500):  # entries hidden from the chronology, cited anyway
        hidden = list_entries(case, EntryQuery(ids=wanted[start:start + 500], include_hidden=True))
        filter_entries(hidden, privacy, names)
        by_id.update((entry.id, entry) for entry in hidden)
    return by_id


def _section_texts(case: Case, text: Filter) -> dict[str, str]:
    """Section texts the reviewer has written (case settings ``report.<section key>``)."""
    found = {key: case.setting(f"report.{key}") for key in section_keys()}
    return {key: text(value) for key, value in found.items() if value.strip()}
