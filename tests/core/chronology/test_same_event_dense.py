"""Same events in dense cases (issue 20): what the 20,000-entry stress set's errors taught.

Each test is one cause found by reading the stress set's false matches: a word read as
an event it does not name. Texts are the generator's and agencies' own wording; names invented.
"""

from __future__ import annotations

import pytest

from scrchron.chronology import event_words, merge
from scrchron.chronology.same_event_reasons import explain
from scrchron.records.case_records import Entry

AGENCIES = {1: "Police", 2: "School", 3: "GP", 4: "Health Visiting", 5: "Emergency Department"}
DOMESTIC = "Domestic incident reported by neighbour; DASH standard risk, PPN submitted"


def make(entry_id: int, agency_id: int, event: str, start: str = "2016-06-15") -> Entry:
    return Entry(agency_id=agency_id, agency=AGENCIES[agency_id], event=event, id=entry_id,
                 date_text=start, start=start, end=start, precision="day")


def proposed(*entries: Entry) -> list[tuple[int, ...]]:
    return [p.entry_ids for p in merge.propose_groups(list(entries))]


@pytest.mark.parametrize("other", [
    "Telephone call to IDVA regarding MARAC",  # the IDVA is an advisor, not a domestic violence incident
    "Fixed term exclusion (3 days) for assaulting a peer",  # an assault at school is no domestic incident
    "Following the domestic incident, strategy discussion held",  # a meeting about it is not the incident
])
def test_a_domestic_incident_is_not_joined_by_an_account_of_something_else(other: str) -> None:
    assert proposed(make(1, 1, DOMESTIC), make(2, 3, other)) == []


def test_missed_appointments_are_not_a_missing_episode() -> None:
    conference = "Review conference: HV reported missed appointments"
    assert event_words.describe(conference).kinds == ("rcpc", "dna")
    assert event_words.describe("Child T reported missing by mother").main == "missing"
    assert proposed(make(1, 1, "Missing person report - returned home 0200hrs"), make(2, 4, conference)) == []


def test_an_ed_attendance_after_an_assault_joins_the_police_record_of_it() -> None:
    police = make(1, 1, "Call from victim: partner assaulted her; officers attended, DASH medium risk, PPN")
    hospital = make(2, 5, "Attended ED with facial injury after an assault by partner")
    assert proposed(police, hospital) == [(1, 2)]


DHR = {1: "Police", 2: "Ambulance Service", 3: "Hospital", 4: "IDVA Service", 5: "GP"}


def told(entry_id: int, agency_id: int, event: str, start: str) -> Entry:
    return Entry(agency_id=agency_id, agency=DHR[agency_id], event=event, id=entry_id, date_text=start,
                 start=start, end=start, precision="time" if "T" in start else "day")


def test_a_strangulation_told_by_four_agencies_is_one_group_with_the_police_as_primary() -> None:
    entries = [
        told(1, 1, "999 call from victim: partner grabbed her by the throat. Officers attended, partner arrested, "
                   "DASH high risk, PPN submitted", "2023-02-11T23:10"),
        told(2, 2, "Crew called by police to a female with marks to the neck after being strangled by her "
                   "partner; conveyed to ED", "2023-02-11"),
        told(3, 3, "Attended ED by ambulance: bruising to the neck, reports non-fatal strangulation by partner",
             "2023-02-12"),
        told(4, 4, "PPN received from police: strangulation by partner overnight, high risk; IDVA to contact "
                   "victim", "2023-02-12"),
        told(5, 4, "Telephone contact with the victim: safety plan reviewed", "2023-02-11"),
        told(6, 5, "Telephone consultation: repeat prescription for sertraline", "2023-02-11"),
        told(7, 4, "No answer; voicemail left", "2023-02-12"),
    ]
    (group,) = merge.propose_groups(entries)
    assert group.entry_ids == (1, 2, 3, 4)
    explained = explain([e for e in entries if e.id in group.entry_ids])
    assert explained.primary == 1  # the call that night, not the hospital's record next morning
    assert "PPN (2)" in explained.reason and "non-fatal strangulation (2)" in explained.reason
    assert explained.reason.endswith("Police recorded it; IDVA Service notified afterwards")
