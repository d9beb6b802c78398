"""The main body of the overview report: what each section is filled with.

Each builder writes the facts the case holds for its section (scope, agencies,
episodes, findings...) and then the reviewer's own text for it, or the guidance
prompt when there is none yet (see :mod:`scrchron.export.guidance`). Which
sections a review type has, and in what order, is in :mod:`scrchron.export.report_skeleton`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from scrchron.dates.wording import age_at, long_day, parse_day
from scrchron.export import report_content as content
from scrchron.export.docx_tables import Cell, CellValue
from scrchron.export.formatting import interval, period
from scrchron.export.phrases import between, elapsed, rows_phrase
from scrchron.export.report_writer import ReportWriter
from scrchron.export.summary_form import QUESTIONS
from scrchron.review import review_types

OVERDUE_FILL = "F8D7D5"

LEGAL_BASIS = {
    "cspr": "Local child safeguarding practice reviews are arranged by the safeguarding partners under the "
            "Children Act 2004 (as amended by the Children and Social Work Act 2017), following Working "
            "Together to Safeguard Children.",
    "scr": "Serious Case Reviews were held by Local Safeguarding Children Boards under regulation 5 of the "
           "Local Safeguarding Children Boards Regulations 2006, following Working Together to Safeguard "
           "Children.",
    "sar": "Safeguarding Adults Boards arrange Safeguarding Adults Reviews under section 44 of the Care Act 2014.",
    "dhr": "Domestic Homicide Reviews are held under section 9 of the Domestic Violence, Crime and Victims "
           "Act 2004, following the Home Office statutory guidance.",
    "susr": "Single Unified Safeguarding Reviews are arranged by the Regional Safeguarding Board following the "
            "Welsh Government's Single Unified Safeguarding Review statutory guidance, which brings Adult and "
            "Child Practice Reviews, Domestic Homicide Reviews, Mental Health Homicide Reviews and Offensive "
            "Weapons Homicide Reviews into one review.",
    "cpr": "Child Practice Reviews are held by the Regional Safeguarding Children Board under the Safeguarding "
           "Boards (Functions and Procedures) (Wales) Regulations 2015 and the Social Services and Well-being "
           "(Wales) Act 2014, following Working Together to Safeguard People, volume 2.",
    "apr": "Adult Practice Reviews are held by the Regional Safeguarding Adults Board under the Safeguarding "
           "Boards (Functions and Procedures) (Wales) Regulations 2015 and the Social Services and Well-being "
           "(Wales) Act 2014, following Working Together to Safeguard People, volume 3.",
}

#: Review types whose report has a section of its own on the legal mandate (the legal basis is said there,
#: not again in the introduction).
OWN_MANDATE_SECTION = ("sar",)

#: Said of a SUSR that meets the Domestic Homicide Review criteria.
HOME_OFFICE_NOTE = ("Because the review meets the Domestic Homicide Review criteria, the report is also sent "
                    "to the Home Office for quality assurance.")

SAFEGUARDING_PRINCIPLES = (
    ("Empowerment", "people being supported and encouraged to make their own decisions and give informed consent"),
    ("Prevention", "it is better to take action before harm occurs"),
    ("Proportionality", "the least intrusive response appropriate to the risk presented"),
    ("Protection", "support and representation for those in greatest need"),
    ("Partnership", "local solutions through services working with their communities"),
    ("Accountability", "accountability and transparency in safeguarding practice"),
)


@dataclass(frozen=True)
class Section:
    """One section of the report: its key (for texts and prompts), title and builder."""

    key: str
    title: str
    build: Callable[[ReportWriter, Section], None] | None = None

    def heading(self, subject: str) -> str:
        """The title with the subject's pseudonym in place of ``{subject}``."""
        return self.title.replace("{subject}", subject)


def plain(w: ReportWriter, section: Section) -> None:
    """A section the case holds no facts for: the reviewer's text or the prompt."""
    w.written_or_guidance(section.key, section.heading(w.data.subject))


def _where(section: Section, w: ReportWriter) -> str:
    return section.heading(w.data.subject)


def _is_child(w: ReportWriter) -> bool:
    return review_types.is_child_review(w.data.review.review_type, w.data.criteria)


# -- opening sections -----------------------------------------------------------------


def anonymisation(w: ReportWriter, section: Section) -> None:
    """How people are referred to, with the pseudonyms used."""
    if w.data.anonymised:
        w.para("People are referred to in this report by pseudonym or by their relationship to "
               f"{w.data.subject}, and professionals by their role, not by name.")
    else:
        w.para(f"This draft is not anonymised: apart from {w.data.subject}, people are named as in the "
               "agencies' records. Do not circulate it beyond the review panel; the version for "
               "publication is exported anonymised.")
    rows: list[list[CellValue]] = [[p.pseudonym, p.role or ("subject of this review" if p.is_subject else "")]
                                   for p in w.data.people if p.pseudonym]
    if w.data.review.subject_pseudonym and not any(p.is_subject for p in w.data.people):
        rows.insert(0, [w.data.subject, "subject of this review"])
    if rows:
        w.table(["Referred to as", "Relationship or role"], [1, 2], rows, "People referred to in this report")
    w.written_or_guidance(section.key, _where(section, w))


def summary_of_learning(w: ReportWriter, section: Section) -> None:
    """The findings listed, then the reviewer's summary (or the prompt)."""
    if w.data.findings:
        count = len(w.data.findings)
        w.para(f"The review identified {count} finding{'s' if count != 1 else ''}:")
        w.bullets(f"Finding {f.number}: {f.title}" for f in w.data.findings)
    w.written_or_guidance(section.key, _where(section, w))


def introduction(w: ReportWriter, section: Section) -> None:
    """The incident and commissioning dates, the legal basis, then the reviewer's text."""
    review = w.data.review
    facts = [f"This review concerns {w.data.subject}."]
    if review.incident_date:
        facts.append(f"The incident that led to it happened on {long_day(review.incident_date)}.")
    if review.commissioned_date:
        facts.append(f"The review was commissioned on {long_day(review.commissioned_date)}.")
    w.para(" ".join(facts))
    if review.review_type not in OWN_MANDATE_SECTION:
        w.para(LEGAL_BASIS.get(review.review_type, ""))
    w.written_or_guidance(section.key, _where(section, w))


def legal_mandate(w: ReportWriter, section: Section) -> None:
    """The Care Act basis, then whether mandatory or discretionary (the reviewer's words)."""
    w.para(LEGAL_BASIS["sar"])
    w.written_or_guidance(section.key, _where(section, w))


def timescales(w: ReportWriter, section: Section) -> None:
    """When the review was commissioned, and how long ago this draft was dated."""
    review = w.data.review
    commissioned = parse_day(review.commissioned_date)
    today = w.data.today
    text = f"This version ({w.data.version}) is dated {long_day(today)}."
    if commissioned:
        later = elapsed(commissioned, today)
        when = (f"{later} later" if later else "the day it was commissioned" if today == commissioned
                else "before the date it was commissioned")
        text = f"The review was commissioned on {long_day(commissioned)}. {text[:-1]}, {when}."
    w.para(text)
    _milestones(w)
    w.written_or_guidance(section.key, _where(section, w))


def _milestones(w: ReportWriter) -> None:
    """The review's timetable: each milestone, when it was due and when it was met."""
    rows = [r for r in w.data.milestones if r.due or r.done]
    if not rows:
        return
    w.para(f"The review's timetable ({'Welsh' if _welsh(w) else 'English'} bank holidays excluded "
           "from working days):")
    w.bullets(_milestone_line(r.name, r.due, r.done, r.status) for r in rows)


def _welsh(w: ReportWriter) -> bool:
    return w.data.review.review_type in ("susr", "cpr", "apr")


def _milestone_line(name: str, due: str | None, done: str | None, status: str) -> str:
    parts = [name]
    if due:
        parts.append(f"due {long_day(due)}")
    if done:
        parts.append(f"met {long_day(done)}")
    elif status == "overdue":
        parts.append("overdue")
    return "; ".join(parts) + "."


def review_criteria(w: ReportWriter, section: Section) -> None:
    """Which SUSR criteria the review meets (or a practice review's form), then the reviewer's words."""
    data = w.data
    names = review_types.criteria_names(data.criteria)
    if names:
        w.para("This review meets the criteria of: " + ", ".join(names) + ".")
        if "dhr" in data.criteria:
            w.para(HOME_OFFICE_NOTE)
    if data.form:
        w.para(f"This is an {data.form} {data.review.type_name}." if data.form == "extended"
               else f"This is a {data.form} {data.review.type_name}.")
    w.written_or_guidance(section.key, _where(section, w))


def terms_of_reference(w: ReportWriter, section: Section) -> None:
    """The scope period and agencies, the terms agreed, and the key lines of enquiry."""
    review = w.data.review
    w.labelled("Scope period", period(review.scope_from, review.scope_to))
    w.labelled("Agencies asked for a chronology", str(len(w.data.agencies)))
    w.written_or_guidance(section.key, _where(section, w))
    w.heading("Key lines of enquiry", 2)
    w.written_or_guidance("lines_of_enquiry", "Key lines of enquiry")


def methodology(w: ReportWriter, section: Section) -> None:
    """How the chronology was built (counts), then the reviewer's account of the method."""
    data = w.data
    grouped = sum(1 for event in data.events if event.group is not None)
    text = (f"The review drew on chronologies from {len(data.agencies)} agencies, merged into a single "
            f"chronology of {len(data.entries)} entries in date order ({w.appendix('chronology')}).")
    if grouped:
        text += (f" {grouped} events were recorded by more than one agency; each is shown once, with the "
                 "agencies that recorded it.")
    if data.episodes:
        text += f" The reviewer identified {len(data.episodes)} key practice episodes."
    w.para(text)
    w.written_or_guidance(section.key, _where(section, w))


def family_involvement(w: ReportWriter, section: Section) -> None:
    """What the chronology records of the subject being seen and heard, then the reviewer's text."""
    visible = w.data.visible
    seen = sum(1 for e in visible if e.child_seen)
    heard = sum(1 for e in visible if e.child_views)
    if seen or heard:
        w.para(f"Of the {len(visible)} entries in the chronology, the reviewer marked {seen} as recording "
               f"that {w.data.subject} was seen, and {heard} as recording {w.data.subject}'s wishes and "
               "feelings.")
    w.written_or_guidance(section.key, _where(section, w))


def pen_picture(w: ReportWriter, section: Section) -> None:
    """The subject's age at the incident (when known), then the reviewer's pen picture."""
    review = w.data.review
    born, incident = parse_day(review.subject_dob), parse_day(review.incident_date)
    if born and incident:
        w.para(f"{w.data.subject} was {age_at(born, incident)} old at the time of the incident.")
    content.family_composition(w)
    w.written_or_guidance(section.key, _where(section, w))


def safeguarding_principles(w: ReportWriter, section: Section) -> None:
    """The six principles of the Care Act statutory guidance, then the reviewer's analysis."""
    w.bullets(f"{name}: {meaning}." for name, meaning in SAFEGUARDING_PRINCIPLES)
    w.written_or_guidance(section.key, _where(section, w))


# -- agencies ------------------------------------------------------------------------------


def agencies_involved(w: ReportWriter, section: Section) -> None:
    """The table of agencies' contributions: entries, period covered, submission date."""
    rows: list[list[CellValue]] = [
        [c.agency.name, str(c.entries), interval(c.first, c.last) if c.first else "no dated entries",
         c.submitted, c.contributor_role or "not stated"]
        for c in w.data.agencies
    ]
    w.table(["Agency", "Entries", "Period covered", "Chronology submitted", "Contributor (role)"],
            [3.2, 1.1, 3, 2.6, 2.4], rows, "Agencies and their contributions to the chronology")
    w.written_or_guidance(section.key, _where(section, w))


def agency_involvement(w: ReportWriter, section: Section) -> None:
    """The reviewer's summary, then each agency's span, key entries and silences, then gaps overall."""
    data = w.data
    w.written_or_guidance(section.key, _where(section, w))
    if data.layout.involvement == "by-period":
        content.involvement_by_period(w)
        for contribution in data.agencies:  # the agencies' own summaries are kept in this telling too
            answers = data.summaries.get(contribution.agency.id, {})
            if any(answers.get(key) for key, _, _ in QUESTIONS):
                w.heading(f"{contribution.agency.name}: the agency's own summary", 3)
                _agency_summary(w, answers)
        _no_contact(w)
        return
    for contribution in data.agencies:
        agency = contribution.agency
        own = data.by_agency.get(agency.id, [])
        w.heading(agency.name, 3)
        _agency_summary(w, data.summaries.get(agency.id, {}))
        span = between(contribution.first, contribution.last) if contribution.first else "undated"
        w.para(f"{len(own)} entr{'y' if len(own) == 1 else 'ies'}, {span}.")
        key = [e for e in own if e.significance == "key"][:8]
        if key:
            w.bullets(f"{interval(e.start, e.end)}: {_short(e.event)}" for e in key)
        gaps = data.agency_gaps.get(agency.name, [])
        if gaps:
            listed = "; ".join(f"{interval(g.start, g.end)} ({g.days} days)" for g in gaps[:6])
            w.labelled(f"No contact recorded for more than {data.gap_days} days", listed)
        content.agency_comments(w, own)
    _no_contact(w)


def _no_contact(w: ReportWriter) -> None:
    """The periods in scope with no entry from any agency."""
    data = w.data
    w.heading("Periods with no contact from any agency", 3)
    if data.gaps:
        w.bullets(f"{interval(g.start, g.end)}: {g.days} days" for g in data.gaps)
    else:
        w.para(f"No period of more than {data.gap_days} days within the scope passed without an entry.")


def _agency_summary(w: ReportWriter, answers: dict[str, str]) -> None:
    """The agency's own summary (its summary form's answers), each under its question."""
    for key, question, _ in QUESTIONS:
        if answers.get(key):
            w.labelled(f"{question} (the agency's summary)", answers[key])


def _short(text: str, limit: int = 180) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


# -- analysis --------------------------------------------------------------------------------


def episodes(w: ReportWriter, section: Section) -> None:
    """One sub-section per key practice episode: narrative, analysis, and its entries."""
    if not w.data.episodes:
        w.guidance(section.key, _where(section, w))
        return
    w.written(section.key)
    rows_of = w.rows
    for episode in w.data.episodes:
        name = f"Episode {episode.number}"
        w.heading(f"{name}: {episode.title}", 2)
        w.labelled("Period", period(episode.period_from, episode.period_to))
        _episode_text(w, "What happened", episode.summary, "episode_narrative", f"{name}: narrative")
        _episode_text(w, "Analysis", episode.analysis, "episode_analysis", f"{name}: analysis")
        if episode.good_practice:
            w.heading("Good practice", 3)
            w.paras(episode.good_practice)
        if episode.questions:
            w.heading("Questions for the panel", 3)
            w.paras(episode.questions)
        entries = w.data.episode_entries.get(episode.id, [])
        if entries:
            shown = entries[:100]
            rows: list[list[CellValue]] = [
                [str(rows_of.get(e.id, "–")), content.date_cell(e), e.agency, e.event] for e in shown
            ]
            w.table(["No.", "Date", "Agency", "What happened"], [1, 2.4, 3, 9.6], rows,
                    f"Entries in episode {episode.number} (No. is the row in {w.appendix('chronology')})")
            if len(entries) > len(shown):
                w.para(f"The other {len(entries) - len(shown)} entries of this episode are in the chronology.")


def _episode_text(w: ReportWriter, title: str, text: str, key: str, where: str) -> None:
    w.heading(title, 3)
    if text.strip():
        w.paras(text)
    else:
        w.guidance(key, where)


def findings(w: ReportWriter, section: Section) -> None:
    """One sub-section per finding: narrative, themes, evidence, agencies, recommendations."""
    if not w.data.findings:
        w.guidance(section.key, _where(section, w))
        return
    w.written(section.key)
    titles = {e.id: (e.number, e.title) for e in w.data.episodes}
    answered: dict[int, list[int]] = {}
    for rec in w.data.recommendations:
        for finding_id in rec.findings:
            answered.setdefault(finding_id, []).append(rec.number)
    for finding in w.data.findings:
        w.heading(f"Finding {finding.number}: {finding.title}", 2)
        if finding.narrative.strip():
            w.paras(finding.narrative)
        else:
            w.guidance("finding_narrative", f"Finding {finding.number}: narrative")
        if finding.themes:
            w.labelled("Themes", "; ".join(finding.themes))
        evidence = [f"Episode {titles[i][0]} ({titles[i][1]})" for i in finding.episodes if i in titles]
        rows = sorted({w.rows[i] for i in finding.entries if i in w.rows})
        if rows:
            evidence.append(f"chronology {rows_phrase(rows)} ({w.appendix('chronology')})")
        w.labelled("Evidence", "; ".join(evidence) if evidence else "none linked yet")
        content.finding_evidence(w, finding)
        if finding.agencies:
            w.labelled("Agencies concerned", ", ".join(finding.agencies))
        if w.data.layout.recommendations == "with-findings":
            content.recommendations_under(w, finding)
        elif answered.get(finding.id):
            w.labelled("Recommendations", ", ".join(str(n) for n in answered[finding.id]))
    content.themes_table(w)


def lessons(w: ReportWriter, section: Section) -> None:
    """The findings as lessons (their titles), then the reviewer's words."""
    if w.data.findings:
        w.bullets(f"{f.title} (finding {f.number})" for f in w.data.findings)
    w.written_or_guidance(section.key, _where(section, w))


def recommendations(w: ReportWriter, section: Section) -> None:
    """The recommendations with their owners and the findings they answer."""
    recs = w.data.recommendations
    if not recs:
        w.guidance(section.key, _where(section, w))
        return
    numbers = {f.id: f.number for f in w.data.findings}
    rows: list[list[CellValue]] = [
        [str(r.number), r.text, r.owner or "owner to be agreed",
         ", ".join(str(numbers[i]) for i in r.findings if i in numbers) or "–"]
        for r in recs
    ]
    if w.data.layout.recommendations == "with-findings":
        w.para("Each recommendation is also set out under the finding it answers.")
    w.table(["No.", "Recommendation", "Owner", "Findings"], [1, 9, 3.4, 1.8], rows,
            "Recommendations and their owners")
    w.written(section.key)


def action_plan(w: ReportWriter, section: Section) -> None:
    """The action plan: each action's owner, due date, status (overdue marked) and evidence."""
    actions = w.data.actions
    if not actions:
        w.guidance("action_plan", _where(section, w))
        return
    today = w.data.today
    numbers = {r.id: r.number for r in w.data.recommendations}
    statuses = Counter(a.status for a in actions)
    overdue = sum(a.is_overdue(today) for a in actions)
    w.para(f"{len(actions)} actions: " + ", ".join(f"{n} {s}" for s, n in statuses.items())
           + f"; {overdue} overdue on {long_day(today)}.")
    rows = [_action_row(a.is_overdue(today), str(numbers.get(a.recommendation_id, "–")), a.text, a.owner,
                        a.due, a.status, a.evidence) for a in actions]
    w.table(["Rec.", "Action", "Owner", "Due", "Status", "Evidence of change"], [1.4, 6, 2.6, 2, 2.2, 4], rows,
            "Action plan")
    w.written("action_plan")


def _action_row(overdue: bool, rec: str, text: str, owner: str, due: str | None, status: str,
                evidence: str) -> list[CellValue]:
    status_cell: CellValue = Cell([f"{status} (overdue)"], OVERDUE_FILL) if overdue else status
    due_text = long_day(due) if due else "not set"
    return [rec, text, owner or "to be agreed", due_text, status_cell, evidence]
