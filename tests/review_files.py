"""Five made-up agency submissions for one review, each in the layout that agency sends.

Used by the acceptance walk through the window. Every name is invented. The police
and children's social care both record the strategy discussion of 7 October 2014
(so a same-event proposal is expected), and the layouts differ the way real ones
do: a police workbook with a guidance sheet and a title block, a social care Word
table under a title block, a health visiting CSV export, a school workbook with
term dates, and a GP practice's Word table with a two-paragraph cell.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

#: agency name (as the file's name suggests it) -> number of entries its file holds.
EXPECTED = {"Police": 4, "Children's Social Care": 4, "Health Visiting": 4, "School": 3, "GP": 3}


def police_xlsx(folder: Path) -> Path:
    book = openpyxl.Workbook()
    guidance = book.active
    guidance.title = "Guidance"
    guidance.append(["How to complete this chronology: one row per contact; dates as dd/mm/yyyy."])
    sheet = book.create_sheet("Chronology")
    sheet.append(["Agency: Police"])
    sheet.append(["Completed by: DS, Public Protection Unit"])
    sheet.append([])
    sheet.append(["Date", "Time", "Source", "Event", "Action taken"])
    sheet.append(["02/09/2014", "23:40", "Incident log", "Domestic incident at the address; PPN submitted.",
                  "PPN shared with MASH."])
    sheet.append(["07/10/2014", "10:00", "Minutes", "Strategy discussion with children's social care about "
                  "Child T.", "Section 47 enquiry agreed."])
    sheet.append(["March 2015", "", "Intelligence", "Partner seen at the address by neighbours.", ""])
    sheet.append(["13/06/2015", "02:15", "Incident log", "Third domestic incident; mother declined to make "
                  "a statement.", "DASH medium risk."])
    path = folder / "police.xlsx"
    book.save(path)
    return path


def social_care_docx(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Children's Social Care chronology")
    document.add_paragraph("Period: March 2014 to September 2015")
    rows = [
        ["Date", "Event", "Outcome"],
        ["03/09/2014", "Police PPN received by MASH.", "Threshold for assessment met."],
        ["7 October 2014", "Strategy discussion held with police.", "Section 47 enquiry started."],
        ["?late March 2015", "Child in need meeting; health visitor not invited.", "Plan reviewed."],
        ["15 June 2015", "Case stepped down to early help.", "Case closed."],
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = folder / "childrens-social-care-chronology.docx"
    document.save(str(path))
    return path


def health_visiting_csv(folder: Path) -> Path:
    path = folder / "health-visiting-export.csv"
    path.write_text(
        "Date of contact,Contact type,What happened,Outcome / Action\n"
        "12/03/2014,Home visit,New birth visit; mother and baby seen.,Universal plus offer.\n"
        "w/c 6 October 2014,Telephone,Health visitor told of the strategy discussion.,Notes updated.\n"
        "Summer 2015,Home visit,Mother moved between addresses.,Records transferred late.\n"
        "20/07/2015,Home visit,Bruise noted on the baby's cheek.,Referred to children's social care.\n",
        encoding="utf-8")
    return path


def school_xlsx(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pupil record"
    sheet.append(["Date", "Details", "Action taken", "Staff member (role)"])
    sheet.append(["Autumn term 2014", "Attendance 82%; several late arrivals.", "Letter home", "Office"])
    sheet.append(["14/01/2015", "Sibling seemed tired and hungry.", "Breakfast club offered.", "Class teacher"])
    sheet.append(["10/03/2015", "DSL spoke to mother about attendance.", "Attendance plan agreed.", "DSL"])
    path = folder / "school.xlsx"
    book.save(path)
    return path


def gp_docx(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("GP practice: summary of involvement")
    table = document.add_table(rows=4, cols=3)
    values = [["Date", "Contact", "Details"],
              ["26/02/2015", "Surgery", "Mother reports low mood."],
              ["02/04/2015", "Telephone", "Mother did not attend review."],
              ["01/07/2015", "Letter", "Paediatric appointment not attended."]]
    for row, cells in zip(table.rows, values, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    table.rows[1].cells[2].add_paragraph("Referred for talking therapies.")
    path = folder / "gp.docx"
    document.save(str(path))
    return path


def all_files(folder: Path) -> list[Path]:
    """The five submissions, written into ``folder``."""
    return [police_xlsx(folder), social_care_docx(folder), health_visiting_csv(folder),
            school_xlsx(folder), gp_docx(folder)]
