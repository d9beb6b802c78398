"""SQL and settings the report reads beyond entries and analysis: every entry's themes, the references list.

The references the reviewer keeps (documents and guidance the report cites) are
one case setting, ``references``, holding a JSON list of ``{"text", "url"}``:
they are few, ordered by the reviewer, and saved whole in one audited write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from scrchron.store.case import Case

REFERENCES_SETTING = "references"


@dataclass
class Reference:
    """One document or piece of guidance the report cites, as the reviewer writes it."""

    text: str
    url: str = ""


def entry_themes(case: Case) -> dict[int, list[str]]:
    """Entry id -> the names of the themes given to it (in the themes' order), for entries that have any."""
    rows = case.db.conn.execute(
        "SELECT x.entry_id, t.name FROM entry_themes x JOIN themes t ON t.id = x.theme_id "
        "ORDER BY x.entry_id, t.position, t.id").fetchall()
    found: dict[int, list[str]] = {}
    for entry_id, name in rows:
        found.setdefault(int(entry_id), []).append(str(name))
    return found


def references(case: Case) -> list[Reference]:
    """The references, in the reviewer's order (a damaged setting reads as none)."""
    try:
        value = json.loads(case.setting(REFERENCES_SETTING, "[]") or "[]")
    except ValueError:
        return []
    if not isinstance(value, list):
        return []
    return [Reference(str(item.get("text", "")), str(item.get("url", "")))
            for item in value if isinstance(item, dict) and str(item.get("text", "")).strip()]


def save_references(case: Case, items: list[Reference]) -> None:
    """Replace the references with ``items`` (one audited write)."""
    value = json.dumps([{"text": r.text, "url": r.url} for r in items], ensure_ascii=False)
    case.set_setting(REFERENCES_SETTING, value)
