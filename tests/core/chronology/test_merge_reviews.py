"""Same events across every kind of review (issue 20): adults', domestic abuse, police, health.

The entries are written the way each agency's chronology words them (see
tests/data/event_words_sources.tsv for where the vocabulary was checked); names are invented.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from merge_fixtures import precision_recall
from review_world import make_review_world

from scrchron.chronology import merge
from scrchron.chronology.same_event_reasons import explain, learn
from scrchron.cli import main as cli_main
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries, list_entries
from scrchron.store import groups as store_groups

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


def test_the_group_says_why_and_which_account_is_the_primary_record() -> None:
    entries = forced_entry_case()[:3]
    explained = explain(entries)
    assert explained.primary == 1  # police took the call; the EDT was notified the next day
    assert explained.reason.startswith("same or next day; accounts mention ")
    assert "forced entry" in explained.reason and "concern for welfare" in explained.reason
    assert "address" in explained.reason
    assert explained.reason.endswith("Police recorded it; Adult Social Care notified afterwards")


def test_a_notification_the_next_day_joins_the_event_it_reports() -> None:
    police = make(1, POLICE, "Domestic incident: partner arrested for assault, DASH high risk, PPN submitted",
                  "2021-06-03T23:10")
    notified = make(2, HOSPITAL, "PPN received from police: partner arrested after domestic incident; "
                                 "IDVA referral made", "2021-06-04")
    unrelated = make(3, GP, "GP consultation: back pain", "2021-06-04")
    assert [p.entry_ids for p in merge.propose_groups([police, notified, unrelated])] == [(1, 2)]
    assert explain([police, notified]).primary == 1


def test_routine_rows_of_two_agencies_are_never_one_event() -> None:
    rows = [make(1, CARE, "No access; card left", "2023-03-01"),
            make(2, DISTRICT_NURSES, "No access; card left", "2023-03-01"),
            make(3, CARE, "Morning call: personal care given", "2023-03-02"),
            make(4, DISTRICT_NURSES, "District nurse visit: personal care given, dressing changed", "2023-03-02")]
    assert merge.propose_groups(rows) == []


def test_a_routine_row_that_describes_the_event_joins_it() -> None:
    police = make(1, POLICE, "Concern for welfare: carers unable to gain entry; officers forced entry, "
                             "Adult A found on the floor, ambulance called", "2023-03-01")
    carer = make(2, CARE, "Lunch call: no answer, police called and forced entry, Adult A found on the "
                          "floor, ambulance called", "2023-03-01")
    assert [p.entry_ids for p in merge.propose_groups([police, carer])] == [(1, 2)]


# -- learning from the reviewer -------------------------------------------------------------


def welfare_pair(first: int, day: str) -> list[Entry]:
    return [make(first, POLICE, "Concern for welfare: Adult B not answering the door, neighbours worried",
                 day),
            make(first + 1, ASC, "Telephone call from police: Adult B not answering the door, "
                                 "neighbours worried", day)]


def test_a_confirmed_kind_pair_raises_similar_pairs_and_a_rejected_one_stops_them() -> None:
    march, june = welfare_pair(1, "2023-03-01"), welfare_pair(3, "2023-06-12")
    assert merge.propose_groups(march + june) == []  # a welfare call and a phone call: different kinds
    confirmed = learn([(7, "confirmed", march)])
    assert [p.entry_ids for p in merge.propose_groups(june, learned=confirmed)] == [(3, 4)]
    assert confirmed.lines() == ["proposing concern for welfare with telephone call more readily "
                                 "(you confirmed group 7)"]
    assert "because you confirmed group 7" in explain(june, confirmed).reason

    police = make(5, POLICE, "Concern for welfare: Adult C found on the floor, ambulance called", "2023-04-02")
    crew = make(6, AMBULANCE, "Ambulance attended a concern for welfare: Adult C found on the floor",
                "2023-04-02")
    later = [make(8, POLICE, "Concern for welfare: Adult C found on the floor again, ambulance called",
                  "2023-09-20"),
             make(9, AMBULANCE, "Ambulance attended a concern for welfare: Adult C found on the floor",
                  "2023-09-20")]
    assert [p.entry_ids for p in merge.propose_groups([police, crew, *later])] == [(5, 6), (8, 9)]
    rejected = learn([(4, "rejected", [police, crew])])
    assert merge.propose_groups(later, learned=rejected) == []
    assert rejected.lines() == ["not proposing ambulance call-out with concern for welfare on the same day "
                                "(you rejected group 4)"]
    both = learn([(4, "rejected", [police, crew]), (9, "confirmed", [later[0], later[1]])])
    assert both.rejected == {} and len(both.confirmed) == 1  # confirmed elsewhere: not suppressed


# -- on a case file, through the dupes command ---------------------------------------------


@pytest.fixture
def adult_case(tmp_path: Path) -> Path:
    path = tmp_path / "adult-a.scrchron"
    with Case.create(path, Review("Adult A", "sar")) as case:
        ids = {agency: case.add_agency(NAMES[agency]).id for agency in NAMES}
        with case.write():
            insert_entries(case, [replace(entry, id=0, agency_id=ids[entry.agency_id])
                                  for entry in forced_entry_case() + welfare_pair(10, "2023-03-01")
                                  + welfare_pair(12, "2023-06-12")])
    return path


def dupes(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = cli_main(["dupes", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_dupes_shows_the_reason_and_primary_and_what_decisions_taught(
        adult_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (group,) = json.loads(dupes(capsys, str(adult_case), "--json"))
    assert len(group["entries"]) == 3 and group["agencies"] == ["Police", "Ambulance Service", "Adult Social Care"]
    assert group["primary"] == group["entries"][0] and "forced entry" in group["reason"]
    with Case.open(adult_case) as case:
        march = [e.id for e in list_entries(case) if e.start == "2023-03-01" and "Adult B" in e.event]
        merge.link_entries(case, march)
    out = dupes(capsys, str(adult_case))
    assert ("Learned from your decisions: proposing concern for welfare with telephone call more readily "
            "(you confirmed group") in out
    assert "  Why: same day; shared words: adult, answer, door, neighbour; proposed more readily" in out
    assert out.count("because you confirmed group") == 1  # the later pair, not the confirmed group itself
    assert "Proposals refreshed: 1 new" in out
    without = dupes(capsys, str(adult_case), "--no-learning")
    assert "Learned from" not in without and "1 withdrawn" in without


def test_the_three_review_labelled_set_reaches_point_nine_five() -> None:
    labelled = make_review_world()
    reviews = {entry.agency for entry in labelled.entries}
    assert len(labelled.entries) >= 600 and {"Care Provider", "IDVA Service", "Nursery"} <= reviews
    proposals = merge.propose_groups(labelled.entries)
    precision, recall = precision_recall([p.entry_ids for p in proposals], labelled.groups)
    assert precision >= 0.95 and recall >= 0.95


# -- dense cases ---------------------------------------------------------------------------


def test_day_apart_matches_do_not_chain_into_a_group_spanning_days() -> None:
    days = [(POLICE, "2022-03-01"), (ASC, "2022-03-02"), (GP, "2022-03-03"), (HOSPITAL, "2022-03-04"),
            (CARE, "2022-03-05")]
    rows = [make(n, agency, "Attended MARAC", day) for n, (agency, day) in enumerate(days, start=1)]
    assert [p.entry_ids for p in merge.propose_groups(rows)] == [(1, 2, 3), (4, 5)]


def test_a_conflicting_date_with_another_event_of_its_kind_nearby_is_not_guessed() -> None:
    first = [make(1, POLICE, "Case heard at MARAC - high risk", "2022-03-01"),
             make(2, ASC, "Case discussed at MARAC", "2022-03-01")]
    second = [make(3, POLICE, "MARAC meeting: police actions set", "2022-03-08"),
              make(4, HOSPITAL, "MARAC meeting - agency actions noted", "2022-03-08")]
    late = make(5, GP, "Attended MARAC", "2022-03-05")  # 4 days from the first, 3 from the second
    assert [p.entry_ids for p in merge.propose_groups([*first, *second, late])] == [(1, 2), (3, 4)]
    alone = merge.propose_groups([*first, late])
    assert [(p.entry_ids, p.conflict) for p in alone] == [((1, 2, 5), True)]


def test_a_month_entry_joins_only_when_its_month_holds_one_event_of_its_kind() -> None:
    month = Entry(agency_id=GP, agency="GP", event="Attended MARAC", id=5, date_text="Mar-22",
                  start="2022-03-01", end="2022-03-31", precision="month")
    first = [make(1, POLICE, "Case heard at MARAC - high risk", "2022-03-03"),
             make(2, ASC, "Case discussed at MARAC", "2022-03-03")]
    second = [make(3, POLICE, "MARAC meeting: police actions set", "2022-03-24"),
              make(4, HOSPITAL, "MARAC meeting - agency actions noted", "2022-03-24")]
    assert [p.entry_ids for p in merge.propose_groups([*first, month])] == [(1, 2, 5)]
    assert [p.entry_ids for p in merge.propose_groups([*first, *second, month])] == [(1, 2), (3, 4)]


def test_a_rejected_group_stops_its_kind_pair_across_the_case_until_learning_is_off(tmp_path: Path) -> None:
    path = tmp_path / "adult-c.scrchron"
    with Case.create(path, Review("Adult C", "sar")) as case:
        police, crew = case.add_agency("Police").id, case.add_agency("Ambulance Service").id
        with case.write():
            insert_entries(case, [
                replace(make(0, POLICE, "Concern for welfare: Adult C found on the floor, ambulance called",
                             "2023-04-02"), agency_id=police),
                replace(make(0, AMBULANCE, "Ambulance attended a concern for welfare: Adult C found on the "
                                           "floor", "2023-04-02"), agency_id=crew)])
        merge.refresh_proposals(case)
        (first,) = store_groups.list_groups(case)
        with case.write():
            store_groups.reject(case, first.id)
            insert_entries(case, [
                replace(make(0, POLICE, "Concern for welfare: Adult C on the floor again, ambulance called",
                             "2023-09-20"), agency_id=police),
                replace(make(0, AMBULANCE, "Ambulance attended a concern for welfare: Adult C found on the "
                                           "floor", "2023-09-20"), agency_id=crew)])
        assert merge.refresh_proposals(case).added == []
        assert merge.case_learning(case).lines() == [
            f"not proposing ambulance call-out with concern for welfare on the same day (you rejected group "
            f"{first.id})"]
        assert len(merge.refresh_proposals(case, learning=False).added) == 1


def test_the_forced_entry_in_other_words_is_still_one_group() -> None:
    entries = [
        make(1, POLICE, "Welfare check requested by the care agency: no reply at the flat. Door forced open "
                        "by officers; Adult D on the bathroom floor, NWAS called", "2024-11-02T09:50"),
        make(2, AMBULANCE, "Paramedics attended with police; Adult D found on floor, long lie, conveyed to A&E",
             "2024-11-02T10:20"),
        make(3, ASC, "Informed by police that they broke in to Adult D's flat this morning and the ambulance "
                     "took Adult D to hospital", "2024-11-02"),
        make(4, CARE, "Morning call: no access; card left, office informed", "2024-11-02"),
        make(5, DISTRICT_NURSES, "No access; card left", "2024-11-02"),
    ]
    assert [p.entry_ids for p in merge.propose_groups(entries)] == [(1, 2, 3)]


def test_dupes_reopen_takes_back_a_rejection_and_its_lesson(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    path = tmp_path / "adult-c.scrchron"
    call, crew = "Concern for welfare: Adult C found on the floor, ambulance called", (
        "Ambulance attended a concern for welfare: Adult C found on the floor")
    with Case.create(path, Review("Adult C", "sar")) as case:
        police, ambulance = case.add_agency("Police").id, case.add_agency("Ambulance Service").id
        with case.write():
            insert_entries(case, [replace(make(0, POLICE, text, day), agency_id=agency) for agency, text, day in (
                (police, call, "2023-04-02"), (ambulance, crew, "2023-04-02"),
                (police, call.replace("floor", "floor again"), "2023-09-20"), (ambulance, crew, "2023-09-20"))])
    april, _september = json.loads(dupes(capsys, str(path), "--json"))
    dupes(capsys, str(path), "--reject", str(april["id"]))
    out = dupes(capsys, str(path))
    assert "1 withdrawn" in out and "Learned from your decisions: not proposing ambulance call-out" in out
    reopened = json.loads(dupes(capsys, str(path), "--reopen", str(april["id"]), "--json"))
    assert reopened["status"] == "proposed" and reopened["entries"] == april["entries"]
    with Case.open(path) as case:
        assert store_groups.get_group(case, april["id"]).decided_at is None
    out = dupes(capsys, str(path))
    assert "Learned from" not in out and "1 new" in out  # September's pair is proposed again
    with Case.open(path) as case:
        linked = merge.link_entries(case, [e.id for e in list_entries(case) if e.start == "2023-09-20"])
    assert cli_main(["dupes", str(path), "--reopen", str(linked.id)]) != 0
    assert "was linked by hand" in capsys.readouterr().err
