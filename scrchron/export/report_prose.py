"""The report's sections as the reviewer writes them: list, read, write, search.

This is the core of the Report tab and of ``scrchron report sections/set/show``:

- :func:`report_sections` lists the review type's sections in report order, each
  with its number, heading, guidance prompt and the reviewer's text;
- :func:`section_text` and :func:`set_section_text` read and store one section's
  words (a small markdown subset, see :mod:`scrchron.export.prose`), one audited
  transaction a change; :func:`set_section_texts` stores several at once;
- :func:`search_sections` finds the sections whose words hold a phrase.

The words live in case settings ``report.<key>``, as ``scrchron report-text``
always stored them.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrchron.errors import ValidationError
from scrchron.export.guidance import guidance_for, section_keys
from scrchron.export.prose import MAX_TEXT, references
from scrchron.export.report_skeleton import appendices_for, sections_for
from scrchron.review import review_types
from scrchron.store import milestones as milestone_store
from scrchron.store import report_texts
from scrchron.store.case import Case

#: Sections written inside another: key -> (parent key, heading).
SUBSECTIONS = {"terms_of_reference": ("lines_of_enquiry", "Key lines of enquiry")}
#: Appendices that hold the reviewer's words: appendix key -> section key.
WRITTEN_APPENDICES = {"action_plan": "action_plan", "terms": "terms_of_reference",
                      "agencies": "appendix_agencies"}


@dataclass(frozen=True)
class ReportSection:
    """One section of the report as the Report tab shows it."""

    key: str
    #: '3', '4.1' (a sub-section) or 'Appendix C'.
    number: str
    heading: str
    guidance: str
    text: str

    @property
    def written(self) -> bool:
        """True when the reviewer has written this section."""
        return bool(self.text.strip())

    @property
    def words(self) -> int:
        """How many words the reviewer's text has."""
        return len(self.text.split())


@dataclass(frozen=True)
class SectionHit:
    """A section whose words hold what was searched for."""

    key: str
    heading: str
    snippet: str


def report_sections(case: Case) -> list[ReportSection]:
    """The sections of the case's report, in the order the report has them."""
    review = case.review()
    kind = review.review_type
    subject = review.subject_pseudonym or review_types.default_subject(kind, milestone_store.criteria(case))
    texts = report_texts.section_texts(case)
    found: list[ReportSection] = []

    def add(key: str, number: str, heading: str) -> None:
        if all(s.key != key for s in found):
            found.append(ReportSection(key, number, heading, guidance_for(key, kind, subject), texts.get(key, "")))

    for number, section in enumerate(sections_for(kind), start=1):
        add(section.key, str(number), section.heading(subject))
        if section.key in SUBSECTIONS:
            key, heading = SUBSECTIONS[section.key]
            add(key, f"{number}.1", heading)
    letters = "ABCDEFGHIJ"
    for letter, appendix in zip(letters, appendices_for(kind), strict=False):
        if appendix.key in WRITTEN_APPENDICES:
            add(WRITTEN_APPENDICES[appendix.key], f"Appendix {letter}", appendix.title)
    return found


def find_section(case: Case, key: str) -> ReportSection:
    """The section ``key`` of the case's report.

    Raises:
        ValidationError: the report of this review type has no such section (the message lists them).
    """
    sections = report_sections(case)
    for section in sections:
        if section.key == key:
            return section
    keys = ", ".join(s.key for s in sections)
    raise ValidationError(f"This review's report has no section '{key}'. Its sections: {keys}.")


def section_text(case: Case, key: str) -> str:
    """The reviewer's words for section ``key`` ('' when not written)."""
    return case.setting(report_texts.PREFIX + key)


def check_text(key: str, text: str) -> str:
    """The text as stored (line endings made plain); ValidationError when it cannot be a section's words."""
    if key not in section_keys():
        raise ValidationError(f"Unknown section '{key}'. Sections: {', '.join(section_keys())}.")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"A section's text is limited to {MAX_TEXT:,} characters; this one has "
                              f"{len(text):,}. Split it, or move tables to an appendix.")
    if "\x00" in text:
        raise ValidationError("The text holds a NUL character, which is not text; check the file.")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def set_section_text(case: Case, key: str, text: str) -> bool:
    """Store the reviewer's words for section ``key`` ('' clears them), audited.

    Returns:
        True when the text changed.
    """
    return bool(set_section_texts(case, {key: text}))


def set_section_texts(case: Case, texts: dict[str, str]) -> list[str]:
    """Store several sections' words in one transaction; the keys that changed."""
    checked = {key: check_text(key, text) for key, text in texts.items()}
    return report_texts.store_section_texts(case, checked)


def unknown_references(case: Case, text: str) -> list[str]:
    """References in ``text`` to episodes, findings or recommendations the case does not have."""
    from scrchron.store import analysis as analysis_store

    numbers = {"Ep": {e.number for e in analysis_store.list_episodes(case)},
               "F": {f.number for f in analysis_store.list_findings(case)},
               "R": {r.number for r in analysis_store.list_recommendations(case)}}
    found = references(text)
    numbers["E"] = _entry_ids(case, found)
    missing = []
    for reference in found:
        kind = reference.rstrip("0123456789")
        if kind in numbers and int(reference[len(kind):]) not in numbers[kind]:
            missing.append(reference)
    return missing


#: How many distinct entry references one check looks up (one query; SQLite's variable limit).
MAX_ENTRY_LOOKUPS = 900


def _entry_ids(case: Case, found: list[str]) -> set[int]:
    """Which of the entries [E42] references name exist (hidden or withdrawn ones too).

    Beyond the first ``MAX_ENTRY_LOOKUPS`` distinct references, the rest are taken as known.
    """
    from scrchron.store import EntryQuery, list_entries

    wanted = sorted({int(r[1:]) for r in found if r[:1] == "E" and r[1:].isdigit()})
    asked, rest = wanted[:MAX_ENTRY_LOOKUPS], wanted[MAX_ENTRY_LOOKUPS:]
    known = {e.id for e in list_entries(case, EntryQuery(ids=asked, include_hidden=True))} if asked else set()
    return {i for i in known if i is not None} | set(rest)


def search_sections(case: Case, words: str) -> list[SectionHit]:
    """The sections whose words hold every one of ``words``, with a snippet around the first."""
    headings = {s.key: s.heading for s in report_sections(case)}
    first = words.split()[0].lower() if words.split() else ""
    hits = []
    for key, text in report_texts.search_section_texts(case, words):
        at = text.lower().find(first)
        start = max(0, at - 60)
        snippet = ("…" if start else "") + " ".join(text[start:at + 120].split()) + "…"
        hits.append(SectionHit(key, headings.get(key, key), snippet))
    return hits
