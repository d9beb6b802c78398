"""Write tests/data/v1.scrchron: a case file as scrchron's first schema (version 1) left it.

Kept so the fixture can be understood and rebuilt; the committed file is what the
migration tests open. Run: python tests/data/make_v1_fixture.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from scrchron.store import schema

HERE = Path(__file__).parent


def main() -> None:
    path = HERE / "v1.scrchron"
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path)), execute_plugins=False)
    db.conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrate(db, target=1)
    with db.atomic():
        db.table("review").insert({"id": 1, "title": "Child Q (v1 fixture)", "review_type": "scr",
                                   "subject_name": "Quinn Example", "scope_from": "2012-01-01",
                                   "scope_to": "2013-12-31", "created_at": "2016-05-01T10:00:00+00:00"})
        db.table("agencies").insert({"id": 1, "name": "Police", "short_name": "POL", "colour": "#0072B2"})
        db.table("agencies").insert({"id": 2, "name": "Health Visiting", "colour": "#E69F00"})
        rows = [
            (1, "12/03/2013", "2013-03-12", "2013-03-12", "day", "Domestic incident; PPN sent"),
            (2, "Spring 2012", "2012-03-01", "2012-05-31", "season", "New birth visit completed"),
            (1, "?June 2013", "2013-06-01", "2013-06-30", "month", "Neighbour reported shouting"),
        ]
        for number, (agency, text, start, end, precision, event) in enumerate(rows, start=1):
            db.table("entries").insert({"agency_id": agency, "row": number, "seq": number,
                                        "date_text": text, "start": start, "end": end,
                                        "precision": precision, "event": event})
        db.table("audit").insert({"at": "2016-05-01T10:00:00+00:00", "action": "create",
                                  "table_name": "review", "row_id": 1, "new": "Child Q (v1 fixture)"})
    db.close()


if __name__ == "__main__":
    main()
