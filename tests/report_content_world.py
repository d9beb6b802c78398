"""A small invented case holding everything the overview report must carry (every name is invented).

Three agencies; an agency comment (the agency's own analysis); columns the importer
did not map ("other details"); themes the reviewer gave entries; a month-first date
("03/09/2015" read as 9 Mar 2015, as the agency's case system wrote it); a span
written with its end apart; the child seen and heard; a same-event group recorded by
Police and Children's Social Care, each with its own practitioner and source; two
episodes; a finding citing one row and one citing two; recommendations; people with
relationships and dates of birth; references.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from scrchron.analysis import operations
from scrchron.chronology import merge
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries
from scrchron.store import analysis as store

THEMES = ("Information sharing", "Invisible fathers and male carers", "Domestic abuse and coercive control")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: (agency, written, start, end, precision, event, extra fields)
ROWS: list[tuple[str, str, str, str, str, str, dict[str, object]]] = [
    ("Police", "14/02/2014", "2014-02-14", "2014-02-14", "day",
     "Domestic incident at the flat; Child R seen asleep.", {"child_seen": True, "source": "STORM 1402/0077",
                                                              "practitioner_role": "PC, response"}),
    ("Housing", "03/09/2015", "2015-03-09", "2015-03-09", "day",
     "Tenancy visit: a man's boots in the hall.", {"flags": ["order-mdy"], "agency_comment": "Missed chance to ask",
                                                    "extra": {"Risk": "MARAC referral considered",
                                                              "Seen with": "Sasha Vale"}}),
    ("Police", "7 October 2014", "2014-10-07", "2014-10-07", "day",
     "Strategy discussion about Child R.", {"practitioner_role": "DS, Public Protection Unit",
                                            "source": "PPU minutes"}),
    ("Children's Social Care", "07/10/2014", "2014-10-07", "2014-10-07", "day",
     "Strategy discussion held; section 47 agreed.", {"practitioner_role": "Team manager",
                                                      "source": "Case notes"}),
    ("Children's Social Care", "01/03/2015", "2015-03-01", "2015-03-05", "day",
     "Child R's wishes recorded at a home visit.", {"child_views": True, "end_date_text": "05/03/2015"}),
    ("Housing", "27/07/2015", "2015-07-27", "2015-07-27", "day", "Rent arrears letter.", {}),
]


def build_case(path: Path, review_type: str = "cspr") -> Path:
    """Write the case at ``path``; return it."""
    review = Review(title="Child R review", review_type=review_type, subject_name="Robin Vale",
                    subject_pseudonym="Child R", subject_dob="2011-05-02", scope_from="2014-02-14",
                    scope_to="2015-07-27", incident_date="2015-08-01", commissioned_date="2015-09-01")
    with Case.create(path, review) as case:
        ids = {name: case.add_agency(name, "").id for name in ("Police", "Housing", "Children's Social Care")}
        entries = [Entry(agency_id=ids[agency], date_text=written, start=start, end=end, precision=precision,
                         event=event, row=n, seq=float(n), **extra)  # type: ignore[arg-type]
                   for n, (agency, written, start, end, precision, event, extra) in enumerate(ROWS, start=1)]
        with case.write():
            entry_ids = insert_entries(case, entries)
        merge.link_entries(case, [entry_ids[2], entry_ids[3]])
        _analysis(case, entry_ids)
    return path


def _analysis(case: Case, ids: list[int]) -> None:
    operations.add_person(case, "Robin Vale", "Child R", subject=True, dob="2011-05-02")
    operations.add_person(case, "Sasha Vale", "Mother", role="mother", dob="1990-01-20")
    operations.add_person(case, "Kit Ormond", "Mother's partner", role="mother's partner")
    operations.add_person(case, "Ash Vale", "Sibling", role="half-brother", dob="2015-10-01")
    for theme in THEMES:
        if store.find_theme(case, theme) is None:  # each review type has its own default themes
            operations.add_theme(case, theme)
    operations.annotate_entry(case, ids[1], themes=[THEMES[0], THEMES[1]])
    operations.annotate_entry(case, ids[0], themes=[THEMES[2]])
    first = operations.add_episode(case, "The first incident", period_from="2014-02-14", period_to="2014-03-31",
                                 entries=[ids[0]])
    operations.add_episode(case, "The tenancy visit", period_from="2015-03-01", period_to="2015-03-31",
                         entries=[ids[1], ids[4]])
    one = operations.add_finding(case, "What housing saw was not shared", themes=[THEMES[0]],
                               entries=[ids[1]], narrative="Housing kept it to itself.")
    two = operations.add_finding(case, "The incident was seen alone", themes=[THEMES[2]],
                               entries=[ids[0], ids[2]], episodes=[first.id])
    operations.add_recommendation(case, "Housing shares what tenancy officers see.", findings=[one.id],
                                owner="Housing")
    operations.add_recommendation(case, "Police share every domestic incident.", findings=[two.id],
                                owner="Police")


def body(path: Path) -> list[str]:
    """Every paragraph and table row of the body, in order ('a | b | c' for a row)."""
    document = Document(str(path))
    found: list[str] = []
    for element in _blocks(document.element.body):
        if element.tag == f"{W}p":
            text = Paragraph(element, document).text
            if text.strip():
                found.append(text)
        elif element.tag == f"{W}tbl":
            for row in Table(element, document).rows:
                found.append(" | ".join(cell.text for cell in row.cells))
    return found


def _blocks(parent: Any) -> list[Any]:
    """The body's paragraphs and tables in order, those inside content controls (a section's
    words, in a control of its own) included."""
    found: list[Any] = []
    for element in parent.iterchildren():
        if element.tag == f"{W}sdt":
            content = element.find(f"{W}sdtContent")
            found.extend(_blocks(content) if content is not None else [])
        elif element.tag in (f"{W}p", f"{W}tbl"):
            found.append(element)
    return found


def body_text(path: Path) -> str:
    """The body as one text, a line per paragraph or table row."""
    return "\n".join(body(path))


def section(path: Path, heading: str, level: str = "Heading 1") -> list[str]:
    """The paragraphs and rows under the heading that starts with ``heading``, up to the next of its level."""
    document = Document(str(path))
    found: list[str] = []
    inside = False
    for element in _blocks(document.element.body):
        if element.tag == f"{W}p":
            paragraph = Paragraph(element, document)
            if paragraph.style is not None and paragraph.style.name == level:
                name = paragraph.text.split(". ", 1)[-1]
                if inside:
                    break
                inside = name.startswith(heading)
                continue
            if inside and paragraph.text.strip():
                found.append(paragraph.text)
        elif element.tag == f"{W}tbl" and inside:
            found.extend(" | ".join(c.text for c in row.cells) for row in Table(element, document).rows)
    return found


def chronology_rows(path: Path) -> list[list[str]]:
    """The merged chronology appendix's rows (the last table), header first."""
    table = Document(str(path)).tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")
