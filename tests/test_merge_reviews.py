"""Same events across every kind of review (issue 20): adults', domestic abuse, police, health.

The entries are written the way each agency's chronology words them (see
tests/data/event_words_sources.tsv for where the vocabulary was checked); names are invented.
"""

from __future__ import annotations

from scrchron import merge
from scrchron.model import Entry

POLICE, AMBULANCE, ASC, CARE, DISTRICT_NURSES, GP, HOSPITAL = 1, 2, 3, 4, 5, 6, 7
NAMES = {POLICE: "Police", AMBULANCE: "Ambulance Service", ASC: "Adult Social Care",
         CARE: "Care Provider", DISTRICT_NURSES: "District Nursing", GP: "GP", HOSPITAL: "Hospital"}


def make(entry_id: int, agency_id: int, event: str, start: str) -> Entry:
    return Entry(agency_id=agency_id, agency=NAMES[agency_id], event=event, id=entry_id,
                 date_text=start, start=start, end=start, precision="time" if "T" in start else "day")


def forced_entry_case() -> list[Entry]:
    """Adult A is found on the floor by police; the ambulance and the EDT record it too."""
    return [
        make(1, POLICE, "Concern for welfare call from a neighbour: Adult A not seen for three days, "
                        "post piling up. Officers attended the address and forced entry; Adult A found "
                        "on the floor in the kitchen, ambulance requested.", "2023-02-14T20:40"),
        make(2, AMBULANCE, "Called by police to a concern for welfare at the address. Elderly female found "
                           "on the floor after a fall, confused and cold. Conveyed to ED.", "2023-02-14T21:05"),
        make(3, ASC, "Emergency Duty Team notified by police that officers and an ambulance crew forced "
                     "entry to Adult A's flat last night; Adult A taken to hospital. Safeguarding concern "
                     "logged for the day team.", "2023-02-15"),
        # routine rows around it
        make(4, CARE, "Lunch call: personal care given, medication prompt, Adult A settled", "2023-02-13"),
        make(5, CARE, "Lunch call: no answer at the door, card left, office informed", "2023-02-14"),
        make(6, DISTRICT_NURSES, "No access; card left", "2023-02-14"),
        make(7, CARE, "Lunch call: no access; card left", "2023-02-15"),
        make(8, DISTRICT_NURSES, "No access; card left", "2023-02-15"),
        make(9, GP, "Telephone consultation with daughter about Adult A's memory", "2023-02-14"),
    ]


def test_forced_entry_told_by_police_ambulance_and_edt_is_one_group_without_the_routine_rows() -> None:
    assert [p.entry_ids for p in merge.propose_groups(forced_entry_case())] == [(1, 2, 3)]
