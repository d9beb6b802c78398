"""The reviewer's decisions about doubtful name forms, and the doubtful places of a case.

An anonymised export refuses to finish while a doubtful place is undecided
(initials that are also an abbreviation, ``DC``; a common-word surname starting a
sentence, ``Young``). The reviewer decides each form once, and the decision is
kept in the case file:

- :func:`decide` ``keep``: the form is left as written (``DC`` is Detective Constable here);
  ``replace``: it is replaced as the person's name wherever it occurs;
- :func:`mark_not_a_name`: a phrase containing a surname that is a place or an
  organisation (``Marsh Lane Surgery``) is left alone;
- :func:`forget`: the decision or phrase is removed.

The command line and the window call these; each change is one audited write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from scrchron.errors import ValidationError
from scrchron.names.anonymise import Anonymiser
from scrchron.names.forms import NameDecisions, normalise
from scrchron.store.analysis import list_episodes, list_findings, list_recommendations
from scrchron.store.case import Case
from scrchron.store.entries import EntryQuery, list_entries
from scrchron.store.name_decisions import load_decisions, save_decisions

DECISIONS = ("keep", "replace")
_ENTRY_TEXTS = ("event", "action", "source", "practitioner_role", "contact_type", "agency_comment",
                "reviewer_note")


@dataclass(frozen=True)
class DoubtfulPlace:
    """A place in the case that may be a name: which record ('entry', 'episode', 'finding',
    'recommendation') and field, the form, why, and the text around it."""

    record: str
    id: int
    field: str
    text: str
    key: str
    reason: str
    context: str


def _form(text: str, what: str) -> str:
    form = normalise(text)
    if not form or not any(ch.isalnum() for ch in form):
        raise ValidationError(f"Give the {what} to decide about, e.g. 'DC' or 'Young'.")
    if len(form) > 200:
        raise ValidationError(f"The {what} is {len(form)} characters long; give at most 200.")
    return form


def decide(case: Case, form: str, decision: str) -> NameDecisions:
    """Remember that ``form`` is kept as written or replaced as a name, wherever it is doubtful."""
    if decision not in DECISIONS:
        raise ValidationError(f"A decision is 'keep' or 'replace', not '{decision}'.")
    key = _form(form, "form")
    key = "".join(ch for ch in key if ch.isalpha()) if _looks_like_initials(form) else key
    decisions = load_decisions(case)
    decisions.keep.discard(key)
    decisions.replace.discard(key)
    (decisions.keep if decision == "keep" else decisions.replace).add(key)
    save_decisions(case, decisions)
    return decisions


def _looks_like_initials(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return 2 <= len(letters) <= 4 and all(ch.isupper() for ch in letters) and set(form) <= set(
        "".join(letters) + ". ")


def mark_not_a_name(case: Case, phrase: str) -> NameDecisions:
    """Remember that ``phrase`` (a place or organisation containing a name) is not a name."""
    key = _form(phrase, "phrase")
    if " " not in key:
        raise ValidationError(
            f"'{phrase}' is one word: a phrase that is not a name has several ('Marsh Lane Surgery'). "
            "For one word use 'scrchron names keep'.")
    decisions = load_decisions(case)
    if key not in {normalise(known) for known in decisions.not_names}:
        decisions.not_names.append(" ".join(phrase.split()))
        save_decisions(case, decisions)
    return decisions


def forget(case: Case, form: str) -> NameDecisions:
    """Remove the decision about ``form`` (or the not-a-name phrase)."""
    key = _form(form, "form")
    decisions = load_decisions(case)
    letters = "".join(ch for ch in key if ch.isalpha())
    found = bool({key, letters} & (decisions.keep | decisions.replace)) or any(
        normalise(p) == key for p in decisions.not_names)
    if not found:
        raise ValidationError(f"No decision about '{form}' is kept in this case.")
    for key_ in (key, letters):
        decisions.keep.discard(key_)
        decisions.replace.discard(key_)
    decisions.not_names = [p for p in decisions.not_names if normalise(p) != key]
    save_decisions(case, decisions)
    return decisions


def doubtful_places(case: Case, limit: int = 1000) -> list[DoubtfulPlace]:
    """The undecided doubtful places (at most ``limit``): the entries in chronology order, then the analysis."""
    anonymiser = Anonymiser.from_case(case)
    found: list[DoubtfulPlace] = []
    for entry in list_entries(case, EntryQuery(include_hidden=True)):
        found.extend(_doubts(anonymiser, "entry", entry, _ENTRY_TEXTS))
        if len(found) >= limit:
            return found[:limit]
    for kind, records in (("episode", list_episodes(case)), ("finding", list_findings(case)),
                          ("recommendation", list_recommendations(case))):
        for record in records:
            texts = [item.name for item in fields(record) if isinstance(getattr(record, item.name), str)]
            found.extend(_doubts(anonymiser, kind, record, texts))
    return found[:limit]


def _doubts(anonymiser: Anonymiser, kind: str, record: Any, names: Sequence[str]) -> list[DoubtfulPlace]:
    found: list[DoubtfulPlace] = []
    for name in names:
        text = getattr(record, name) or ""
        for doubt in anonymiser.doubts(text):
            context = text[max(0, doubt.start - 30):doubt.end + 30].replace("\n", " ")
            found.append(DoubtfulPlace(kind, record.id or 0, name, doubt.text, doubt.key, doubt.reason, context))
    return found
