"""The event vocabulary reads every review type's wording (issue 20).

The phrases and their kinds come from tests/data/event_words_sources.tsv, collected from
public glossaries, procedures and guidance with each source recorded, not from the code.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scrchron.chronology import event_words

SOURCES = Path(__file__).parent / "data" / "event_words_sources.tsv"


def _rows() -> list[dict[str, str]]:
    lines = [line for line in SOURCES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


ROWS = _rows()


@pytest.mark.parametrize("row", ROWS, ids=[row["phrase"][:40] for row in ROWS])
def test_each_collected_phrase_is_read_as_its_kind(row: dict[str, str]) -> None:
    assert event_words.describe(row["phrase"]).main == row["kind"]


def test_every_collected_phrase_has_a_source_and_every_review_type_is_covered() -> None:
    assert all(row["source"].startswith("http") for row in ROWS)
    types = {row["review_type"] for row in ROWS}
    assert {"sar", "dhr", "police", "health", "mental_health", "education"} <= types


def test_kinds_the_issue_names_are_known() -> None:
    named = {"safeguarding_concern", "section_42", "care_act_assessment", "capacity_assessment",
             "best_interests", "dnacpr", "self_neglect", "hoarding", "care_package", "carers_assessment",
             "discharge", "district_nurse", "fall", "dash", "marac", "idva_referral", "clares_law", "dvpn",
             "bail", "harassment", "stalking", "coercive_control", "strangulation", "arrest", "charge", "nfa",
             "concern_welfare", "forced_entry", "missing", "s136", "ppn", "ed_attendance", "ambulance",
             "gp_appointment", "dna", "mha", "crisis_team", "mha_detention", "exclusion", "ehe"}
    assert named <= set(event_words.KIND_BY_NAME)
    assert named <= {row["kind"] for row in ROWS}
