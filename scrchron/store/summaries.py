"""Every SQL statement about the agencies' summaries of their involvement (the summary form's answers)."""

from __future__ import annotations

import json

from scrchron.store.case import Case, now


def save_summary(case: Case, agency_id: int, answers: dict[str, str], file_name: str) -> None:
    """Store an agency's answers (a later form replaces an earlier one), in one audited transaction."""
    old = summaries(case).get(agency_id)
    value = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    with case.write() as db:
        db.conn.execute(
            "INSERT INTO agency_summaries (agency_id, answers, file_name, received_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(agency_id) DO UPDATE SET answers = excluded.answers, file_name = excluded.file_name, "
            "received_at = excluded.received_at", [agency_id, value, file_name, now()])
        case.audit("update" if old is not None else "insert", "agency_summaries", agency_id, "answers",
                   json.dumps(old, ensure_ascii=False, sort_keys=True) if old is not None else None, value)


def summary_source(case: Case, agency_id: int) -> tuple[str, str] | None:
    """The file an agency's stored answers were read from and when (ISO), or None without answers."""
    row = case.db.conn.execute("SELECT file_name, received_at FROM agency_summaries WHERE agency_id = ?",
                               [agency_id]).fetchone()
    return (str(row[0] or ""), str(row[1] or "")) if row else None


def summaries(case: Case) -> dict[int, dict[str, str]]:
    """Each agency's answers by question key."""
    rows = case.db.conn.execute("SELECT agency_id, answers FROM agency_summaries ORDER BY agency_id").fetchall()
    found: dict[int, dict[str, str]] = {}
    for agency_id, answers in rows:
        value = json.loads(answers)
        found[int(agency_id)] = {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
    return found
