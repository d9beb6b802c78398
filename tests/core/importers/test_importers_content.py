"""Columns chosen by what they hold: the labelled set of agency layouts, and the housing CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrchron.importers import parse_submission
from scrchron.importers.content import profile_column
from scrchron.importers.layout import choose_layout
from scrchron.importers.parsed import Cell, SourceTable

LABELLED = Path(__file__).resolve().parent / "data" / "column_choice.json"
HOUSING = (
    "Date,Contact,Notes\n"
    "14/03/2019,Tenancy,Report of a damaged front door; tenant said it was kicked in by an ex-partner\n"
    "20/03/2019,Repairs,Contractor boarded the door and booked a replacement\n"
    "02/04/2019,Tenancy,Tenant rang about rent arrears and asked for a payment plan\n"
    "11/04/2019,Repairs,New door fitted; tenant asked for a chain\n"
)


def _labelled() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LABELLED.read_text(encoding="utf-8"))
    return data


def _table(item: dict[str, Any]) -> SourceTable:
    rows: list[list[Cell]] = [list(item["headers"])]
    rows += [[value or None for value in row] for row in item["rows"]]
    return SourceTable(item["id"], "sheet", rows, list(range(1, len(rows) + 1)))


def _event_heading(item: dict[str, Any]) -> str | None:
    choice = choose_layout(_table(item), {}, None)
    if choice is None or "event" not in choice.layout.columns:
        return None
    return choice.layout.headers[choice.layout.columns["event"]]


def test_labelled_set_is_big_enough_and_sourced() -> None:
    data = _labelled()
    tables = data["tables"]
    assert len(tables) >= 60
    assert len({item["id"] for item in tables}) == len(tables)
    for item in tables:
        assert item["source"] in data["sources"], item["id"]
        assert item["event"] in item["headers"], item["id"]
        assert len(item["rows"]) >= 4 and all(len(row) == len(item["headers"]) for row in item["rows"])


def test_event_column_right_on_at_least_95_percent_of_the_labelled_set() -> None:
    tables = _labelled()["tables"]
    wrong = [(item["id"], _event_heading(item), item["event"]) for item in tables
             if _event_heading(item) != item["event"]]
    right = len(tables) - len(wrong)
    print(f"\nEvent column right on {right} of {len(tables)} labelled tables ({right / len(tables):.0%})")
    assert right / len(tables) >= 0.95, wrong


def test_housing_csv_maps_notes_to_the_event_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "housing.csv"
    path.write_text(HOUSING, encoding="utf-8")
    parsed = parse_submission(path)
    assert parsed.mapping == {"start_date": "Date", "event": "Notes", "contact_type": "Contact"}
    assert parsed.rows[0].fields["event"].startswith("Report of a damaged front door")
    assert parsed.rows[0].fields["contact_type"] == "Tenancy"
    assert any("'Notes' was taken as the event" in warning for warning in parsed.warnings)


def test_the_reviewer_still_decides(tmp_path: Path) -> None:
    path = tmp_path / "housing.csv"
    path.write_text(HOUSING, encoding="utf-8")
    by_hand = parse_submission(path, mapping_overrides={"event": "Contact"})
    assert by_hand.mapping["event"] == "Contact"
    assert not any("was taken as the event" in warning for warning in by_hand.warnings)
    saved = parse_submission(path, saved_mapping={"start_date": "Date", "event": "Contact"})
    assert saved.mapping["event"] == "Contact"


def test_clear_event_heading_wins_over_a_longer_analysis_column() -> None:
    item = next(t for t in _labelled()["tables"] if t["id"] == "event-and-long-comments")
    assert _event_heading(item) == "Event"


def test_from_and_to_holding_names_are_not_dates() -> None:
    item = next(t for t in _labelled()["tables"] if t["id"] == "subject-body")
    choice = choose_layout(_table(item), {}, None)
    assert choice is not None
    headers = choice.layout.headers
    assert {name: headers[col] for name, col in choice.layout.columns.items()} == {
        "start_date": "Sent", "event": "Body"}


def test_a_street_address_is_not_taken_for_the_event() -> None:
    choice = choose_layout(SourceTable("p", "sheet", [["Creation date", "Status", "Street address"]]
                                       + [[f"08/2{n}/2014", "Completed", f"{n}00 N Michigan Ave"]
                                          for n in range(5)], list(range(1, 7))), {}, None)
    assert choice is not None and "event" not in choice.layout.columns


def test_profile_tells_dates_times_labels_and_text_apart() -> None:
    assert profile_column(["14/03/2019", "2019-03-14T10:30:00", "May 2015", "w/c 3/3/14"]).dates == 1.0
    assert profile_column(["08:00", "19.30", "2140hrs", "7.30pm"]).times == 1.0
    labels = profile_column(["Tenancy", "Repairs", "Tenancy", "Repairs", "Tenancy"])
    assert labels.categorical and not labels.structured
    text = profile_column(["Tenant rang about arrears", "Door kicked in by an ex-partner"])
    assert text.free_text > labels.free_text and not text.categorical
