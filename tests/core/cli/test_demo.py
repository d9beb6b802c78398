"""The bundled demo review: built from resources/demo/ through the same core calls a reviewer uses."""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

import scrchron.cli
from scrchron.analysis import operations
from scrchron.chronology import contact_gaps
from scrchron.cli import demo_commands
from scrchron.cli import main as cli_main
from scrchron.demo import demo_review, launch
from scrchron.store import Case, EntryQuery, groups, list_entries

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def demo_command_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo command is registered (the CLI's module list may not name it yet)."""
    if demo_commands not in scrchron.cli._MODULES:
        monkeypatch.setattr(scrchron.cli, "_MODULES", (*scrchron.cli._MODULES, demo_commands))


@pytest.fixture(autouse=True)
def qt_application(qapp: QApplication) -> QApplication:
    """A QApplication before any export draws the timeline.

    Without one the timeline makes a bare QGuiApplication, and every widget test
    that runs later in the session aborts.
    """
    return qapp


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Case]:
    path = demo_review.build_demo(tmp_path_factory.mktemp("demo") / demo_review.CASE_NAME)
    with Case.open(path, read_only=True) as case:
        yield case


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_demo_files", ROOT / "tools" / "make_demo_files.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the case --------------------------------------------------------------------------


def test_every_agency_file_is_imported_whole(demo_case: Case) -> None:
    generator = _generator()
    expected = {"Children's Social Care": len(generator.CSC_ROWS),
                "Police": sum(len(row) > 1 for row in generator.POLICE_ROWS),  # banner rows are not entries
                "Health Visiting": len(generator.HEALTH_ROWS), "GP": len(generator.GP_ROWS),
                "School": len(generator.SCHOOL_ROWS), "Housing": len(generator.HOUSING_ROWS)}
    entries = list_entries(demo_case, EntryQuery(include_hidden=True))
    assert Counter(e.agency for e in entries) == expected
    submitted = {s.file_name for s in demo_case.submissions()}
    assert submitted == {s.file for s in demo_review.DEMO_SUBMISSIONS}


def test_each_layout_is_read_as_its_agency_wrote_it(demo_case: Case) -> None:
    entries = list_entries(demo_case, EntryQuery(include_hidden=True))
    housing = [e for e in entries if e.agency == "Housing"]
    assert all("order-mdy" in e.flags for e in housing)  # 08/28/2014 is 28 August
    assert {e.start[:10] for e in housing if e.start} >= {"2014-08-28", "2015-03-09", "2015-08-03"}
    health = " ".join(e.event for e in entries if e.agency == "Health Visiting")
    assert "man’s jacket" in health  # Windows-1252 curly apostrophe decoded
    school = {e.date_text: e for e in entries if e.agency == "School"}
    assert school["Autumn term 2014"].precision == "term"
    csc = [e for e in entries if e.agency == "Children's Social Care"]
    assert [e.seq for e in csc] == sorted(e.seq for e in csc)  # both Word tables, in order
    assert any(e.uncertain for e in csc)  # "?early November 2014"
    assert not any(e.event.strip() == "2014" for e in entries)  # police banner rows are not entries


def test_obvious_same_event_groups_are_confirmed(demo_case: Case) -> None:
    entries = {e.id: e for e in list_entries(demo_case, EntryQuery(include_hidden=True))}
    confirmed = groups.list_groups(demo_case, statuses=["confirmed"])
    by_day = {entries[g.entry_ids[0]].start[:10]: {entries[i].agency for i in g.entry_ids}  # type: ignore[index]
              for g in confirmed}
    assert by_day["2014-10-07"] == {"Police", "Children's Social Care", "Health Visiting"}  # strategy discussion
    assert by_day["2014-10-30"] >= {"Police", "Children's Social Care", "Health Visiting", "School"}  # ICPC
    assert by_day["2015-01-22"] >= {"Police", "Children's Social Care", "Health Visiting", "Housing"}  # MARAC
    for group in confirmed:
        assert not group.conflict
    # What is not obvious is left for the reviewer.
    assert groups.list_groups(demo_case, statuses=["proposed"])


def test_a_gap_of_more_than_sixty_days_is_visible(demo_case: Case) -> None:
    review = demo_case.review()
    gaps = contact_gaps.find_gaps(list_entries(demo_case), scope_from=review.scope_from, scope_to=review.scope_to)
    assert [gap.days for gap in gaps if gap.days > contact_gaps.DEFAULT_GAP_DAYS]


def test_people_have_pseudonyms_and_the_subject_is_child_t(demo_case: Case) -> None:
    people = {p.name: p for p in operations.list_people(demo_case)}
    assert set(people) == {"Tommy Marsh", "Tanya Marsh", "Lee Dawson", "Jay Marsh"}
    assert people["Tommy Marsh"].is_subject and people["Tommy Marsh"].pseudonym == "Child T"
    assert people["Tanya Marsh"].pseudonym == "Mother"
    assert demo_case.review().subject_pseudonym == "Child T"


def test_episodes_findings_and_action_plan_are_present(demo_case: Case) -> None:
    episodes = operations.list_episodes(demo_case)
    assert len(episodes) == 2 and all(e.entries for e in episodes)
    findings = operations.list_findings(demo_case)
    assert findings and all(f.themes for f in findings)
    assert operations.list_recommendations(demo_case)
    actions = operations.list_actions(demo_case)
    complete = [a for a in actions if a.status == "complete"]
    assert complete and all(a.evidence for a in complete)
    assert len(operations.list_actions(demo_case, overdue_only=True)) == 1


# -- build and write ---------------------------------------------------------------------


def test_build_replaces_an_earlier_demo_and_leaves_no_backups(tmp_path: Path) -> None:
    first = demo_review.build_demo(tmp_path / demo_review.CASE_NAME)
    demo_review.build_demo(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == [demo_review.CASE_NAME]


def test_demo_command_writes_case_report_and_chronology(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli_main(["demo", "--out", str(out)]) == 0
    for name in (demo_review.CASE_NAME, demo_review.REPORT_NAME, demo_review.CHRONOLOGY_NAME):
        assert (out / name).stat().st_size > 0, name
    printed = capsys.readouterr().out
    assert str(out / demo_review.REPORT_NAME) in printed


def test_demo_people_cover_every_name_in_an_anonymised_export(tmp_path: Path) -> None:
    # The anonymised export refuses to write when a known name is left anywhere.
    assert cli_main(["demo", "--out", str(tmp_path), "--anonymise"]) == 0
    assert (tmp_path / demo_review.REPORT_NAME).stat().st_size > 0


def test_make_run_without_a_display_writes_the_demo_and_says_where(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from scrchron.ui import app

    monkeypatch.setattr(app, "has_display", lambda: False)
    monkeypatch.setattr(app, "run_app", lambda *args: pytest.fail("no window without a display"))
    assert launch.main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "No display" in printed
    for name in (demo_review.CASE_NAME, demo_review.REPORT_NAME, demo_review.CHRONOLOGY_NAME):
        assert str(tmp_path / name) in printed
        assert (tmp_path / name).is_file()


def test_committed_demo_files_match_their_generator(tmp_path: Path) -> None:
    written = _generator().write_all(tmp_path)
    assert {p.name for p in written} == {s.file for s in demo_review.DEMO_SUBMISSIONS}
    for path in written:
        committed = ROOT / "resources" / "demo" / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"resources/demo/{path.name} is out of date: run .venv/bin/python tools/make_demo_files.py")


def test_build_refuses_to_replace_a_demo_that_is_open(tmp_path: Path) -> None:
    from scrchron.store.lock import CaseLockedError

    path = demo_review.build_demo(tmp_path / demo_review.CASE_NAME)
    with Case.open(path), pytest.raises(CaseLockedError):
        demo_review.build_demo(path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [demo_review.CASE_NAME]
