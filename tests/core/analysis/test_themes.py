"""Themes as a reviewer names them: whole name, number, name before its parenthesis, a start.

The names are the default CSPR taxonomy (resources/themes/cspr.txt, from the
recurring themes of published reviews in DOMAIN.md); the numbers are the ids
``theme list`` prints, read from the case, never assumed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scrchron.analysis import operations
from scrchron.analysis.themes import resolve_theme
from scrchron.errors import ValidationError
from scrchron.records.analysis_records import Theme
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, add_entry

VOICE = "Voice of the child (child not seen, not heard)"


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    review = Review("Child T", "cspr", scope_from="2014-01-01", scope_to="2015-12-31")
    with Case.create(tmp_path / "t.scrchron", review) as opened:
        police = opened.add_agency("Police").id
        add_entry(opened, Entry(agency_id=police, event="Visit, Tommy not seen", date_text="9 Mar 2015",
                                start="2015-03-09", end="2015-03-09", precision="day"))
        yield opened


def number(case: Case, name: str) -> int:
    """The number ``theme list`` shows beside a theme."""
    return next(t.id for t in operations.list_themes(case) if t.name == name)


def unchanged(case: Case, typed: str, match: str) -> None:
    """Adding a finding, annotating and renaming with ``typed`` are refused and write nothing."""
    before = case.count("audit")
    for call in (lambda: operations.add_finding(case, "F", themes=[typed]),
                 lambda: operations.annotate_entry(case, 1, note="x", themes=[typed]),
                 lambda: operations.rename_theme(case, typed, "Something else")):
        with pytest.raises(ValidationError, match=match):
            call()
    assert case.count("audit") == before


@pytest.mark.parametrize("typed", [
    VOICE, "voice of the CHILD (child not seen, not heard)", "  Voice  of the child (child not seen,  not heard) ",
    "Voice of the child", "voice of the child", "Voice of the", "voi",
])
def test_every_way_of_naming_the_voice_of_the_child(case: Case, typed: str) -> None:
    finding = operations.add_finding(case, "Tommy was not seen", themes=[typed])
    assert finding.themes == [VOICE]
    operations.annotate_entry(case, 1, themes=[typed])
    assert operations.entry_themes(case, 1) == [VOICE]
    assert operations.update_finding(case, finding.id, themes=["Neglect", typed]).themes == [VOICE, "Neglect"]


def test_the_number_theme_list_shows(case: Case) -> None:
    voice = number(case, VOICE)
    assert operations.add_finding(case, "F", themes=[str(voice)]).themes == [VOICE]
    assert operations.add_finding(case, "G", themes=[voice]).themes == [VOICE]
    unchanged(case, "999", "no theme has that number")


def test_word_apostrophe_and_a_start(case: Case) -> None:
    assert operations.find_theme(case, "Babies\u2019 vulnerability").name == "Babies' vulnerability"
    assert operations.find_theme(case, "babies").name == "Babies' vulnerability"
    assert operations.find_theme(case, "Drift").name == "Drift and delay"


def test_a_whole_name_wins_over_a_longer_name_it_starts(case: Case) -> None:
    operations.add_theme(case, "Neglect (adolescent)")
    assert operations.find_theme(case, "neglect").name == "Neglect"
    assert operations.find_theme(case, "Neglect (adolescent)").name == "Neglect (adolescent)"


def test_the_part_before_a_parenthesis_wins_over_a_start(case: Case) -> None:
    operations.add_theme(case, "Voice of the child's family")
    assert operations.find_theme(case, "Voice of the child").name == VOICE
    assert operations.find_theme(case, "voice of the child's").name == "Voice of the child's family"


def test_an_ambiguous_start_lists_the_candidates_with_their_numbers(case: Case) -> None:
    governance = operations.add_theme(case, "Information governance")
    sharing = number(case, "Information sharing")
    with pytest.raises(ValidationError) as refused:
        operations.find_theme(case, "Information")
    assert str(refused.value) == (f"'Information' could mean: {sharing} Information sharing, "
                                  f"{governance.id} Information governance; type more of the name or its number.")
    unchanged(case, "parental", "'parental' could mean: .*Parental mental health.*Parental substance misuse")


def test_an_unknown_theme_names_close_ones_and_theme_list(case: Case) -> None:
    unchanged(case, "Luck", r"^Unknown theme 'Luck'\. See 'scrchron theme list'")
    unchanged(case, "Drift and dleay", "Unknown theme 'Drift and dleay'. Did you mean: Drift and delay?")
    unchanged(case, "Voice of child", f"Did you mean: {VOICE.replace('(', '.').replace(')', '.')}")
    unchanged(case, "   ", "Name a theme")


def test_renaming_by_what_people_type(case: Case) -> None:
    assert operations.rename_theme(case, "voice of the child", "Voice of the child").name == "Voice of the child"
    assert operations.rename_theme(case, "thresholds", "Thresholds").name == "Thresholds"


def test_resolve_theme_needs_no_case() -> None:
    themes = [Theme(4, "Risk assessment"), Theme(9, "Risk of exploitation"), Theme(12, "2014 changes")]
    assert resolve_theme(themes, "risk a").id == 4
    assert resolve_theme(themes, "9").id == 9
    assert resolve_theme(themes, "2014 CHANGES").id == 12
    with pytest.raises(ValidationError, match="'Risk' could mean: 4 Risk assessment, 9 Risk of exploitation"):
        resolve_theme(themes, "Risk")
