"""Submission details offered from the text above a chronology.

Agencies put a title block above their table: the agency's name, the author,
the period covered, lines like "Agency: Police". These are offered to the
user (never applied silently) as ``details``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from scrchron.importers.cells import cell_text, one_line
from scrchron.importers.headers import normalize_header
from scrchron.importers.parsed import Cell

_LABELS: dict[str, tuple[str, ...]] = {
    "agency": (
        "agency", "agency name", "name of agency", "organisation", "organization",
        "name of organisation", "name of organization", "service", "service name",
        "agency service", "submitting agency", "provider", "trust", "department",
        "agency organisation", "organisation name",
    ),
    "author": (
        "author", "author name", "name of author", "completed by", "compiled by",
        "prepared by", "written by", "author of chronology", "chronology completed by",
        "chronology author", "imr author", "report author", "name of person completing",
        "person completing", "submitted by", "name of person completing chronology",
        "completed by name", "name",
    ),
    "author_role": (
        "role", "job title", "author role", "designation", "position", "role of author",
        "author job title", "author s role", "job title role",
    ),
    "period": (
        "period", "period covered", "scope", "scope period", "review period",
        "period of review", "timeframe", "time frame", "time period", "dates covered",
        "period of chronology", "chronology period", "date range", "period under review",
        "scoping period", "period from", "timescale", "scope of review",
        "period of involvement", "dates of involvement",
    ),
    "date_completed": (
        "date", "date completed", "date of completion", "completed on", "date submitted",
        "submission date", "date of submission", "date prepared", "version date",
    ),
    "subject": (
        "subject", "child", "adult", "name of child", "child s name", "subject of review",
        "review", "case", "case name", "review name", "review reference", "case reference",
        "subject of chronology", "chronology of", "chronology for", "re",
    ),
    "contact": ("email", "e mail", "telephone", "tel", "phone", "contact", "contact details"),
    "version": ("version", "version number", "draft"),
}
_LOOKUP = {label: key for key, labels in _LABELS.items() for label in labels}
_LINE = re.compile(r"^\s*([^:]{1,60}?)\s*:\s*(\S.*?)\s*$")


def details_from_lines(lines: Iterable[str]) -> dict[str, str]:
    """Find "Label: value" lines naming submission details.

    Args:
        lines: paragraphs or title-block lines, top to bottom.

    Returns:
        key -> value for the known labels (agency, author, author_role,
        period, date_completed, subject, contact, version) and 'title' (the
        first line that is not a "Label: value" line).
    """
    found: dict[str, str] = {}
    for text in lines:
        for line in text.splitlines():
            _take_line(line, found)
    return found


def _take_line(line: str, found: dict[str, str]) -> None:
    """Record one line: a known "Label: value", or the title."""
    line = one_line(line)
    if not line:
        return
    match = _LINE.match(line)
    if match:
        key = _LOOKUP.get(normalize_header(match.group(1)))
        if key and key not in found:
            found[key] = match.group(2)[:500]
            return
        if key or match.group(1).strip().lower() in ("http", "https"):
            return
    if "title" not in found and len(line) <= 200 and not match:
        found["title"] = line


def details_from_rows(rows: Sequence[Sequence[Cell]]) -> dict[str, str]:
    """Find details in title-block rows ("Agency" | "Police", or "Agency: Police").

    Args:
        rows: the rows above the header row (or a small details table).

    Returns:
        The details found, as in :func:`details_from_lines`.
    """
    found: dict[str, str] = {}
    for row in rows:
        texts = [cell_text(cell) for cell in row]
        texts = [text for text in texts if text]
        if not texts:
            continue
        label = normalize_header(texts[0])
        key = _LOOKUP.get(label)
        if key and len(texts) >= 2 and key not in found:
            found[key] = one_line(texts[1])[:500]
            continue
        _take_line(" ".join(texts) if len(texts) == 1 else texts[0], found)
    return found


def merge_details(*sources: dict[str, str]) -> dict[str, str]:
    """Merge detail dicts; the first source giving a key wins.

    Args:
        *sources: detail dicts in order of preference.

    Returns:
        The merged details.
    """
    merged: dict[str, str] = {}
    for source in sources:
        for key, value in source.items():
            merged.setdefault(key, value)
    return merged
