"""Chronology operations that join date reading and the case file.

The CLI and the GUI call these; they hold no rules of their own.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from scrchron.dates import reader
from scrchron.dates.anchored import offer_reading
from scrchron.errors import ValidationError, quoted
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, add_entry, get_entry, update_entry
from scrchron.store.submission_entries import previous_dated_entry


def scope_of(review: Review) -> tuple[date | None, date | None]:
    """The review's scope period as dates (either end may be open)."""
    start = date.fromisoformat(review.scope_from) if review.scope_from else None
    end = date.fromisoformat(review.scope_to) if review.scope_to else None
    return start, end


def year_hint(review: Review) -> int | None:
    """The year to give a date written without one, when nothing nearer says."""
    for value in (review.scope_from, review.scope_to, review.incident_date):
        if value:
            return int(value[:4])
    return None


def interpret(review: Review, date_text: str, time_text: str = "") -> reader.DateReading:
    """Read a date (and optional separate time) the way the importers do, scope applied."""
    reading = reader.read_date(date_text, year_hint=year_hint(review))
    if time_text.strip():
        reading = reader.combine_time(reading, time_text)
    return reader.apply_scope(reading, *scope_of(review))


def reading_fields(reading: reader.DateReading) -> dict[str, Any]:
    """The entry fields a date reading fills."""
    time = reading.start[11:16] if reading.start and len(reading.start) > 10 else None
    return {
        "start": reading.start,
        "end": reading.end,
        "precision": reading.precision,
        "uncertain": reading.uncertain,
        "flags": list(reading.flags),
        "time": time,
    }


def add_by_hand(case: Case, agency: str, date_text: str, event: str, *, time_text: str = "",
                action: str = "", source: str = "", strict: bool = True) -> Entry:
    """Add an entry typed in by the reviewer (an interview, a document seen).

    With ``strict`` (the CLI's behaviour) a date that cannot be read is refused
    with a message instead of being stored as unknown.
    """
    if not event.strip():
        raise ValidationError("An entry needs event text (--event).")
    review = case.review()
    reading = interpret(review, date_text, time_text)
    if strict and reading.start is None:
        why = ", ".join(reading.flags) or "unparsed"
        raise ValidationError(
            f"Cannot read the date '{quoted(date_text)}' ({why}). Write it like 9 March 2015, "
            "09/03/2015, March 2015 or Spring 2015."
        )
    agency_record = case.agency_named(agency)
    entry = Entry(agency_id=agency_record.id, event=event.strip(), date_text=date_text.strip(),
                  time_text=time_text.strip(), action=action.strip(), source=source.strip(),
                  seq=_next_manual_seq(case))
    for name, value in reading_fields(reading).items():
        setattr(entry, name, value)
    return get_entry(case, add_entry(case, entry))


def _next_manual_seq(case: Case) -> float:
    row = case.db.conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM entries WHERE submission_id IS NULL"
    ).fetchone()
    return float(row[0])


#: Where a corrected entry keeps the date as the agency wrote it (shown and exported beside it).
AGENCY_DATE = "Date as the agency wrote it"
#: The flag of an entry whose date the reviewer corrected.
DATE_CORRECTED = "date-corrected"


def correct_date(case: Case, entry_id: int, date_text: str, time_text: str | None = None) -> Entry:
    """Change an entry's date as written; its interval is read again at once.

    The agency's own wording is never lost: the first correction keeps it in the
    entry's extra columns (``AGENCY_DATE``) and flags the entry ``date-corrected``;
    typing the agency's wording back removes both.
    """
    entry = get_entry(case, entry_id)
    time_text = entry.time_text if time_text is None else time_text
    reading = interpret(case.review(), date_text, time_text)
    changes: dict[str, Any] = {"date_text": date_text, "time_text": time_text, "date_manual": False}
    changes |= reading_fields(reading)
    changes |= _agency_wording(entry, date_text, list(reading.flags))
    return update_entry(case, entry_id, changes)


def _agency_wording(entry: Entry, date_text: str, flags: list[str]) -> dict[str, Any]:
    """The extra columns and flags that keep the agency's date beside a correction."""
    extra = dict(entry.extra)
    agency_wrote = extra.get(AGENCY_DATE, entry.date_text if entry.submission_id is not None else None)
    if agency_wrote is None or date_text.strip() == str(agency_wrote).strip():
        extra.pop(AGENCY_DATE, None)
        return {"extra": extra, "flags": [f for f in flags if f != DATE_CORRECTED]}
    extra[AGENCY_DATE] = agency_wrote
    return {"extra": extra, "flags": [*(f for f in flags if f != DATE_CORRECTED), DATE_CORRECTED]}


def set_interval(case: Case, entry_id: int, start: str, end: str, precision: str = "range") -> Entry:
    """Set an entry's interval by hand; kept and marked as a manual correction."""
    for value in (start, end):
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            raise ValidationError(f"'{value}' is not a date (use YYYY-MM-DD).") from None
    if end < start:
        raise ValidationError(f"The interval ends ({end}) before it starts ({start}).")
    if precision not in reader.PRECISIONS:
        raise ValidationError(f"Unknown precision '{precision}'.")
    entry = get_entry(case, entry_id)
    flags = [f for f in entry.flags if f not in ("unparsed", "invalid", "no-year", "relative")]
    changes = {"start": start, "end": end, "precision": precision, "date_manual": True, "flags": flags}
    return update_entry(case, entry_id, changes)


def entry_summary(entry: Entry) -> dict[str, Any]:
    """The JSON form of an entry used by ``scrchron entries --json`` (a contract)."""
    values = asdict(entry)
    return {
        "id": entry.id,
        "agency": entry.agency,
        "date_text": entry.date_text,
        "start": entry.start,
        "end": entry.end,
        "precision": entry.precision,
        "uncertain": entry.uncertain,
        "time": entry.time,
        "event": entry.event,
        "action": entry.action,
        "source": entry.source,
        "row": entry.row,
        "sheet": entry.sheet,
        "origin": entry.origin,
        "submission": entry.submission_id,
        "flags": entry.flags,
        "group": entry.group,
        "seq": entry.seq,
        "time_text": entry.time_text,
        "practitioner_role": values["practitioner_role"],
        "contact_type": entry.contact_type,
        "agency_comment": entry.agency_comment,
        "reviewer_note": entry.reviewer_note,
        "significance": entry.significance,
        "withdrawn": entry.withdrawn,
        "date_manual": entry.date_manual,
        "extra": entry.extra,
    }


def offered_reading(case: Case, entry: Entry) -> reader.DateReading | None:
    """For an entry whose date could not be read ("aged 3", "two days later"), the reading its
    anchor gives: the subject's date of birth, or the previous dated entry of the same file.

    None when the date was read, or nothing anchors it. The reviewer accepts it or not
    (``accept_reading``); it is never applied silently.
    """
    if entry.start is not None:
        return None
    review = case.review()
    birth = date.fromisoformat(review.subject_dob) if review.subject_dob else None
    previous = previous_dated_entry(case, entry)
    anchor = None
    if previous is not None and previous.start is not None:
        anchor = reader.DateReading(previous.date_text, previous.start[:10], (previous.end or previous.start)[:10],
                                   previous.precision)
    return offer_reading(entry.date_text, date_of_birth=birth, previous=anchor)


def accepted_changes(reading: reader.DateReading) -> dict[str, Any]:
    """The entry fields an accepted reading sets: the interval and its flag (``from-age``,
    ``from-previous-entry``), the date as written kept, marked set by the reviewer so a
    resubmission keeps it."""
    return reading_fields(reading) | {"date_manual": True}


def accept_reading(case: Case, entry_id: int, reading: reader.DateReading) -> Entry:
    """Take an offered reading (see ``accepted_changes``)."""
    return update_entry(case, entry_id, accepted_changes(reading))
