"""Deleting an analysis record with everything that goes with it, and putting it back.

What goes with a record (the reviewer is told before, in ``preview_deletion``):

- an episode: its links to entries (the entries stay in the chronology) and its
  place among the evidence of findings (the findings stay);
- a finding: its themes, entries, episodes and agencies, and its place among the
  findings recommendations answer. The recommendations stay: a recommendation may
  answer several findings and its wording is the reviewer's; one left answering
  no finding is named, so the reviewer can give it another or delete it too;
- a recommendation: its links to findings (the findings stay) and **its actions**:
  an action answers one recommendation and means nothing without it, so they go
  with it, counted in the confirmation. (The command line's ``recommendation
  remove`` still refuses while actions remain: it has no undo.)
- an action or a person: nothing else.

``delete_record`` returns the snapshot ``restore_record`` needs to put the record
back with its id, its number (the others move up again) and every link. Each is
one transaction with its audit rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrchron.store import analysis as store
from scrchron.store.case import Case
from scrchron.store.snapshots import RecordSnapshot, delete_snapshot, restore_snapshot, take_snapshot

#: The order a confirmation names the links in.
_LINK_ORDER = ("entries", "episodes", "themes", "agencies", "findings", "recommendations")


@dataclass(frozen=True)
class DeletionPreview:
    """What deleting a record takes with it, in the reviewer's words."""

    headline: str  # "Finding 3 and its links to 5 entries and 2 recommendations"
    notes: list[str] = field(default_factory=list)  # what stays, what changes elsewhere


def delete_record(case: Case, table: str, record_id: int) -> RecordSnapshot:
    """Delete a record and every row referring to it; close the gap in the numbers."""
    with case.write():
        snapshot = take_snapshot(case, table, record_id)
        delete_snapshot(case, snapshot)
        if "number" in snapshot.record:
            store.renumber(case, table, store.numbered_ids(case, table))
    return snapshot


def restore_record(case: Case, snapshot: RecordSnapshot) -> None:
    """Put a deleted record back exactly: same id, same number (the others move down), every link."""
    with case.write():
        restore_snapshot(case, snapshot)
        if "number" in snapshot.record:
            others = [i for i in store.numbered_ids(case, snapshot.table) if i != snapshot.id]
            others.insert(int(snapshot.record["number"]) - 1, snapshot.id)
            store.renumber(case, snapshot.table, others)


# -- the confirmation's words --------------------------------------------------------


def counted(count: int, table: str) -> str:
    """'1 entry', '5 entries', '2 recommendations'."""
    return f"{count} {store.NOUNS.get(table, table) if count == 1 else table}"


def joined(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def record_label(case: Case, table: str, row: dict[str, object]) -> str:
    """'Finding 3 (“Referrals judged one at a time”)', 'Recommendation 2', 'Sharon Example (Mother)'."""
    if table in ("episodes", "findings"):
        return f"{store.NOUNS[table].capitalize()} {row['number']} (“{_short(str(row['title']))}”)"
    if table == "recommendations":
        return f"Recommendation {row['number']}"
    if table == "actions":
        number = store.get_row(case, "recommendations", int(str(row["recommendation_id"])))["number"]
        return f"The action “{_short(str(row['text']))}” of recommendation {number}"
    return f"{row.get('name', '')} ({row.get('pseudonym', '')})"


def _links(snapshot: RecordSnapshot) -> dict[str, int]:
    """How many rows of each other table the record was linked to (not the records it owns)."""
    found: dict[str, int] = {}
    for group in snapshot.referring:
        if group.referrer.target == snapshot.table and not group.referrer.owns_records:
            found[group.referrer.other] = found.get(group.referrer.other, 0) + len(group.rows)
    return dict(sorted(found.items(), key=lambda item: _rank(item[0])))


def _rank(table: str) -> int:
    return _LINK_ORDER.index(table) if table in _LINK_ORDER else len(_LINK_ORDER)


def _headline(case: Case, snapshot: RecordSnapshot) -> str:
    parts = []
    actions = snapshot.rows_of("actions")
    if actions:
        parts.append(f"its {counted(len(actions), 'actions')}")
    links = [counted(count, table) for table, count in _links(snapshot).items()]
    if links:
        parts.append(f"its links to {joined(links)}")
    return joined([record_label(case, snapshot.table, snapshot.record), *parts])


def preview_deletion(case: Case, table: str, record_id: int) -> DeletionPreview:
    """What deleting this record would take with it, and what it leaves changed elsewhere."""
    snapshot = take_snapshot(case, table, record_id)
    notes = {"episodes": _episode_notes, "findings": _finding_notes,
             "recommendations": _recommendation_notes, "people": _person_notes}.get(table)
    return DeletionPreview(_headline(case, snapshot), notes(case, snapshot) if notes else [])


def _numbers(case: Case, table: str, ids: list[int]) -> str:
    numbers = sorted(int(store.get_row(case, table, i)["number"]) for i in ids)
    noun = store.NOUNS[table] if len(numbers) == 1 else table
    return f"{noun.capitalize()} {joined([str(n) for n in numbers])}"


def _episode_notes(case: Case, snapshot: RecordSnapshot) -> list[str]:
    notes = []
    entries = snapshot.rows_of("episode_entries")
    if entries:
        notes.append(f"The {counted(len(entries), 'entries')} stay in the chronology.")
    findings = [int(row["finding_id"]) for row in snapshot.rows_of("finding_episodes")]
    if findings:
        verb = "stays" if len(findings) == 1 else "stay"
        notes.append(f"{_numbers(case, 'findings', findings)} {verb} but no longer cite it as evidence.")
    return notes


def _finding_notes(case: Case, snapshot: RecordSnapshot) -> list[str]:
    citing = [int(row["recommendation_id"]) for row in snapshot.rows_of("recommendation_findings")]
    if not citing:
        return []
    stay, answer = ("stays", "answers") if len(citing) == 1 else ("stay", "answer")
    notes = [f"{_numbers(case, 'recommendations', citing)} {stay} but no longer {answer} it."]
    alone = [i for i in citing if store.linked_ids(case, "recommendations", "findings", i) == [snapshot.id]]
    if alone:
        notes.append(f"{_numbers(case, 'recommendations', alone)} will then answer no finding: "
                     "link another finding or delete it too.")
    return notes


def _recommendation_notes(case: Case, snapshot: RecordSnapshot) -> list[str]:
    notes = []
    actions = snapshot.rows_of("actions")
    if actions:
        notes.append(f"Its {counted(len(actions), 'actions')} leave the action plan with it.")
    if snapshot.rows_of("recommendation_findings"):
        notes.append("The findings it answers stay.")
    return notes


def _person_notes(_case: Case, snapshot: RecordSnapshot) -> list[str]:
    row = snapshot.record
    notes = [f"Anonymised exports will no longer replace “{row['name']}” with “{row['pseudonym']}”."]
    if row.get("is_subject"):
        notes.append("They are the review's subject: the review keeps the subject's name and pseudonym.")
    return notes
