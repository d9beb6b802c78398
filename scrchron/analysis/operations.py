"""The review's analysis: people, themes, key practice episodes, findings,
recommendations, the action plan, and the reviewer's annotations on entries.

The CLI and the GUI call these functions; they hold no rules of their own.
Every function checks everything first (unknown ids, dates, names), then makes
its change in one transaction with its audit rows (``scrchron.store.analysis``
writes both), so a refused change leaves nothing behind.

Numbers: episodes, findings and recommendations are numbered 1, 2, 3... in
the order the reviewer wants them in the report. A new one goes last; ``move_*``
puts one at another place and renumbers the rest; removing one closes the gap.
Removing goes through ``scrchron.analysis.deletion``, which also puts a record back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from scrchron.analysis.deletion import delete_record
from scrchron.analysis.themes import resolve_theme
from scrchron.errors import NotFoundError, ValidationError
from scrchron.names.anonymise import check_people, people_for
from scrchron.records.analysis_records import (
    Action,
    ActionPlanSummary,
    Episode,
    Finding,
    Recommendation,
    Theme,
    check_period,
)
from scrchron.records.case_records import SIGNIFICANCE_LEVELS, Entry, Person, check_iso_date
from scrchron.store import analysis as store
from scrchron.store import get_entry, now, update_entry
from scrchron.store.case import Case

list_people = store.list_people
list_themes = store.list_themes
list_episodes = store.list_episodes
get_episode = store.get_episode
list_findings = store.list_findings
get_finding = store.get_finding
list_recommendations = store.list_recommendations
get_recommendation = store.get_recommendation
get_action = store.get_action
entry_themes = store.entry_theme_names


def check_ids(case: Case, table: str, ids: Iterable[int]) -> list[int]:
    """``ids`` without repeats, or NotFoundError naming every id the case does not hold."""
    wanted = list(dict.fromkeys(ids))
    missing = store.missing_ids(case, table, wanted)
    if len(missing) == 1:
        raise NotFoundError(f"There is no {store.NOUNS[table]} {missing[0]} in this case.")
    if missing:
        shown = ", ".join(str(row_id) for row_id in missing)
        raise NotFoundError(f"There are no {table} {shown} in this case.")
    return wanted


def _move(case: Case, table: str, row_id: int, to: int) -> None:
    ids = store.numbered_ids(case, table)
    if row_id not in ids:
        raise NotFoundError(f"There is no {store.NOUNS[table]} {row_id} in this case.")
    if not 1 <= to <= len(ids):
        raise ValidationError(f"Choose a number from 1 to {len(ids)} for {store.NOUNS[table]} {row_id}.")
    ids.remove(row_id)
    ids.insert(to - 1, row_id)
    with case.write():
        store.renumber(case, table, ids)


# -- people ------------------------------------------------------------------


def _name(value: str, what: str, minimum: int = 1) -> str:
    # Invisible format characters (soft hyphen, zero-width space) are dropped: they would
    # make a name that looks right but is stored apart from the one the records hold.
    value = " ".join("".join(ch for ch in value if unicodedata.category(ch) != "Cf").split())
    if not value:
        raise ValidationError(f"A person needs a {what}" + (" (e.g. 'Tanya Marsh')." if what == "name" else "."))
    if len(value) < minimum or not (value[0].isalnum() and value[-1].isalnum()):
        raise ValidationError(f"The {what} '{value}' must be at least {minimum} characters and "
                              "begin and end with a letter or digit.")
    return value


def _alias(value: str, name: str) -> str:
    alias = " ".join("".join(ch for ch in value if unicodedata.category(ch) != "Cf").split())
    if sum(ch.isalpha() for ch in alias) == 1:
        raise ValidationError(
            f"The alias '{alias}' for {name} has one letter: it would replace that letter wherever it "
            "stands alone. Initials such as 'T.M.' are matched already; give a longer alias.")
    return _name(alias, "alias", minimum=2)


def _clean_person(person: Person) -> Person:
    name = _name(person.name, "name", minimum=2)
    aliases: dict[str, str] = {}
    for alias in person.aliases:
        alias = _alias(alias, name)
        if alias.lower() != name.lower():
            aliases.setdefault(alias.lower(), alias)
    pseudonym = " ".join("".join(ch for ch in person.pseudonym if unicodedata.category(ch) != "Cf").split())
    if not pseudonym:
        raise ValidationError(f"{name} needs a pseudonym (e.g. 'Mother', 'Child T', 'Adult A').")
    dob = check_iso_date(person.dob, "date of birth")
    return Person(person.id, name, pseudonym, person.role.strip(), list(aliases.values()), dob,
                  person.is_subject)


def _save_person(case: Case, person: Person) -> Person:
    person = _clean_person(person)
    others = [p for p in store.list_people(case) if p.id != person.id]
    # A new subject replaces the review's subject details, so they are not checked against.
    check_people(people_for(None if person.is_subject else case.review(), [*others, person]))
    with case.write():
        if person.is_subject:
            for other in others:
                if other.is_subject:
                    store.update_row(case, "people", other.id, {"is_subject": 0})
        if person.id:
            store.update_row(case, "people", person.id, store.person_values(person))
        else:
            person.id = store.insert_row(case, "people", store.person_values(person))
        if person.is_subject:  # the title page and the report read the subject from the review
            case.update_review(subject_name=person.name, subject_pseudonym=person.pseudonym,
                               subject_dob=person.dob)
    return store.get_person(case, person.id)


def add_person(case: Case, name: str, pseudonym: str, *, aliases: Sequence[str] = (), role: str = "",
               dob: str | None = None, subject: bool = False) -> Person:
    """Add someone named in the case, with the pseudonym that replaces them in exports.

    With ``subject`` they become the review's subject (the previous subject stops being it).
    """
    return _save_person(case, Person(0, name, pseudonym, role, list(aliases), dob, subject))


def update_person(case: Case, person_id: int, **changes: Any) -> Person:
    """Change a person's name, pseudonym, aliases (the whole list), role, dob or ``is_subject``."""
    current = store.get_person(case, person_id)
    if "id" in changes:
        raise ValueError("a person's id cannot change")
    return _save_person(case, replace(current, **changes))


def remove_person(case: Case, person_id: int) -> None:
    """Remove a person (their name will no longer be replaced: use with care)."""
    delete_record(case, "people", person_id)


# -- themes ------------------------------------------------------------------


def find_theme(case: Case, name_or_id: str | int) -> Theme:
    """The theme a person names: its name (any case), its number in ``theme list``, the
    part before a parenthesis, or the start of one name; else ValidationError saying why.

    See ``scrchron.analysis.themes.resolve_theme``; every front door names themes through here.
    """
    return resolve_theme(store.list_themes(case), name_or_id)


def add_theme(case: Case, name: str) -> Theme:
    """Add a theme to this review's taxonomy."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A theme needs a name.")
    if store.find_theme(case, name):
        raise ValidationError(f"There is already a theme '{name}'.")
    with case.write():
        theme_id = store.insert_row(case, "themes", {"name": name, "position": store.next_theme_position(case),
                                                     "builtin": 0})
    return find_theme(case, theme_id)


def rename_theme(case: Case, name_or_id: str | int, new_name: str) -> Theme:
    """Rename a theme (built-in ones too: the taxonomy is the reviewer's)."""
    theme = find_theme(case, name_or_id)
    new_name = " ".join(new_name.split())
    if not new_name:
        raise ValidationError("A theme needs a name.")
    clash = store.find_theme(case, new_name)
    if clash and clash.id != theme.id:
        raise ValidationError(f"There is already a theme '{clash.name}'.")
    with case.write():
        store.update_row(case, "themes", theme.id, {"name": new_name})
    return find_theme(case, theme.id)


def _theme_ids(case: Case, names: Iterable[str | int]) -> list[int]:
    return list(dict.fromkeys(find_theme(case, name).id for name in names))


# -- episodes ----------------------------------------------------------------


def select_entries(case: Case, period_from: str | None, period_to: str | None,
                   agencies: Sequence[str] = ()) -> list[int]:
    """The visible entries lying wholly inside a period, of some agencies (all when none given)."""
    period_from, period_to = check_period(period_from, period_to)
    if not (period_from or period_to):
        raise ValidationError("Selecting entries by period needs a start or an end (--from/--to).")
    agency_ids = [case.agency_named(name, create=False).id for name in agencies]
    return store.entries_within(case, period_from, period_to, agency_ids)


def add_episode(case: Case, title: str, *, period_from: str | None = None, period_to: str | None = None,
                entries: Sequence[int] = (), agencies: Sequence[str] = (), in_period: bool = False,
                summary: str = "", analysis: str = "", good_practice: str = "",
                questions: str = "") -> Episode:
    """Add a key practice episode, numbered after the last.

    Its entries are ``entries`` (chosen one by one) together with, when ``agencies``
    are named or ``in_period`` is set, the entries of those agencies (or of every
    agency) lying inside the period.
    """
    episode = Episode(title, period_from=period_from, period_to=period_to, summary=summary,
                      analysis=analysis, good_practice=good_practice, questions=questions).validate()
    chosen = check_ids(case, "entries", entries)
    if agencies or in_period:
        chosen += select_entries(case, episode.period_from, episode.period_to, agencies)
    with case.write():
        episode.number = store.next_number(case, "episodes")
        episode.id = store.insert_row(case, "episodes", store.episode_values(episode))
        store.set_linked(case, "episodes", "entries", episode.id, chosen)
    return store.get_episode(case, episode.id)


def update_episode(case: Case, episode_id: int, **changes: Any) -> Episode:
    """Change an episode's title, period, texts, or ``entries`` (the whole list)."""
    current = store.get_episode(case, episode_id)
    entries = changes.pop("entries", None)
    if {"id", "number"} & set(changes):
        raise ValueError("use move_episode to renumber an episode")
    updated = replace(current, **changes).validate()
    chosen = None if entries is None else check_ids(case, "entries", entries)
    values = store.episode_values(updated)
    with case.write():
        store.update_row(case, "episodes", episode_id, {name: values[name] for name in changes})
        if chosen is not None:
            store.set_linked(case, "episodes", "entries", episode_id, chosen)
    return store.get_episode(case, episode_id)


def move_episode(case: Case, episode_id: int, to: int) -> list[Episode]:
    """Give an episode the number ``to`` and renumber the others; return them all in order."""
    _move(case, "episodes", episode_id, to)
    return store.list_episodes(case)


def remove_episode(case: Case, episode_id: int) -> None:
    """Remove an episode (and its place among a finding's evidence); the others are renumbered."""
    delete_record(case, "episodes", episode_id)


# -- findings ----------------------------------------------------------------


def _finding_links(case: Case, links: dict[str, Any]) -> dict[str, list[int]]:
    resolved: dict[str, list[int]] = {}
    if links.get("themes") is not None:
        resolved["themes"] = _theme_ids(case, links["themes"])
    for what in ("episodes", "entries"):
        if links.get(what) is not None:
            resolved[what] = check_ids(case, what, links[what])
    if links.get("agencies") is not None:
        resolved["agencies"] = [case.agency_named(name, create=False).id for name in links["agencies"]]
    return resolved


def add_finding(case: Case, title: str, *, narrative: str = "", themes: Sequence[str | int] = (),
                episodes: Sequence[int] = (), entries: Sequence[int] = (),
                agencies: Sequence[str] = ()) -> Finding:
    """Add a finding with its themes, evidence (episodes, entries) and the agencies concerned."""
    finding = Finding(title, narrative=narrative).validate()
    links = _finding_links(case, {"themes": themes, "episodes": episodes, "entries": entries,
                                  "agencies": agencies})
    with case.write():
        number = store.next_number(case, "findings")
        finding.id = store.insert_row(case, "findings", {"number": number, "title": finding.title,
                                                         "narrative": finding.narrative})
        for what, ids in links.items():
            store.set_linked(case, "findings", what, finding.id, ids)
    return store.get_finding(case, finding.id)


def update_finding(case: Case, finding_id: int, *, title: str | None = None, narrative: str | None = None,
                   **links: Any) -> Finding:
    """Change a finding's title or narrative, or replace its themes, episodes, entries or agencies."""
    current = store.get_finding(case, finding_id)
    unknown = set(links) - {"themes", "episodes", "entries", "agencies"}
    if unknown:
        raise ValueError(f"a finding has no {', '.join(sorted(unknown))}")
    updated = Finding(current.title if title is None else title,
                      narrative=current.narrative if narrative is None else narrative).validate()
    resolved = _finding_links(case, links)
    with case.write():
        store.update_row(case, "findings", finding_id, {"title": updated.title, "narrative": updated.narrative})
        for what, ids in resolved.items():
            store.set_linked(case, "findings", what, finding_id, ids)
    return store.get_finding(case, finding_id)


def move_finding(case: Case, finding_id: int, to: int) -> list[Finding]:
    """Give a finding the number ``to`` and renumber the others."""
    _move(case, "findings", finding_id, to)
    return store.list_findings(case)


def remove_finding(case: Case, finding_id: int) -> None:
    """Remove a finding (recommendations citing it no longer do); the others are renumbered."""
    delete_record(case, "findings", finding_id)


# -- recommendations ---------------------------------------------------------


def _owner(case: Case, owner: str) -> str:
    """An agency's own spelling when ``owner`` names one; otherwise as written (a partnership)."""
    agency = case.find_agency(owner) if owner.strip() else None
    return agency.name if agency else " ".join(owner.split())


def add_recommendation(case: Case, text: str, *, findings: Sequence[int] = (),
                       owner: str = "") -> Recommendation:
    """Add a recommendation answering ``findings``, owned by an agency or the partnership."""
    recommendation = Recommendation(text, owner=_owner(case, owner)).validate()
    finding_ids = check_ids(case, "findings", findings)
    with case.write():
        number = store.next_number(case, "recommendations")
        recommendation.id = store.insert_row(case, "recommendations", {
            "number": number, "text": recommendation.text, "owner": recommendation.owner})
        store.set_linked(case, "recommendations", "findings", recommendation.id, finding_ids)
    return store.get_recommendation(case, recommendation.id)


def update_recommendation(case: Case, recommendation_id: int, *, text: str | None = None,
                          owner: str | None = None, findings: Sequence[int] | None = None) -> Recommendation:
    """Change a recommendation's text or owner, or replace the findings it answers."""
    current = store.get_recommendation(case, recommendation_id)
    updated = Recommendation(current.text if text is None else text,
                             owner=current.owner if owner is None else _owner(case, owner)).validate()
    finding_ids = None if findings is None else check_ids(case, "findings", findings)
    with case.write():
        store.update_row(case, "recommendations", recommendation_id,
                         {"text": updated.text, "owner": updated.owner})
        if finding_ids is not None:
            store.set_linked(case, "recommendations", "findings", recommendation_id, finding_ids)
    return store.get_recommendation(case, recommendation_id)


def move_recommendation(case: Case, recommendation_id: int, to: int) -> list[Recommendation]:
    """Give a recommendation the number ``to`` and renumber the others."""
    _move(case, "recommendations", recommendation_id, to)
    return store.list_recommendations(case)


def remove_recommendation(case: Case, recommendation_id: int) -> None:
    """Remove a recommendation that has no actions yet (an action plan is never lost by accident)."""
    store.get_recommendation(case, recommendation_id)
    actions = store.list_actions(case, recommendation_id)
    if actions:
        raise ValidationError(f"Recommendation {recommendation_id} has {len(actions)} action(s); "
                              "remove them first.")
    delete_record(case, "recommendations", recommendation_id)


# -- the action plan ---------------------------------------------------------


def _action_values(action: Action) -> dict[str, Any]:
    return {"recommendation_id": action.recommendation_id, "text": action.text, "owner": action.owner,
            "due": action.due, "status": action.status, "evidence": action.evidence}


def add_action(case: Case, recommendation_id: int, text: str, *, owner: str = "", due: str | None = None,
               status: str = "not started", evidence: str = "") -> Action:
    """Add an action to the plan for a recommendation."""
    store.get_recommendation(case, recommendation_id)
    action = Action(recommendation_id, text, owner=owner, due=due, status=status,
                    evidence=evidence).validate()
    with case.write():
        action_id = store.insert_row(case, "actions", _action_values(action) | {"updated_at": now()})
    return store.get_action(case, action_id)


def update_action(case: Case, action_id: int, **changes: Any) -> Action:
    """Change an action's text, owner, due date, status, evidence or recommendation."""
    current = store.get_action(case, action_id)
    if {"id", "updated_at"} & set(changes):
        raise ValueError("an action's id and updated_at are kept by scrchron")
    updated = replace(current, **changes).validate()
    if updated.recommendation_id != current.recommendation_id:
        store.get_recommendation(case, updated.recommendation_id)
    values = _action_values(updated)
    changed = {name: value for name, value in values.items() if value != _action_values(current)[name]}
    if changed:
        with case.write():
            store.update_row(case, "actions", action_id, changed | {"updated_at": now()})
    return store.get_action(case, action_id)


def remove_action(case: Case, action_id: int) -> None:
    """Remove an action from the plan."""
    delete_record(case, "actions", action_id)


def list_actions(case: Case, *, recommendation_id: int | None = None, overdue_only: bool = False,
                 today: date | None = None) -> list[Action]:
    """The action plan (one recommendation's when given), overdue ones only when asked."""
    if recommendation_id is not None:
        store.get_recommendation(case, recommendation_id)
    actions = store.list_actions(case, recommendation_id)
    return [a for a in actions if a.is_overdue(today)] if overdue_only else actions


def action_plan_summary(case: Case, today: date | None = None) -> ActionPlanSummary:
    """Counts by status, overdue, complete with and without evidence, as of ``today``."""
    return ActionPlanSummary.of(store.list_recommendations(case), store.list_actions(case), today)


# -- annotations on entries --------------------------------------------------


def annotate_entry(case: Case, entry_id: int, *, note: str | None = None, significance: str | None = None,
                   good_practice: bool | None = None, child_seen: bool | None = None,
                   child_views: bool | None = None, themes: Sequence[str | int] | None = None) -> Entry:
    """Set the reviewer's note, significance, flags and themes of an entry (``None`` leaves one as is)."""
    get_entry(case, entry_id)
    changes: dict[str, Any] = {}
    if note is not None:
        changes["reviewer_note"] = note.strip()
    if significance is not None:
        changes["significance"] = significance.strip().lower()
        if changes["significance"] not in ("", *SIGNIFICANCE_LEVELS):
            raise ValidationError(f"Significance must be one of: {', '.join(SIGNIFICANCE_LEVELS)} "
                                  "(or empty to clear it).")
    for name, value in (("good_practice", good_practice), ("child_seen", child_seen),
                        ("child_views", child_views)):
        if value is not None:
            changes[name] = bool(value)
    theme_ids = None if themes is None else _theme_ids(case, themes)
    with case.write():
        if changes:
            update_entry(case, entry_id, changes)
        if theme_ids is not None:
            store.set_linked(case, "entries", "themes", entry_id, theme_ids)
    return get_entry(case, entry_id)
