"""Write the demo review's agency submissions into resources/demo/.

    .venv/bin/python tools/make_demo_files.py [--out DIR]

The demo is one invented case told by six agencies, each in the layout agencies
really send: a Chronolator-style Word table split over two tables (children's
social care), a police workbook with a guidance sheet, a title block and year
banner rows, a health visiting CSV in Windows-1252, a GP Word table in the
Tayside layout, a school sheet dated by term, and a housing export with
month-first dates. Several events are recorded by more than one agency (the
strategy discussion of 7 October 2014, the initial child protection conference,
the MARAC) so the merge has same-event groups to find, and no agency had contact
with the family from April to mid-June 2015 (a gap of more than 60 days).

EVERY PERSON, PLACE, REFERENCE AND EVENT HERE IS INVENTED. The child is "Child T"
(real name in the demo: Tommy Marsh), his mother Tanya Marsh, her partner Lee
Dawson, his older brother Jay Marsh.

The output is committed; run this again after changing the story. Files are
written byte for byte the same on every run (fixed document dates and zip
timestamps), so ``git diff`` shows only real changes and a test can check that
the committed files match this script.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.table import Table
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "demo"
FIXED_TIME = datetime(2015, 11, 2, 9, 0, 0)
_ZIP_TIME = (2015, 11, 2, 9, 0, 0)

CellValue = str | date | datetime | time | None

# -- the story, agency by agency, dates as each agency writes them -------------------

#: Children's social care: Chronolator columns (Seq, Start Date, Start Time, End Date,
#: End Time, Source of Information, Event, Outcome); rows after "(continued)" go in a
#: second table.
CSC_HEADER = ["Seq", "Start Date", "Start Time", "End Date", "End Time", "Source of Information",
              "Event", "Outcome"]
CSC_ROWS: list[list[str]] = [
    ["1", "17/03/2014", "", "", "", "MASH record",
     "Police PPN received in MASH (domestic incident on 14/03/2014). Information gathered from "
     "police, health visiting and the GP.",
     "No further action. Letter to Tanya Marsh with details of local domestic abuse services."],
    ["2", "06/10/2014", "14:20", "", "", "Contact record",
     "Referral from Anytown Primary School received: Jay told his teacher that Lee Dawson is back "
     "living at home and \"shouts at mum\".",
     "Strategy discussion arranged for the next morning."],
    ["3", "07/10/2014", "09:30", "", "", "Strategy discussion minutes",
     "Strategy discussion held with police (Public Protection Unit) and health visiting (named "
     "nurse): threshold for a section 47 enquiry met.",
     "Section 47 enquiry to start; social worker to visit within two days."],
    ["4", "09/10/2014", "16:00", "", "", "Case notes",
     "Home visit by the social worker. Tommy seen, asleep in his cot; Jay seen later at school. "
     "Tanya said Lee \"only visits\" and does not stay over.",
     "Continue the enquiry; ask housing who lives at the flat (not done)."],
    ["5", "30/10/2014", "10:00", "", "", "ICPC minutes",
     "Initial child protection conference for Tommy and Jay. Police, health visiting, school and "
     "CSC attended; the GP sent a report. Lee Dawson was not invited.",
     "Threshold for a child protection plan not met: child in need plan agreed."],
    ["6", "?early November 2014", "", "", "", "Case notes",
     "First child in need meeting with Tanya, the health visitor and the school.",
     "CIN plan: monthly health visits, school to monitor Jay; review in three months."],
    ["7", "29/12/2014", "", "", "", "MASH record",
     "Police PPN received: domestic incident on 27/12/2014 and Lee Dawson arrested. Allocated "
     "social worker informed.",
     "Home visit the same day: Tanya said the relationship is over."],
    ["8", "22/01/2015", "14:00", "", "", "MARAC minutes",
     "MARAC meeting: the social worker attended for the high-risk case of Tanya Marsh.",
     "CIN plan to continue; IDVA to support Tanya."],
    ["9", "11/02/2015", "", "", "", "CIN review minutes",
     "Child in need review: Tanya said things were better and Lee had moved away; nobody checked. "
     "Lee Dawson was not invited.",
     "Case closed to CSC: step-down to early help."],
    ["10", "late August 2015", "", "", "", "Early help record",
     "The early help worker's visits planned from April had not taken place; the family was "
     "described as \"not engaging\".",
     "Early help case closed."],
    ["11", "13/09/2015", "09:00", "", "", "Strategy discussion minutes",
     "Strategy discussion after Tommy was admitted to hospital with head injuries.",
     "Section 47 enquiry; Jay to stay with his maternal grandmother."],
]
CSC_FIRST_TABLE_ROWS = 6

#: Police: a workbook; None in the date column is a banner row ("2014").
POLICE_HEADER = ["Date", "Time", "Officer Role", "Details of Incident / Contact", "Action Taken / Outcome",
                 "Source Document / Ref"]
POLICE_ROWS: list[list[CellValue]] = [
    ["2014"],
    [date(2014, 3, 14), time(22, 40), "PC, response",
     "Domestic incident reported by a neighbour. Tanya MARSH had a cut lip; Lee DAWSON had left "
     "before officers arrived. Tommy (18 months) present, seen asleep in his cot.",
     "DASH completed: standard risk. PPN submitted to MASH.", "STORM 1403/0912"],
    ["mid-June 2014", None, "PC, response",
     "Neighbour reported shouting at the address; officers attended. Tanya said it was \"a row about "
     "money\". No offences disclosed. Children not seen.",
     "No PPN completed.", "STORM 1406/2231"],
    [date(2014, 10, 7), time(9, 30), "DS, Public Protection Unit",
     "Strategy discussion with children's social care and health visiting after a school referral: Jay "
     "said Lee DAWSON is back living at home.",
     "Section 47 enquiry agreed, CSC to lead. Police checks shared: one domestic incident (14/03/2014).",
     "PPU strategy minutes"],
    [date(2014, 10, 30), time(10, 0), "DS, Public Protection Unit",
     "Initial child protection conference for Tommy and Jay: police report presented (two call-outs "
     "in 2014).",
     "Conference decision: child in need plan, not a child protection plan.", "ICPC minutes"],
    [date(2014, 12, 27), time(23, 10), "PC, response",
     "Domestic incident: Lee DAWSON assaulted Tanya MARSH (she disclosed strangulation). Both children "
     "in the house; Jay called 999. DAWSON arrested.",
     "DASH high risk: referred to MARAC; PPN to MASH. DAWSON charged with assault, bailed not to "
     "contact Tanya MARSH.", "STORM 1412/3305; custody record"],
    ["2015"],
    [date(2015, 1, 22), time(14, 0), "DS, Public Protection Unit",
     "MARAC meeting: case heard as high risk after the incident of 27/12/2014. Police, CSC, health "
     "visiting, housing and the IDVA attended.",
     "Marker placed on the address; IDVA to support Tanya MARSH; housing to consider a move.",
     "MARAC minutes"],
    ["17.02.15", None, "DC, Public Protection Unit",
     "Tanya MARSH withdrew her statement; the assault charge was discontinued and bail ended.",
     "No further action. Not shared with CSC.", "Case file 15/0217"],
    ["between 12 June 2015 and 28 June 2015", None, "Call handler",
     "Three calls from neighbours about shouting and a child crying at the address; graded as noise "
     "nuisance.",
     "Logged; no attendance.", "Command and control"],
    [date(2015, 9, 12), time(23, 55), "DS, Public Protection Unit",
     "Tommy admitted to hospital with head injuries. Lee DAWSON arrested on suspicion of causing "
     "grievous bodily harm.",
     "Joint investigation with CSC; strategy discussion next morning.", "STORM 1509/1188"],
]

#: Health visiting: an export saved as CSV in Windows-1252 (note the curly apostrophes).
HEALTH_HEADER = ["Contact Date", "Contact Time", "Contact Type", "Practitioner", "Details", "Outcome / Plan",
                 "Record"]
HEALTH_ROWS: list[list[str]] = [
    ["w/c 24/3/14", "", "Home visit (attempted)", "Health visitor 1",
     "Attempted home visit after the PPN notification; no answer.", "Card left; appointment offered.",
     "HV record"],
    ["02/04/2014", "10:15", "Home visit", "Health visitor 1",
     "Tanya said Lee has moved out. Tommy seen, playing; weight on the 25th centile.",
     "Universal plus offered; review in 6 weeks.", "HV record"],
    ["Summer 2014", "", "Planned visits", "Health visitor 1",
     "Two further visits planned; neither took place (staff sickness – caseload not reallocated).",
     "None recorded.", "HV record"],
    ["07/10/2014", "09:30", "Strategy discussion", "Named nurse",
     "Named nurse took part in the strategy discussion with police and CSC by telephone.",
     "Health visitor to visit within 5 days.", "Safeguarding record"],
    ["13/10/2014", "11:00", "Home visit", "Health visitor 1",
     "Tommy seen; small bruise on his shin, Tanya said from nursery. A man’s jacket in the hall; "
     "Tanya said it was her brother’s.",
     "Discussed with the named nurse; shared with the social worker.", "HV record"],
    ["30/10/2014", "10:00", "Case conference", "Health visitor 1",
     "Attended the initial child protection conference; health visiting report shared.",
     "CIN plan: health visitor to visit monthly.", "Safeguarding record"],
    ["08/01/2015", "", "Telephone", "Health visitor 1",
     "Notified of the domestic incident on 27/12/2014. Telephone call with Tanya: she said she is "
     "‘fine’.", "Home visit offered; Tanya to ring back.", "HV record"],
    ["22/01/2015", "14:00", "MARAC", "Named nurse",
     "MARAC meeting: named nurse shared health information.", "Alert placed on both children’s records.",
     "Safeguarding record"],
    ["c. March 2015", "", "Developmental review", "Health visitor 1",
     "Tommy not brought to his 2–2½ year review.", "Rebooked.", "HV record"],
    ["30/07/2015", "", "Telephone", "Health visitor 1",
     "Telephone call with Tanya after the GP out-of-hours contact; bruise said to have faded.",
     "No further action.", "HV record"],
    ["12/09/2015", "23:20", "ED liaison", "Liaison health visitor",
     "ED notification: Tommy brought to the emergency department by ambulance with head injuries; "
     "Lee Dawson present. Admitted to the children’s ward.",
     "Safeguarding referral to CSC and police.", "ED liaison notification"],
]

#: GP practice: a Word table in the Tayside layout, after a small details table.
GP_HEADER = ["Date or Period of Event", "Significant Event", "Source", "Impact (positive or negative)",
             "Action taken"]
GP_ROWS: list[list[str]] = [
    ["April 2014", "Tanya attended with low mood and \"stress at home\"; prescribed sertraline.",
     "GP record", "Negative", "Review in 4 weeks."],
    ["?May 2014", "Tanya did not attend (DNA) her mood review.", "GP record", "Negative", "Letter sent."],
    ["28/10/2014", "GP1 sent a report to the initial child protection conference: Tanya's low mood; "
     "Tommy's immunisations up to date.", "GP record", "Positive", "Report sent; GP could not attend."],
    ["22 July 2015 at 7.30pm", "Out-of-hours call: Tommy has a bruise on his cheek; Tanya said he fell "
     "from the sofa.", "Out-of-hours record", "Negative",
     "Advice given; not seen face to face. Health visitor informed."],
]

#: School: a sheet about Jay (Child T's brother), some rows dated only by term.
SCHOOL_HEADER = ["Date", "Details of concern", "Action taken", "Staff role"]
SCHOOL_ROWS: list[list[CellValue]] = [
    ["Autumn term 2014", "Jay's attendance fell to 82%.", "Letter to Tanya; attendance officer informed.",
     "Attendance officer"],
    [date(2014, 10, 3), "Jay told his class teacher that Lee is back living at home and \"shouts at mum\".",
     "Referral to children's social care by the DSL.", "DSL"],
    [date(2014, 10, 30), "DSL attended the initial child protection conference for Jay and Tommy.",
     "CIN plan: school to monitor Jay's attendance and wellbeing.", "DSL"],
    [date(2015, 1, 5), "Jay told his class teacher that police came at Christmas and \"Lee hurt mum\".",
     "Logged; DSL aware that CSC are involved.", "Class teacher"],
    ["Spring term 2015", "Jay arrived at school hungry on several occasions; said there is no food when "
     "Lee is there.", "Breakfast club offered; not shared with CSC.", "Class teacher"],
    [date(2015, 7, 17), "End of year: Jay's attendance 79%; his teacher noted he seemed withdrawn.",
     "Noted in the transfer notes for his new teacher.", "Class teacher"],
]

#: Housing: a case-system export with month-first dates (08/28/2014 is 28 August).
HOUSING_HEADER = ["Event Date", "Event Time", "Event Type", "Officer", "Notes", "Outcome", "Reference"]
HOUSING_ROWS: list[list[str]] = [
    ["08/28/2014", "11:30", "Rent arrears", "Income officer",
     "Tanya Marsh phoned about rent arrears; said her partner \"sometimes stays\".",
     "Payment plan agreed.", "HSG-2291"],
    ["10/15/2014", "14:05", "Tenancy visit", "Tenancy officer",
     "Tenancy visit: a man's belongings (work boots, razor) seen at the flat. Tanya said they belong to "
     "Lee Dawson, who \"stays sometimes\".",
     "Noted on the tenancy file; not shared with CSC.", "HSG-2334"],
    ["01/22/2015", "14:00", "MARAC", "Housing MARAC representative",
     "MARAC meeting: the high-risk case of Tanya Marsh heard; housing asked to consider a management move.",
     "Sanctuary scheme offered.", "HSG-2410"],
    ["03/09/2015", "10:00", "Tenancy visit", "Tenancy officer",
     "Tanya declined a management move; said Lee Dawson has moved to his mother's.",
     "Housing support closed.", "HSG-2452"],
    ["08/03/2015", "21:40", "Neighbour complaint", "Out-of-hours officer",
     "Neighbour complained of a man shouting and a child crying late at night.",
     "Warning letter sent to the tenant.", "HSG-2561"],
]

# -- writers ---------------------------------------------------------------------------


def _mark_header(table: Table, index: int = 0) -> None:
    """Flag a row as Word's "repeat as header row", as Chronolator's template does."""
    table.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _word_table(document: docx.document.Document, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    _mark_header(table)


def write_csc_docx(folder: Path) -> Path:
    """Children's social care: Chronolator-style table split over two tables."""
    document = docx.Document()
    document.add_heading("Anytown Borough Council – Children's Social Care", level=1)
    document.add_paragraph("Chronology of involvement: Tommy Marsh (Child T), DOB 20/09/2012")
    document.add_paragraph("Author: Team Manager, Assessment and Intervention Team")
    document.add_paragraph("Period: 01/03/2014 to 12/09/2015")
    _word_table(document, CSC_HEADER, CSC_ROWS[:CSC_FIRST_TABLE_ROWS])
    document.add_paragraph("(continued)")
    _word_table(document, CSC_HEADER, CSC_ROWS[CSC_FIRST_TABLE_ROWS:])
    document.add_paragraph("Completed for the Child T review panel. OFFICIAL-SENSITIVE.")
    return _save_docx(document, folder / "childrens-social-care-chronology.docx", "Children's Social Care")


def write_gp_docx(folder: Path) -> Path:
    """GP practice: details table, then a Tayside-layout chronology."""
    document = docx.Document()
    details = document.add_table(rows=3, cols=2)
    details.style = "Table Grid"
    for r, (label, value) in enumerate([("Agency", "Riverside Medical Practice (GP)"),
                                        ("Completed by", "GP1, safeguarding lead"),
                                        ("Period covered", "March 2014 - September 2015")]):
        details.cell(r, 0).text = label
        details.cell(r, 1).text = value
    document.add_paragraph("")
    document.add_paragraph("Chronology of significant events")
    _word_table(document, GP_HEADER, GP_ROWS)
    return _save_docx(document, folder / "gp-chronology.docx", "GP")


def _save_docx(document: docx.document.Document, path: Path, agency: str) -> Path:
    props = document.core_properties
    props.author = f"{agency} (demo)"
    props.last_modified_by = props.author
    props.title = "Chronology for the Child T review (synthetic demo data)"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    document.save(str(path))
    return _normalise_zip(path)


def _bold_row(sheet: openpyxl.worksheet.worksheet.Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def write_police_xlsx(folder: Path) -> Path:
    """Police: guidance sheet first; title block, header, year banners merged across."""
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Guidance"
    for line in (["How to complete this chronology"],
                 ["Date", "The date of the event, not the date it was written up."],
                 ["Details", "What happened, who was present, whether the children were seen."],
                 ["Source", "The log, minutes or record the entry comes from."]):
        guide.append(line)
    sheet = book.create_sheet("Chronology")
    for line in (["Anytown Police – Public Protection Unit"],
                 ["Chronology for: Tommy MARSH (DOB 20/09/2012)"],
                 ["Author:", "DS, Public Protection Unit"],
                 ["Period covered:", "March 2014 to September 2015"], []):
        sheet.append(line)
    sheet.append(POLICE_HEADER)
    _bold_row(sheet, sheet.max_row)
    for values in POLICE_ROWS:
        sheet.append(values)
        row = sheet.max_row
        if len(values) == 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(POLICE_HEADER))
            _bold_row(sheet, row)
        else:
            _format_row(sheet, row)
    _widths(sheet, [12, 8, 22, 60, 45, 22])
    return _save_xlsx(book, folder / "police-chronology.xlsx", "Police")


def _format_row(sheet: openpyxl.worksheet.worksheet.Worksheet, row: int) -> None:
    for cell in sheet[row]:
        if isinstance(cell.value, date):
            cell.number_format = "dd/mm/yyyy"
        elif isinstance(cell.value, time):
            cell.number_format = "hh:mm"
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet: openpyxl.worksheet.worksheet.Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def write_school_xlsx(folder: Path) -> Path:
    """School: a title block, then rows dated by day or by term."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Jay M"
    for line in (["Anytown Primary School – safeguarding chronology"],
                 ["Pupil: Jay Marsh (Year 4), brother of Child T"],
                 ["Completed by: Designated Safeguarding Lead"], []):
        sheet.append(line)
    sheet.append(SCHOOL_HEADER)
    _bold_row(sheet, sheet.max_row)
    for values in SCHOOL_ROWS:
        sheet.append(values)
        _format_row(sheet, sheet.max_row)
    _widths(sheet, [18, 60, 45, 18])
    return _save_xlsx(book, folder / "school-chronology.xlsx", "School")


def _save_xlsx(book: openpyxl.Workbook, path: Path, agency: str) -> Path:
    book.properties.creator = f"{agency} (demo)"
    book.properties.title = "Chronology for the Child T review (synthetic demo data)"
    book.properties.created = FIXED_TIME
    book.save(str(path))
    return _normalise_zip(path)


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # Windows exports end lines with CRLF
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_health_csv(folder: Path) -> Path:
    """Health visiting: a CSV export in Windows-1252, as Excel on Windows saves it."""
    path = folder / "health-visiting-export.csv"
    path.write_bytes(_csv_text(HEALTH_HEADER, HEALTH_ROWS).encode("cp1252"))
    return path


def write_housing_csv(folder: Path) -> Path:
    """Housing: a case-system export, UTF-8, dates month first."""
    path = folder / "housing-export.csv"
    path.write_bytes(_csv_text(HOUSING_HEADER, HOUSING_ROWS).encode("utf-8"))
    return path


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _normalise_zip(path: Path) -> Path:
    """Rewrite an Office file with fixed zip timestamps and document dates (reproducible bytes)."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as old:
        parts = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            new.writestr(info, data)
    return path


WRITERS = (write_csc_docx, write_police_xlsx, write_health_csv, write_gp_docx, write_school_xlsx,
           write_housing_csv)


def write_all(folder: Path) -> list[Path]:
    """Write every demo submission into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write(folder) for write in WRITERS]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the files (default resources/demo) and list them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
