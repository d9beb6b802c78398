"""The return check: what the review asks an agency to look at again in its chronology.

Each problem names the agency's own row (sheet and row number as in its file)
and quotes its text: a missing or unreadable date, a date outside the scope, a
missing source, a practitioner named instead of described by role, and an entry
whose event or action reads as analysis rather than fact ("I think", "should
have"...). What the agency changed in the template is listed first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from scrchron.chronology.entry_edits import scope_of
from scrchron.errors import NotFoundError
from scrchron.records.case_records import Entry
from scrchron.review.template_returns import DETAIL, UNCHANGED
from scrchron.store.case import Case
from scrchron.store.submission_entries import entries_of_current_submissions

#: Words that show an entry is opinion or hindsight, not a record of what happened.
ANALYSIS_PHRASES: tuple[str, ...] = (
    "i think", "i believe", "i feel", "in my view", "in my opinion", "should have", "could have",
    "ought to have", "would have been better", "it would appear", "it is clear that", "failed to",
    "unfortunately", "with hindsight", "in hindsight",
)
_ANALYSIS = re.compile(r"\b(" + "|".join(re.escape(p) for p in ANALYSIS_PHRASES) + r")\b", re.IGNORECASE)

#: Words that make a role a role ('Health visitor 1', 'Duty social worker').
ROLE_WORDS = frozenset((
    "officer", "worker", "visitor", "nurse", "doctor", "gp", "manager", "practitioner", "lead", "teacher",
    "head", "senior", "team", "social", "health", "police", "constable", "sergeant", "inspector",
    "detective", "midwife", "consultant", "registrar", "paediatrician", "psychiatrist", "psychologist",
    "therapist", "advisor", "adviser", "coordinator", "co-ordinator", "support", "assistant", "duty",
    "student", "chair", "designated", "named", "safeguarding", "school", "housing", "probation", "idva",
    "caseworker", "keyworker", "key", "clinician", "receptionist", "paramedic", "specialist", "community",
    "family", "case", "mental", "substance", "misuse", "service", "services", "unit", "team's", "ppu",
    "mash", "csc", "hv", "sw", "dsl", "camhs",
))
_TITLE_NAME = re.compile(r"^(mr|mrs|ms|miss|mx|dr)\.?\s+[A-Z][a-z'-]+", re.IGNORECASE)
_RANK_NAME = re.compile(r"^(?i:pc|dc|ds|di|dci|sgt|ps|sw|hv|gp|nurse|dr)\s+([A-Z][a-z'-]{2,})\b")
_TWO_NAMES = re.compile(r"^[A-Z][a-z'-]+(\s+[A-Z][a-z'-]+){1,2}$")


@dataclass
class Problem:
    """One thing the agency is asked to check."""

    sheet: str
    row: int | None
    date_text: str
    text: str
    issue: str


@dataclass
class ReturnCheck:
    """The whole check of one agency's return."""

    agency: str
    rows: int
    template: str = ""
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many rows have each kind of problem."""
        found: dict[str, int] = {}
        for problem in self.problems:
            kind = problem.issue.split(":")[0]
            found[kind] = found.get(kind, 0) + 1
        return found


def looks_like_a_name(role: str) -> bool:
    """True when a practitioner column holds what looks like a person's name, not a role."""
    text = " ".join(role.split())
    if not text or any(ch.isdigit() for ch in text):
        return False
    rank = _RANK_NAME.match(text)
    if _TITLE_NAME.match(text) or (rank and rank.group(1).lower() not in ROLE_WORDS):
        return True
    words = {w.strip(".,()").lower() for w in text.split()}
    return bool(_TWO_NAMES.match(text)) and not words & ROLE_WORDS


def analysis_phrase(text: str) -> str:
    """The first phrase in ``text`` that reads as analysis rather than fact, or ''."""
    found = _ANALYSIS.search(text)
    return found.group(1) if found else ""


def check_entry(entry: Entry, scope: tuple[date | None, date | None]) -> list[str]:
    """Every problem of one entry, in words."""
    issues = []
    if not entry.date_text.strip():
        issues.append("No date: give the date of the event (mark an uncertain one with ?)")
    elif entry.start is None:
        issues.append(f"Date not readable: '{entry.date_text}' (write it like 12/03/2015, or ?12/03/2015)")
    elif _outside(entry, scope):
        issues.append(f"Date outside the scope: '{entry.date_text}' (check the date, or remove the row)")
    if not entry.source.strip():
        issues.append("No source: give the record, system or document this comes from")
    if looks_like_a_name(entry.practitioner_role):
        issues.append(f"Practitioner named: '{entry.practitioner_role}' (describe by role, e.g. 'Health "
                      "visitor 1')")
    for column, text in (("event", entry.event), ("action / outcome", entry.action)):
        phrase = analysis_phrase(text)
        if phrase:
            issues.append(f"Analysis in the {column} column: '{phrase}' (move your view to Agency comment)")
    return issues


def _outside(entry: Entry, scope: tuple[date | None, date | None]) -> bool:
    start, end = scope
    first = date.fromisoformat((entry.start or "")[:10])
    last = date.fromisoformat((entry.end or entry.start or "")[:10])
    return bool((end and first > end) or (start and last < start))


def check_return(case: Case, agency_name: str) -> ReturnCheck:
    """The check of the agency's current return, or NotFoundError when it sent nothing yet."""
    agency = case.find_agency(agency_name)
    if agency is None:
        raise NotFoundError(f"No agency called '{agency_name}' in this case. See 'scrchron info CASE'.")
    entries = [e for e in entries_of_current_submissions(case, agency.id) if not e.withdrawn]
    submissions = [s for s in case.submissions(agency.id) if s.status == "current"]
    if not submissions:
        raise NotFoundError(f"{agency.name} has not returned a chronology yet: import it first "
                            "(scrchron import CASE FILE).")
    template = "; ".join(dict.fromkeys(s.details.get(DETAIL, "") for s in submissions if s.details.get(DETAIL)))
    result = ReturnCheck(agency.name, len(entries), template)
    scope = scope_of(case.review())
    for entry in sorted(entries, key=lambda e: (e.sheet, e.row or 0)):  # in the agency's own order
        for issue in check_entry(entry, scope):
            result.problems.append(Problem(entry.sheet, entry.row, entry.date_text, entry.event, issue))
    return result


def template_words(check: ReturnCheck) -> str:
    """The template's state in a sentence."""
    if not check.template:
        return "The chronology was not returned on the review's template."
    if check.template == UNCHANGED:
        return "The template was returned as sent."
    return f"The template was changed: {check.template}."
