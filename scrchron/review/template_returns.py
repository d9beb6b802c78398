"""A returned agency template: which agency it is from, and what the agency changed.

The hidden marker (scrchron.importers.template_marker) names the review and the
agency the template was sent to. A template of this review files itself under
its agency and maps its columns as sent; a changed one (columns added, deleted,
renamed or reordered) still imports through the normal column matching, and what
changed is recorded with the submission for the return check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrchron.errors import ValidationError, quoted
from scrchron.importers import ParsedSubmission
from scrchron.importers.template_marker import TemplateMarker, read_marker, template_mapping
from scrchron.store.case import CASE_ID_SETTING, Case

#: The submission detail that records a returned template's state.
DETAIL = "template"
UNCHANGED = "returned as sent"


@dataclass
class ReturnedTemplate:
    """What a file's marker means for this case."""

    agency: str
    marker: TemplateMarker | None = None
    ours: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str] | None:
        """The template's columns as sent, used when every one is still there."""
        return template_mapping(self.marker) if self.marker is not None and self.ours else None


def returned_template(case: Case, path: Path, agency: str | None) -> ReturnedTemplate:
    """Which agency ``path`` is filed under, or ValidationError saying how to choose one."""
    named = " ".join((agency or "").split())
    marker = read_marker(path)
    if marker is None:
        if not named:
            raise ValidationError(f"{quoted(path.name)} is not a template this review sent, so scrchron cannot "
                                  "tell whose it is: name the agency with --agency NAME.")
        return ReturnedTemplate(named)
    if marker.form != "chronology":
        raise ValidationError(f"{quoted(path.name)} is the agency summary form, not a chronology: read it with "
                              "'scrchron summary read CASE FILE'.")
    if marker.case_id != case.setting(CASE_ID_SETTING):
        return _foreign(path, marker, named)
    result = ReturnedTemplate(named or marker.agency, marker, ours=True)
    if named and named.casefold() != marker.agency.casefold():
        result.warnings.append(f"This template was sent to {marker.agency}; it was filed under {named} as asked.")
    return result


def _foreign(path: Path, marker: TemplateMarker, named: str) -> ReturnedTemplate:
    sent = f"'{marker.review}' (sent to {marker.agency} on {marker.sent})"
    if not named:
        raise ValidationError(f"{quoted(path.name)} is a template of another review, {quoted(sent)}, not of this "
                              "one. Open that review's case file to import it, or import it here with --agency NAME.")
    result = ReturnedTemplate(named, marker)
    result.warnings.append(f"This template was sent for another review, {sent}; its columns were matched as "
                           "for any other file.")
    return result


def note_changes(returned: ReturnedTemplate, parsed: ParsedSubmission) -> None:
    """Record in the submission's details whether the template came back as sent, or what changed."""
    if returned.marker is None:
        return
    changes = template_changes(returned.marker, parsed)
    if not returned.ours:
        changes.insert(0, "a template of another review")
    parsed.details[DETAIL] = "; ".join(changes) if changes else UNCHANGED
    if changes:
        parsed.warnings.append("The template was changed: " + "; ".join(changes) + ".")


def template_changes(marker: TemplateMarker, parsed: ParsedSubmission) -> list[str]:
    """What the agency changed: columns deleted or renamed, added, reordered; sheets renamed."""
    sent = list(marker.columns)
    filled = _filled_headers(parsed)
    present = set(filled) | {" ".join(h.split()) for h in parsed.mapping.values()}
    changes = [f"column '{h}' deleted or renamed" for h in sent if h not in present]
    changes += [f"column '{h}' added" for h in filled if h not in sent]
    kept = [h for h in filled if h in sent]
    if kept != [h for h in sent if h in kept]:
        changes.append("columns reordered")
    if marker.sheet and parsed.importer != "docx" and marker.sheet not in parsed.tables_used:
        changes.append(f"sheet '{marker.sheet}' renamed or replaced (read: {', '.join(parsed.tables_used)})")
    return changes


def _filled_headers(parsed: ParsedSubmission) -> list[str]:
    """The headers of the columns holding text, in column order (each row lists its cells in order)."""
    order: list[str] = []
    known: set[str] = set()
    for row in parsed.rows[:500]:
        if known.issuperset(row.original):
            continue
        names = [" ".join(h.split()) for h in row.original]
        for index, name in enumerate(names):
            if name in known:
                continue
            before = next((order.index(n) + 1 for n in reversed(names[:index]) if n in known), 0)
            order.insert(before, name)
            known.add(name)
    return order
