"""The agency chronology template's fixed columns, and the hidden marker that names its review and agency.

A template scrchron sends (see scrchron.export.agency_template) carries a custom
document property ``scrchron.template`` holding JSON: the case's id, the review's
title, the agency, the sheet name and the columns as sent. Word and Excel keep
custom properties when a file is edited and saved, and an agency never sees it.
Reading it back opens only ``docProps/custom.xml`` in the file's zip, size-limited,
with the importers' locked-down XML parser, so a hostile file costs nothing.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from scrchron.importers.xmlsafe import parse_bytes

#: The custom document property that holds the marker.
PROPERTY = "scrchron.template"
MARKER_KIND = "scrchron-agency-template"
MARKER_VERSION = 1
SHEET = "Chronology"

#: (field, heading) of every column of the template, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("sequence", "Seq"),
    ("start_date", "Date"),
    ("start_time", "Time"),
    ("end_date", "End date"),
    ("event", "Event"),
    ("action", "Action / outcome"),
    ("practitioner_role", "Practitioner role"),
    ("contact_type", "Contact type"),
    ("source", "Source"),
    ("agency_comment", "Agency comment"),
)

#: The contact types offered in the Excel template's list (agencies may type others).
CONTACT_TYPES: tuple[str, ...] = (
    "Home visit", "Office or clinic appointment", "Telephone call", "Video call", "Letter or email",
    "Meeting", "Multi-agency meeting", "Strategy discussion", "Child protection conference",
    "Referral", "Police attendance", "Hospital attendance", "School contact", "Did not attend", "Other",
)

_CUSTOM_PART = "docProps/custom.xml"
_MAX_PART = 256 * 1024
_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


@dataclass(frozen=True)
class TemplateMarker:
    """What a returned template says about itself."""

    case_id: str
    review: str
    agency: str
    sheet: str
    columns: tuple[str, ...]
    sent: str
    form: str = "chronology"  # or 'summary': the agency summary form

    def as_json(self) -> str:
        """The marker's JSON, as stored in the property."""
        return json.dumps({"kind": MARKER_KIND, "version": MARKER_VERSION, "form": self.form,
                           "case": self.case_id, "review": self.review, "agency": self.agency,
                           "sheet": self.sheet, "columns": list(self.columns), "sent": self.sent},
                          ensure_ascii=False)


def read_marker(path: Path) -> TemplateMarker | None:
    """The marker of a returned template, or None (not a zip, no marker, or a damaged one)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CUSTOM_PART)
            if info.file_size > _MAX_PART:
                return None
            xml = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return None
    return _marker_in(xml)


def _marker_in(xml: bytes) -> TemplateMarker | None:
    root = parse_bytes(xml)  # the locked-down parser: no DTDs, no entities, no network
    if root is None:  # any parse error means no marker
        return None
    for prop in root.iter(f"{_NS}property"):
        if prop.get("name") == PROPERTY:
            return _decoded("".join(prop.itertext()))
    return None


def _decoded(text: str) -> TemplateMarker | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("kind") != MARKER_KIND:
        return None
    columns = data.get("columns")
    values = [data.get(key) for key in ("case", "review", "agency", "sheet", "sent")]
    if not all(isinstance(v, str) for v in values) or not isinstance(columns, list):
        return None
    case_id, review, agency, sheet, sent = (str(v) for v in values)
    form = str(data.get("form") or "chronology")
    return TemplateMarker(case_id, review, agency, sheet, tuple(str(c) for c in columns), sent, form)


def template_mapping(marker: TemplateMarker) -> dict[str, str]:
    """field -> heading of the template's columns as sent."""
    headings = dict(COLUMNS)
    return {field: heading for field, heading in headings.items() if heading in marker.columns}


def changes_from_template(marker: TemplateMarker, headers: list[str]) -> list[str]:
    """What the agency changed in the columns: 'column 'Source' deleted or renamed', ..."""
    sent = list(marker.columns)
    found = [" ".join(str(h).split()) for h in headers if str(h).strip()]
    changes = [f"column '{h}' deleted or renamed" for h in sent if h not in found]
    changes += [f"column '{h}' added" for h in found if h not in sent]
    kept_sent = [h for h in sent if h in found]
    kept_found = [h for h in found if h in sent]
    if not changes and kept_sent != kept_found:
        changes.append("columns reordered")
    return changes
