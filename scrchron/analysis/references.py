"""The references list: documents and guidance the overview report cites, kept in the case.

A reference is written as the reviewer would cite it ("HM Government (2018)
Working Together to Safeguard Children"), with an optional web address. The
report lists them, numbered, in the reviewer's order (the References appendix).
"""

from __future__ import annotations

import re

from scrchron.errors import ValidationError
from scrchron.store.case import Case
from scrchron.store.report_content import Reference, references, save_references

MAX_TEXT = 1000
MAX_URL = 500
MAX_REFERENCES = 500
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def list_references(case: Case) -> list[Reference]:
    """The references in the reviewer's order (number = position + 1)."""
    return references(case)


def _clean(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError("A reference needs its text, e.g. \"HM Government (2023) Working Together to "
                              "Safeguard Children\".")
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(f"A reference is at most {MAX_TEXT} characters ({len(cleaned)} given): "
                              "cite the document, do not paste it.")
    return cleaned


def _clean_url(url: str) -> str:
    cleaned = url.strip()
    if not cleaned:
        return ""
    if len(cleaned) > MAX_URL or not _URL.match(cleaned):
        raise ValidationError(f"'{cleaned[:60]}' is not a web address: give one starting with https:// "
                              "(or leave it out).")
    return cleaned


def add_reference(case: Case, text: str, url: str = "", at: int | None = None) -> int:
    """Add a reference (at position ``at``, 1-based, else last); return its number.

    Raises:
        ValidationError: empty or overlong text, a web address that is not one, the same
            reference listed already, or a position outside the list.
    """
    items = references(case)
    reference = Reference(_clean(text), _clean_url(url))
    for number, existing in enumerate(items, start=1):
        if existing.text.casefold() == reference.text.casefold():
            raise ValidationError(f"That reference is listed already, as number {number}.")
    if len(items) >= MAX_REFERENCES:
        raise ValidationError(f"The references list holds at most {MAX_REFERENCES} items.")
    if at is not None and not 1 <= at <= len(items) + 1:
        raise ValidationError(f"A new reference goes at a position between 1 and {len(items) + 1}.")
    position = len(items) if at is None else at - 1
    items.insert(position, reference)
    save_references(case, items)
    return position + 1


def remove_reference(case: Case, number: int) -> Reference:
    """Take reference ``number`` (1-based) out of the list; return it."""
    items = references(case)
    if not items:
        raise ValidationError("The review has no references yet (add one first).")
    if not 1 <= number <= len(items):
        raise ValidationError(f"There is no reference {number}: the list has 1 to {len(items)}.")
    removed = items.pop(number - 1)
    save_references(case, items)
    return removed
