"""Header matching: synonyms from real templates, scores, one field per column."""

from __future__ import annotations

import pytest

from scrchron.importers import FIELDS, match_headers
from scrchron.importers.headers import field_scores, find_column, normalize_header

SYNONYMS = [
    ("Date", "start_date"),
    ("Date of contact", "start_date"),
    ("Date or Period of Event", "start_date"),
    ("Start Date (mandatory)", "start_date"),
    ("Event date", "start_date"),
    ("DATE/TIME", "start_date"),
    ("Date (dd/mm/yyyy)", "start_date"),
    ("Details", "event"),
    ("Details of Incident / Contact", "event"),
    ("What happened", "event"),
    ("Significant Event", "event"),
    ("Event", "event"),
    ("Summary", "event"),
    ("Description", "event"),
    ("Narrative", "event"),
    ("event detail", "event"),
    ("Action Taken / Outcome", "action"),
    ("Outcome / Action", "action"),
    ("Decision", "action"),
    ("Action taken", "action"),
    ("Source of Information", "source"),
    ("Source Document / Ref", "source"),
    ("witness or document reference", "source"),
    ("Officer Role", "practitioner_role"),
    ("Practitioner", "practitioner_role"),
    ("Staff member (role)", "practitioner_role"),
    ("Seq", "sequence"),
    ("Event Ref", "sequence"),
    ("serial number", "sequence"),
    ("No.", "sequence"),
    ("Start Time", "start_time"),
    ("Time (24hr)", "start_time"),
    ("End Date", "end_date"),
    ("End Time", "end_time"),
    ("Contact type", "contact_type"),
    ("Type of contact", "contact_type"),
    ("Agency comment", "agency_comment"),
    ("Impact (positive or negative)", "agency_comment"),
    ("Analysis / comment", "agency_comment"),
]


@pytest.mark.parametrize(("header", "expected"), SYNONYMS)
def test_synonyms_from_real_templates(header: str, expected: str) -> None:
    assert match_headers([header]) == {expected: 0}


@pytest.mark.parametrize("header", ["Date of birth", "DOB", "Time spent", "Agency", "Name", "NHS number", ""])
def test_headers_that_are_not_chronology_fields(header: str) -> None:
    assert match_headers([header]) == {}


def test_chronolator_layout() -> None:
    headers = ["Seq", "Start Date", "Start Time", "End Date", "End Time", "Source of Information",
               "Event", "Outcome", "Comment"]
    assert match_headers(headers) == {
        "sequence": 0, "start_date": 1, "start_time": 2, "end_date": 3, "end_time": 4,
        "source": 5, "event": 6, "action": 7, "agency_comment": 8,
    }


def test_tayside_layout() -> None:
    headers = ["Date or Period of Event", "Significant Event", "Source", "Impact", "Action taken"]
    assert match_headers(headers) == {
        "start_date": 0, "event": 1, "source": 2, "agency_comment": 3, "action": 4}


def test_plo_layout() -> None:
    headers = ["serial number", "date", "event detail", "witness or document reference"]
    assert match_headers(headers) == {"sequence": 0, "start_date": 1, "event": 2, "source": 3}


def test_notes_is_the_event_only_when_nothing_better() -> None:
    assert match_headers(["Date", "Notes"])["event"] == 1
    mapping = match_headers(["Date", "Notes", "Details"])
    assert mapping["event"] == 2 and 1 not in mapping.values()


def test_one_field_per_column_and_one_column_per_field() -> None:
    mapping = match_headers(["Date", "Date", "Details", "Comments", "Event type"])
    assert mapping["start_date"] == 0
    assert mapping["event"] == 2 and mapping["agency_comment"] == 3 and mapping["contact_type"] == 4
    assert len(set(mapping.values())) == len(mapping)


def test_recorded_date_is_used_only_when_no_event_date() -> None:
    assert match_headers(["Date recorded", "Event date", "Details"])["start_date"] == 1
    assert match_headers(["Date recorded", "Details"])["start_date"] == 0


def test_case_punctuation_and_spacing_do_not_matter() -> None:
    assert match_headers(["  DATE OF CONTACT:", "details-of-incident/contact"]) == {"start_date": 0, "event": 1}
    assert match_headers(["Date of\ncontact", "What\nhappened?"]) == {"start_date": 0, "event": 1}


def test_us_export_headers() -> None:
    mapping = match_headers(["CREATION DATE", "STATUS", "COMPLETION DATE", "TYPE OF SERVICE REQUEST",
                             "MOST RECENT ACTION"])
    assert mapping == {"start_date": 0, "end_date": 2, "contact_type": 3, "action": 4}


def test_scores_prefer_exact_synonyms_over_keywords() -> None:
    assert field_scores("Details")["event"] > field_scores("Some details here")["event"]
    assert set(field_scores("Comments")) == {"agency_comment", "event"}


def test_normalize_and_find_column() -> None:
    assert normalize_header("Officer's Role (#)") == "officer s role number"
    headers = ["Date", "Details of Incident / Contact", "Column C"]
    assert find_column("details of incident/contact", headers) == 1
    assert find_column("Column C", headers) == 2
    assert find_column("Nope", headers) is None


def test_fields_constant_is_the_public_contract() -> None:
    assert FIELDS == ("sequence", "start_date", "start_time", "end_date", "end_time", "event", "action",
                      "source", "practitioner_role", "contact_type", "agency_comment", "service")
