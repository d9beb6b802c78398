"""The reviewer's words for the report's sections: case settings ``report.<section key>``.

Each section's text is one row of the settings table, so a case written by an
older scrchron keeps its texts (``scrchron report-text`` wrote them there
first). Every change is audited by :meth:`Case.set_setting`; several changes
(a read-back) land in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from scrchron.store.case import Case

PREFIX = "report."


def section_texts(case: Case) -> dict[str, str]:
    """Section key -> its text, for every section with words."""
    rows = case.db.conn.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'report.%' AND length(trim(value)) > 0 ORDER BY key")
    return {str(key)[len(PREFIX):]: str(value) for key, value in rows}


def store_section_texts(case: Case, texts: Mapping[str, str]) -> list[str]:
    """Store several sections' texts in one transaction; the keys whose text changed, in order."""
    changed: list[str] = []
    with case.write():
        for key, text in texts.items():
            if case.setting(PREFIX + key) != text:
                case.set_setting(PREFIX + key, text)
                changed.append(key)
    return changed


def search_section_texts(case: Case, words: str) -> list[tuple[str, str]]:
    """(key, text) of the sections whose text holds every word of ``words`` (any case)."""
    terms = [w for w in words.split() if w][:20]
    if not terms:
        return []
    condition = " AND ".join("instr(lower(value), ?) > 0" for _ in terms)
    rows = case.db.conn.execute(
        f"SELECT key, value FROM settings WHERE key LIKE 'report.%' AND {condition} ORDER BY key",
        [t.lower() for t in terms])
    return [(str(key)[len(PREFIX):], str(value)) for key, value in rows]


def keys_with_prefix(case: Case, prefix: str) -> list[str]:
    """The setting keys that start with ``prefix``, the prefix taken off (e.g. the sections with comments)."""
    rows = case.db.conn.execute("SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                                [len(prefix), prefix])
    return [str(key)[len(prefix):] for (key,) in rows]
