"""Every SQL statement about the review's analysis: people, themes, episodes,
findings, recommendations, actions, and the links between them and entries.

The functions that write must be called inside ``case.write()``; each writes
its own audit rows (an insert records the whole new row, an update one row per
changed field, a change of links the old and the new list of ids), so the
audit log lands in the same transaction as the change. Table and link names
are checked against fixed lists before they reach SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from scrchron.errors import NotFoundError
from scrchron.records.analysis_records import Action, Episode, Finding, Recommendation, Theme
from scrchron.records.case_records import Person
from scrchron.store.case import Case
from scrchron.store.entries import HIDDEN_FLAGS, ORDER_BY

#: The tables this module writes, and what a reviewer calls one of their rows.
NOUNS: dict[str, str] = {
    "people": "person", "themes": "theme", "episodes": "episode", "findings": "finding",
    "recommendations": "recommendation", "actions": "action", "entries": "entry",
    "agencies": "agency",
}
_NUMBERED = ("episodes", "findings", "recommendations")


@dataclass(frozen=True)
class _Link:
    table: str
    owner: str
    other: str
    order: str  # an ORDER BY over the joined row ``x`` (the other side)
    other_table: str


_LINKS: dict[tuple[str, str], _Link] = {
    ("episodes", "entries"): _Link("episode_entries", "episode_id", "entry_id", ORDER_BY, "entries"),
    ("findings", "entries"): _Link("finding_entries", "finding_id", "entry_id", ORDER_BY, "entries"),
    ("findings", "episodes"): _Link("finding_episodes", "finding_id", "episode_id", "x.number", "episodes"),
    ("findings", "themes"): _Link("finding_themes", "finding_id", "theme_id", "x.position, x.id", "themes"),
    ("findings", "agencies"): _Link("finding_agencies", "finding_id", "agency_id", "x.name", "agencies"),
    ("recommendations", "findings"): _Link(
        "recommendation_findings", "recommendation_id", "finding_id", "x.number", "findings"),
    ("entries", "themes"): _Link("entry_themes", "entry_id", "theme_id", "x.position, x.id", "themes"),
}


def _table(name: str) -> str:
    if name not in NOUNS:
        raise ValueError(f"not an analysis table: {name}")
    return name


# -- generic rows ------------------------------------------------------------


def get_row(case: Case, table: str, row_id: int) -> dict[str, Any]:
    """One row by id, or NotFoundError naming it as the reviewer would."""
    rows = list(case.db.query(f"SELECT * FROM [{_table(table)}] WHERE id = ?", [row_id]))
    if not rows:
        raise NotFoundError(f"There is no {NOUNS[table]} {row_id} in this case.")
    return dict(rows[0])


def missing_ids(case: Case, table: str, ids: Iterable[int]) -> list[int]:
    """The ids among ``ids`` that ``table`` does not hold, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    sql = f"SELECT id FROM [{_table(table)}] WHERE id IN ({marks})"
    found = {row[0] for row in case.db.conn.execute(sql, wanted)}
    return [row_id for row_id in wanted if row_id not in found]


def insert_row(case: Case, table: str, values: dict[str, Any]) -> int:
    """Insert a row and audit it whole; return its id."""
    columns = list(values)
    sql = (f"INSERT INTO [{_table(table)}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    row_id = int(case.db.conn.execute(sql, [values[c] for c in columns]).lastrowid or 0)
    case.audit("insert", table, row_id, "", None, values)
    return row_id


def update_row(case: Case, table: str, row_id: int, changes: dict[str, Any]) -> None:
    """Change fields of a row, auditing each field that really changes."""
    current = get_row(case, table, row_id)
    for name, new in changes.items():
        if name not in current or name == "id":
            raise ValueError(f"{table} has no field {name}")
        if current[name] == new:
            continue
        case.db.conn.execute(f"UPDATE [{_table(table)}] SET [{name}] = ? WHERE id = ?", [new, row_id])
        case.audit("update", table, row_id, name, current[name], new)


def delete_row(case: Case, table: str, row_id: int) -> None:
    """Delete a row, auditing what it held."""
    current = get_row(case, table, row_id)
    case.db.conn.execute(f"DELETE FROM [{_table(table)}] WHERE id = ?", [row_id])
    case.audit("delete", table, row_id, "", current, None)


def next_number(case: Case, table: str) -> int:
    """The number a new episode, finding or recommendation gets: one after the last."""
    if table not in _NUMBERED:
        raise ValueError(f"{table} is not numbered")
    return int(case.db.conn.execute(f"SELECT COALESCE(MAX(number), 0) + 1 FROM [{table}]").fetchone()[0])


def numbered_ids(case: Case, table: str) -> list[int]:
    """The ids of a numbered table in number order."""
    if table not in _NUMBERED:
        raise ValueError(f"{table} is not numbered")
    return [row[0] for row in case.db.conn.execute(f"SELECT id FROM [{table}] ORDER BY number, id")]


def renumber(case: Case, table: str, ordered_ids: Sequence[int]) -> None:
    """Number rows 1, 2, 3... in the order given, auditing every number that changes."""
    for number, row_id in enumerate(ordered_ids, start=1):
        update_row(case, table, row_id, {"number": number})


# -- links -------------------------------------------------------------------


def linked_ids(case: Case, owner_table: str, what: str, owner_id: int) -> list[int]:
    """The ids linked to a row (an episode's entries, a finding's themes...), in display order."""
    link = _LINKS[(owner_table, what)]
    alias = "e" if link.other_table == "entries" else "x"
    sql = (f"SELECT l.{link.other} FROM {link.table} l JOIN [{link.other_table}] {alias} "
           f"ON {alias}.id = l.{link.other} WHERE l.{link.owner} = ? ORDER BY {link.order}")
    return [row[0] for row in case.db.conn.execute(sql, [owner_id])]


def set_linked(case: Case, owner_table: str, what: str, owner_id: int, ids: Sequence[int]) -> None:
    """Replace the ids linked to a row; audited as one change of the list."""
    link = _LINKS[(owner_table, what)]
    old = linked_ids(case, owner_table, what, owner_id)
    new = list(dict.fromkeys(ids))
    if set(old) == set(new):
        return
    conn = case.db.conn
    conn.execute(f"DELETE FROM {link.table} WHERE {link.owner} = ?", [owner_id])
    conn.executemany(f"INSERT INTO {link.table} ({link.owner}, {link.other}) VALUES (?, ?)",
                     [(owner_id, other) for other in new])
    case.audit("update", owner_table, owner_id, what, old, linked_ids(case, owner_table, what, owner_id))


def owners_linking(case: Case, owner_table: str, what: str, other_id: int) -> list[int]:
    """The rows that link to ``other_id`` (e.g. the recommendations citing a finding)."""
    link = _LINKS[(owner_table, what)]
    sql = f"SELECT {link.owner} FROM {link.table} WHERE {link.other} = ? ORDER BY {link.owner}"
    return [row[0] for row in case.db.conn.execute(sql, [other_id])]


# -- people and themes -------------------------------------------------------


def _person(row: dict[str, Any]) -> Person:
    return Person(row["id"], row["name"], row["pseudonym"], row["role"], json.loads(row["aliases"]),
                  row["dob"], bool(row["is_subject"]))


def person_values(person: Person) -> dict[str, Any]:
    """The stored columns of a person."""
    return {"name": person.name, "pseudonym": person.pseudonym, "role": person.role,
            "aliases": json.dumps(person.aliases, ensure_ascii=False), "dob": person.dob,
            "is_subject": int(person.is_subject)}


def list_people(case: Case) -> list[Person]:
    """Everyone named in the case, the subject first, then in the order added."""
    return [_person(row) for row in case.db.query("SELECT * FROM people ORDER BY is_subject DESC, id")]


def get_person(case: Case, person_id: int) -> Person:
    """One person by id."""
    return _person(get_row(case, "people", person_id))


def _theme(row: dict[str, Any]) -> Theme:
    return Theme(row["id"], row["name"], row["position"], bool(row["builtin"]))


def list_themes(case: Case) -> list[Theme]:
    """The review's themes in taxonomy order."""
    return [_theme(row) for row in case.db.query("SELECT * FROM themes ORDER BY position, id")]


def find_theme(case: Case, name: str) -> Theme | None:
    """The theme with this name (any case), if any."""
    rows = list(case.db.query("SELECT * FROM themes WHERE name = ? COLLATE NOCASE", [name.strip()]))
    return _theme(rows[0]) if rows else None


def next_theme_position(case: Case) -> int:
    """The position of a theme added now: after the others."""
    return int(case.db.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM themes").fetchone()[0])


def _names(case: Case, table: str, ids: Sequence[int]) -> list[str]:
    names = {row[0]: row[1] for row in case.db.conn.execute(f"SELECT id, name FROM [{_table(table)}]")}
    return [names[i] for i in ids]


def entry_theme_names(case: Case, entry_id: int) -> list[str]:
    """The themes given to an entry."""
    return _names(case, "themes", linked_ids(case, "entries", "themes", entry_id))


# -- episodes, findings, recommendations, actions ----------------------------


def episode_values(episode: Episode) -> dict[str, Any]:
    """The stored columns of an episode."""
    return {"number": episode.number, "title": episode.title, "period_from": episode.period_from,
            "period_to": episode.period_to, "summary": episode.summary, "analysis": episode.analysis,
            "good_practice": episode.good_practice, "questions": episode.questions}


def get_episode(case: Case, episode_id: int) -> Episode:
    """One episode with its entries in chronological order."""
    row = get_row(case, "episodes", episode_id)
    return Episode(id=row["id"], entries=linked_ids(case, "episodes", "entries", episode_id),
                   **{k: row[k] for k in episode_values(Episode("")) if k in row})


def list_episodes(case: Case) -> list[Episode]:
    """Every episode in number order."""
    return [get_episode(case, row_id) for row_id in numbered_ids(case, "episodes")]


def get_finding(case: Case, finding_id: int) -> Finding:
    """One finding with its themes, evidence and agencies."""
    row = get_row(case, "findings", finding_id)
    return Finding(
        id=row["id"], number=row["number"], title=row["title"], narrative=row["narrative"],
        themes=_names(case, "themes", linked_ids(case, "findings", "themes", finding_id)),
        episodes=linked_ids(case, "findings", "episodes", finding_id),
        entries=linked_ids(case, "findings", "entries", finding_id),
        agencies=_names(case, "agencies", linked_ids(case, "findings", "agencies", finding_id)),
    )


def list_findings(case: Case) -> list[Finding]:
    """Every finding in number order."""
    return [get_finding(case, row_id) for row_id in numbered_ids(case, "findings")]


def get_recommendation(case: Case, recommendation_id: int) -> Recommendation:
    """One recommendation with the findings it answers."""
    row = get_row(case, "recommendations", recommendation_id)
    return Recommendation(id=row["id"], number=row["number"], text=row["text"], owner=row["owner"],
                          findings=linked_ids(case, "recommendations", "findings", recommendation_id))


def list_recommendations(case: Case) -> list[Recommendation]:
    """Every recommendation in number order."""
    return [get_recommendation(case, row_id) for row_id in numbered_ids(case, "recommendations")]


def _action(row: dict[str, Any]) -> Action:
    return Action(recommendation_id=row["recommendation_id"], text=row["text"], id=row["id"],
                  owner=row["owner"], due=row["due"], status=row["status"], evidence=row["evidence"],
                  updated_at=row["updated_at"])


def get_action(case: Case, action_id: int) -> Action:
    """One action by id."""
    return _action(get_row(case, "actions", action_id))


def list_actions(case: Case, recommendation_id: int | None = None) -> list[Action]:
    """Actions by recommendation number, then due date (undated last), then id."""
    where, args = ("WHERE a.recommendation_id = ?", [recommendation_id]) if recommendation_id else ("", [])
    sql = (f"SELECT a.* FROM actions a JOIN recommendations r ON r.id = a.recommendation_id {where} "
           "ORDER BY r.number, a.due IS NULL, a.due, a.id")
    return [_action(row) for row in case.db.query(sql, args)]


def entries_within(case: Case, period_from: str | None, period_to: str | None,
                   agency_ids: Sequence[int] = ()) -> list[int]:
    """Visible entries whose whole interval lies inside the period, in chronological order.

    An entry dated only "2014" is not pulled into a two-week episode: the reviewer
    adds such entries one by one when they belong.
    """
    clauses = ["e.start IS NOT NULL", "e.withdrawn = 0"]
    clauses += [f"NOT EXISTS (SELECT 1 FROM json_each(e.flags) WHERE value = '{flag}')"
                for flag in HIDDEN_FLAGS]
    args: list[Any] = []
    if period_from:
        clauses.append("e.start >= ?")
        args.append(period_from)
    if period_to:
        clauses.append("COALESCE(e.[end], e.start) <= ?")
        args.append(period_to + "T99")
    if agency_ids:
        clauses.append(f"e.agency_id IN ({', '.join('?' for _ in agency_ids)})")
        args.extend(agency_ids)
    sql = f"SELECT e.id FROM entries e WHERE {' AND '.join(clauses)} ORDER BY {ORDER_BY}"
    return [row[0] for row in case.db.conn.execute(sql, args)]
