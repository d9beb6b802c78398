"""Core analysis operations: people, themes, episodes, findings, recommendations, actions, annotations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from scrchron.analysis import operations, themes
from scrchron.analysis.deletion import delete_record, preview_deletion, restore_record
from scrchron.errors import NotFoundError, ScrchronError, ValidationError
from scrchron.records.analysis_records import Action, ActionPlanSummary, Episode, Recommendation, check_status
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, add_entry, get_entry, update_entry


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    review = Review("Child T", "cspr", subject_name="Tommy Marsh", scope_from="2014-01-01",
                    scope_to="2015-12-31")
    with Case.create(tmp_path / "t.scrchron", review) as opened:
        police = opened.add_agency("Police").id
        health = opened.add_agency("Health Visiting", short_name="HV").id
        for agency, event, start, end in [
            (police, "Domestic incident", "2014-03-09", "2014-03-09"),          # 1
            (health, "New birth visit", "2014-03-20", "2014-03-20"),            # 2
            (police, "Neighbour call", "2014-04-09T19:30", "2014-04-09T19:30"),  # 3
            (health, "Visits during 2014", "2014-01-01", "2014-12-31"),          # 4
            (police, "Arrest", "2015-02-01", "2015-02-01"),                     # 5
            (health, "Undated note", None, None),                               # 6
        ]:
            add_entry(opened, Entry(agency_id=agency, event=event, date_text=start or "?", start=start,
                                    end=end, precision="day" if start else "unknown"))
        yield opened


def audit_count(case: Case) -> int:
    return case.count("audit")


def refused(case: Case, error: type[ScrchronError], match: str, call: object, *args: object,
            **kwargs: object) -> None:
    """``call`` raises ``error`` and writes nothing at all."""
    before = {table: case.count(table) for table in ("audit", "people", "episodes", "findings",
                                                     "recommendations", "actions", "themes")}
    with pytest.raises(error, match=match):
        call(*args, **kwargs)  # type: ignore[operator]
    assert before == {table: case.count(table) for table in before}


# -- people --------------------------------------------------------------------


def test_add_person_and_list(case: Case) -> None:
    tanya = operations.add_person(case, " Tanya  Marsh ", "Mother", aliases=["Ms Marsh", "ms marsh", "Tan"],
                                role="mother", dob="1990-05-01")
    assert (tanya.name, tanya.pseudonym, tanya.aliases, tanya.dob) == (
        "Tanya Marsh", "Mother", ["Ms Marsh", "Tan"], "1990-05-01")
    record = case.audit_log(1)[0]
    assert (record.action, record.table, record.row_id) == ("insert", "people", tanya.id)
    assert "Tanya Marsh" in (record.new or "")
    assert [p.name for p in operations.list_people(case)] == ["Tanya Marsh"]


def test_only_one_subject_and_the_review_follows(case: Case) -> None:
    first = operations.add_person(case, "Tommy Marsh", "Child T", subject=True, dob="2012-09-20")
    review = case.review()
    assert (review.subject_name, review.subject_pseudonym, review.subject_dob) == (
        "Tommy Marsh", "Child T", "2012-09-20")
    second = operations.add_person(case, "Kayden Marsh", "Child K", subject=True)
    people = {p.id: p for p in operations.list_people(case)}
    assert people[second.id].is_subject and not people[first.id].is_subject
    assert case.review().subject_name == "Kayden Marsh"
    changes = [(r.table, r.row_id, r.field) for r in case.audit_log(6)]
    assert ("people", first.id, "is_subject") in changes and ("review", 1, "subject_name") in changes


def test_renaming_the_subject_is_not_checked_against_its_old_name(case: Case) -> None:
    tommy = operations.add_person(case, "Tommy Marsh", "Child T", subject=True)
    renamed = operations.update_person(case, tommy.id, name="Thomas Marsh", aliases=["Tommy"])
    assert renamed.name == "Thomas Marsh" and case.review().subject_name == "Thomas Marsh"


def test_update_and_remove_person(case: Case) -> None:
    lee = operations.add_person(case, "Lee Smith", "Mother's partner", aliases=["Smithy"])
    lee = operations.update_person(case, lee.id, aliases=["Leo"], role="partner")
    assert lee.aliases == ["Leo"] and lee.role == "partner"
    fields = {r.field for r in case.audit_log(2)}
    assert {"aliases", "role"} <= fields
    operations.remove_person(case, lee.id)
    assert operations.list_people(case) == [] and case.audit_log(1)[0].action == "delete"
    with pytest.raises(NotFoundError, match="no person 99"):
        operations.update_person(case, 99, role="x")


@pytest.mark.parametrize(("name", "pseudonym", "aliases", "dob", "match"), [
    ("", "Mother", [], None, "needs a name"),
    ("Jo Lee", " ", [], None, "needs a pseudonym"),
    ("Jo Lee", "Aunt", ["J"], None, "has one letter"),
    ("T", "Aunt", [], None, "at least 2 characters"),
    ("Jo Lee", "Aunt", ["'Jo"], None, "begin and end with a letter"),
    ("Jo Lee", "Aunt", [], "32/13/2000", "not a date"),
    ("Jo Lee", "Tanya", [], None, "contains 'Tanya'"),
    ("Jo Lee", "Aunt", ["Tan"], None, "'Tan' names both"),
    ("Jo Lee", "Aunt", ["Marsh"], None, "'Marsh' names both"),
    ("Tanya Marsh", "Aunt", [], None, "'Tanya Marsh' names both"),
    ("Jo Lee", "mother", [], None, "already used for Tanya Marsh"),
])
def test_bad_people_are_refused_and_nothing_is_written(case: Case, name: str, pseudonym: str,
                                                       aliases: list[str], dob: str | None,
                                                       match: str) -> None:
    operations.add_person(case, "Tanya Marsh", "Mother", aliases=["Tan"])
    refused(case, ValidationError, match, operations.add_person, case, name, pseudonym, aliases=aliases,
            dob=dob)


def test_the_review_subject_counts_when_checking_people(case: Case) -> None:
    case.update_review(subject_pseudonym="Child T")
    refused(case, ValidationError, "already used for Tommy Marsh", operations.add_person, case,
            "Jo Lee", "Child T")
    refused(case, ValidationError, "contains 'Tommy'", operations.add_person, case, "Jo Lee", "Tommy")


# -- themes ----------------------------------------------------------------------


def test_themes_seeded_added_and_renamed(case: Case) -> None:
    seeded = operations.list_themes(case)
    assert [t.name for t in seeded] == list(themes.default_themes("cspr"))
    assert all(t.builtin for t in seeded)
    housing = operations.add_theme(case, "  Housing ")
    assert housing.name == "Housing" and not housing.builtin
    assert operations.list_themes(case)[-1].id == housing.id
    renamed = operations.rename_theme(case, "neglect", "Neglect and poverty")
    assert renamed.builtin and case.audit_log(1)[0].new == "Neglect and poverty"
    assert operations.rename_theme(case, housing.id, "housing").name == "housing"
    refused(case, ValidationError, "already a theme", operations.add_theme, case, "HOUSING")
    refused(case, ValidationError, "already a theme", operations.rename_theme, case, "housing", "Drift and delay")
    refused(case, ValidationError, "Unknown theme 'Nope'", operations.rename_theme, case, "Nope", "X")
    refused(case, ValidationError, "needs a name", operations.add_theme, case, " ")


# -- episodes --------------------------------------------------------------------


def test_add_episode_with_entries_chosen_one_by_one(case: Case) -> None:
    episode = operations.add_episode(case, "Birth", entries=[2, 1, 2], summary=" S ", analysis="A",
                                   good_practice="GP", questions="Q?")
    assert (episode.number, episode.entries, episode.summary) == (1, [1, 2], "S")
    assert (episode.good_practice, episode.questions) == ("GP", "Q?")
    fields = [(r.action, r.field) for r in case.audit_log(2)]
    assert fields == [("update", "entries"), ("insert", "")]


def test_add_episode_by_period_and_agency(case: Case) -> None:
    police = operations.add_episode(case, "Police spring", period_from="2014-03-01", period_to="2014-04-30",
                                  agencies=["police"])
    assert police.entries == [1, 3]  # the whole-year entry 4 is not inside the period
    everyone = operations.add_episode(case, "Spring", period_from="2014-03-01", period_to="2014-04-30",
                                    in_period=True, entries=[5])
    assert everyone.entries == [1, 2, 3, 5] and everyone.number == 2  # episodes overlap
    open_ended = operations.add_episode(case, "Later", period_from="2015-01-01", in_period=True)
    assert open_ended.entries == [5]
    update_entry(case, 3, {"withdrawn": True})
    assert operations.select_entries(case, "2014-03-01", "2014-04-30", ["HV", "Police"]) == [1, 2]


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"title": " "}, ValidationError, "needs a title"),
    ({"title": "E", "period_from": "2014-05-01", "period_to": "2014-04-01"}, ValidationError, "ends"),
    ({"title": "E", "entries": [1, 98, 99]}, NotFoundError, "no entries 98, 99"),
    ({"title": "E", "entries": [99]}, NotFoundError, "no entry 99"),
    ({"title": "E", "period_from": "2014-01-01", "agencies": ["Housing"]}, NotFoundError, "no agency"),
    ({"title": "E", "agencies": ["Police"]}, ValidationError, "needs a start or an end"),
])
def test_bad_episodes_are_refused(case: Case, kwargs: dict[str, object], error: type[ScrchronError],
                                  match: str) -> None:
    refused(case, error, match, operations.add_episode, case, **kwargs)


def test_update_move_and_remove_episodes(case: Case) -> None:
    first, second, third = (operations.add_episode(case, title) for title in ("A", "B", "C"))
    updated = operations.update_episode(case, second.id, title="B2", period_from="2014-01-01", entries=[5, 1])
    assert (updated.title, updated.period_from, updated.entries) == ("B2", "2014-01-01", [1, 5])
    refused(case, ValidationError, "ends", operations.update_episode, case, second.id, period_to="2013-01-01")
    refused(case, NotFoundError, "no entry 42", operations.update_episode, case, second.id, entries=[42])
    order = operations.move_episode(case, third.id, 1)
    assert [(e.number, e.title) for e in order] == [(1, "C"), (2, "A"), (3, "B2")]
    assert {(r.row_id, r.field) for r in case.audit_log(3)} == {(third.id, "number"), (first.id, "number"),
                                                                (second.id, "number")}
    refused(case, ValidationError, "from 1 to 3", operations.move_episode, case, first.id, 4)
    refused(case, NotFoundError, "no episode 77", operations.move_episode, case, 77, 1)
    finding = operations.add_finding(case, "F", episodes=[first.id, second.id])
    operations.remove_episode(case, first.id)
    assert [(e.number, e.title) for e in operations.list_episodes(case)] == [(1, "C"), (2, "B2")]
    assert operations.get_finding(case, finding.id).episodes == [second.id]


# -- findings ----------------------------------------------------------------------


def test_add_finding_with_themes_evidence_and_agencies(case: Case) -> None:
    episode = operations.add_episode(case, "E")
    finding = operations.add_finding(case, "Information was not shared", narrative="Because...",
                                   themes=["information sharing", "Drift and delay"], episodes=[episode.id],
                                   entries=[3, 1], agencies=["HV", "Police"])
    assert finding.themes == ["Information sharing", "Drift and delay"]  # taxonomy order
    assert (finding.episodes, finding.entries) == ([episode.id], [1, 3])
    assert finding.agencies == ["Health Visiting", "Police"]
    assert finding.as_dict()["text"] == "Because..."
    assert {r.field for r in case.audit_log(5)} == {"", "themes", "episodes", "entries", "agencies"}


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"title": ""}, ValidationError, "needs a title"),
    ({"title": "F", "themes": ["Luck"]}, ValidationError, "Unknown theme 'Luck'"),
    ({"title": "F", "episodes": [5]}, NotFoundError, "no episode 5"),
    ({"title": "F", "entries": [50]}, NotFoundError, "no entry 50"),
    ({"title": "F", "agencies": ["School"]}, NotFoundError, "no agency 'School'"),
])
def test_bad_findings_are_refused(case: Case, kwargs: dict[str, object], error: type[ScrchronError],
                                  match: str) -> None:
    refused(case, error, match, operations.add_finding, case, **kwargs)


def test_update_move_and_remove_findings(case: Case) -> None:
    one = operations.add_finding(case, "One", themes=["Neglect"])
    two = operations.add_finding(case, "Two")
    changed = operations.update_finding(case, one.id, narrative="Now explained", themes=[], entries=[2])
    assert (changed.title, changed.narrative, changed.themes, changed.entries) == (
        "One", "Now explained", [], [2])
    assert [f.title for f in operations.move_finding(case, two.id, 1)] == ["Two", "One"]
    rec = operations.add_recommendation(case, "Do it", findings=[one.id, two.id])
    operations.remove_finding(case, one.id)
    assert operations.get_recommendation(case, rec.id).findings == [two.id]
    assert [(f.number, f.title) for f in operations.list_findings(case)] == [(1, "Two")]
    with pytest.raises(ValueError, match="no colour"):
        operations.update_finding(case, two.id, colour="red")


# -- recommendations and the action plan -------------------------------------------


def test_recommendations(case: Case) -> None:
    finding = operations.add_finding(case, "F")
    rec = operations.add_recommendation(case, "Share information", findings=[finding.id], owner="hv")
    assert (rec.number, rec.owner, rec.findings) == (1, "Health Visiting", [finding.id])
    partnership = operations.add_recommendation(case, "Audit", owner=" Safeguarding  Partnership ")
    assert partnership.owner == "Safeguarding Partnership" and partnership.number == 2
    refused(case, NotFoundError, "no finding 9", operations.add_recommendation, case, "X", findings=[9])
    refused(case, ValidationError, "needs its text", operations.add_recommendation, case, "  ")
    updated = operations.update_recommendation(case, rec.id, text="Share more", findings=[])
    assert (updated.text, updated.findings, updated.owner) == ("Share more", [], "Health Visiting")
    assert [r.number for r in operations.move_recommendation(case, partnership.id, 1)] == [1, 2]
    operations.add_action(case, rec.id, "Train")
    refused(case, ValidationError, "remove them first", operations.remove_recommendation, case, rec.id)
    operations.remove_recommendation(case, partnership.id)
    assert [(r.number, r.id) for r in operations.list_recommendations(case)] == [(1, rec.id)]


def test_actions_and_overdue(case: Case) -> None:
    rec = operations.add_recommendation(case, "R")
    late = operations.add_action(case, rec.id, "Train staff", owner="Named nurse", due="2015-01-31",
                               status="In-Progress")
    done = operations.add_action(case, rec.id, "Audit", due="2015-01-01", status="complete", evidence="Report")
    later = operations.add_action(case, rec.id, "Review", due="2016-06-01")
    assert late.status == "in progress" and late.updated_at
    today = date(2016, 1, 1)
    assert [a.is_overdue(today) for a in (late, done, later)] == [True, False, False]
    assert late.as_dict(today)["overdue"] is True and late.overdue is True
    assert [a.id for a in operations.list_actions(case, overdue_only=True, today=today)] == [late.id]
    assert [a.id for a in operations.list_actions(case)] == [done.id, late.id, later.id]  # by due date
    updated = operations.update_action(case, late.id, status="complete", evidence="Training register")
    assert (updated.status, updated.evidence) == ("complete", "Training register")
    assert {"status", "evidence"} <= {r.field for r in case.audit_log(3) if r.row_id == late.id}
    refused(case, ValidationError, "Unknown status 'done'", operations.update_action, case, late.id, status="done")
    refused(case, NotFoundError, "no recommendation 9", operations.add_action, case, 9, "X")
    refused(case, NotFoundError, "no recommendation 9", operations.update_action, case, late.id,
            recommendation_id=9)
    refused(case, ValidationError, "needs its text", operations.add_action, case, rec.id, "")
    refused(case, ValidationError, "not a date", operations.add_action, case, rec.id, "X", due="soon")
    operations.remove_action(case, later.id)
    assert len(operations.list_actions(case, recommendation_id=rec.id)) == 2


def test_action_plan_summary(case: Case) -> None:
    one = operations.add_recommendation(case, "One")
    two = operations.add_recommendation(case, "Two")
    operations.add_recommendation(case, "Three")
    operations.add_action(case, one.id, "a", status="complete", evidence="minutes")
    operations.add_action(case, one.id, "b", status="complete")
    operations.add_action(case, two.id, "c", due="2015-01-01")
    operations.add_action(case, two.id, "d", due="2015-01-01", status="in progress")
    summary = operations.action_plan_summary(case, today=date(2016, 1, 1))
    assert summary.total == 4 and summary.overdue == 2
    assert summary.by_status == {"not started": 1, "in progress": 1, "complete": 2}
    assert (summary.complete_with_evidence, summary.complete_without_evidence) == (1, 1)
    assert summary.recommendations == 3
    assert summary.recommendations_complete == [one.id]
    assert len(summary.recommendations_without_actions) == 1
    assert summary.as_dict()["today"] == "2016-01-01"


def test_model_checks() -> None:
    assert check_status(" Not_Started ") == "not started"
    assert Action(1, "x", due=None).is_overdue(date(2030, 1, 1)) is False
    assert Episode("E", period_from="2014-01-01").validate().as_dict()["to"] is None
    assert Recommendation("R", owner=" a  b ").validate().owner == "a b"
    empty = ActionPlanSummary.of([], [], date(2020, 1, 1))
    assert empty.total == 0 and empty.by_status["complete"] == 0


# -- annotations --------------------------------------------------------------------


def test_annotate_entry(case: Case) -> None:
    entry = operations.annotate_entry(case, 2, note=" Baby not seen awake ", significance="Key",
                                    good_practice=True, child_seen=False, child_views=True,
                                    themes=["Babies' vulnerability", "neglect"])
    assert (entry.reviewer_note, entry.significance, entry.good_practice) == ("Baby not seen awake", "key", True)
    assert (entry.child_seen, entry.child_views) == (False, True)
    assert operations.entry_themes(case, 2) == ["Neglect", "Babies' vulnerability"]
    fields = {r.field for r in case.audit_log(6) if r.row_id == 2}
    assert {"reviewer_note", "significance", "good_practice", "child_views", "themes"} <= fields
    cleared = operations.annotate_entry(case, 2, significance="", themes=[])
    assert cleared.significance == "" and operations.entry_themes(case, 2) == []
    assert cleared.reviewer_note == "Baby not seen awake"  # None leaves a field as it is
    refused(case, ValidationError, "Significance must be", operations.annotate_entry, case, 2,
            significance="vital")
    refused(case, ValidationError, "Unknown theme", operations.annotate_entry, case, 2, note="x", themes=["?"])
    refused(case, NotFoundError, "no entry 99", operations.annotate_entry, case, 99, note="x")
    assert get_entry(case, 2).reviewer_note == "Baby not seen awake"


# -- deleting with everything linked, and putting it back ---------------------------

#: Every table an analysis record or its links live in (entries and agencies are only pointed at).
ANALYSIS_TABLES = ("people", "episodes", "episode_entries", "findings", "finding_themes", "finding_entries",
                   "finding_episodes", "finding_agencies", "recommendations", "recommendation_findings",
                   "actions", "entry_themes", "themes", "entries", "agencies")


def every_row(case: Case) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every analysis and link table, in a fixed order, to compare exactly."""
    return {table: sorted(tuple(row) for row in case.db.conn.execute(f"SELECT * FROM [{table}]"))
            for table in ANALYSIS_TABLES}


@pytest.fixture
def review(case: Case) -> dict[str, int]:
    """Three episodes, three findings, three recommendations with actions, a person."""
    ids: dict[str, int] = {}
    for n, title in enumerate(("Birth", "Referrals", "Step down"), start=1):
        ids[f"e{n}"] = operations.add_episode(case, title, entries=[n, n + 1]).id
    ids["f1"] = operations.add_finding(case, "Fathers unseen", themes=["Invisible fathers and male carers"]).id
    ids["f2"] = operations.add_finding(case, "Referrals judged one at a time", narrative="Each alone.",
                                     themes=["Information sharing", "Drift and delay"],
                                     episodes=[ids["e1"], ids["e2"]], entries=[3, 1],
                                     agencies=["Police", "HV"]).id
    ids["f3"] = operations.add_finding(case, "Step down too soon", episodes=[ids["e2"]]).id
    ids["r1"] = operations.add_recommendation(case, "Share PPNs", findings=[ids["f2"]], owner="Police").id
    ids["r2"] = operations.add_recommendation(case, "Audit step down", findings=[ids["f2"], ids["f3"]]).id
    ids["r3"] = operations.add_recommendation(case, "Think family", findings=[ids["f1"]]).id
    ids["a1"] = operations.add_action(case, ids["r2"], "Audit 20 cases", due="2016-03-31", status="in progress").id
    ids["a2"] = operations.add_action(case, ids["r2"], "Report to board", evidence="Minutes").id
    ids["a3"] = operations.add_action(case, ids["r1"], "Train officers").id
    ids["p1"] = operations.add_person(case, "Lee Smith", "Mother's partner", aliases=["Smithy"]).id
    operations.annotate_entry(case, 3, themes=["Neglect"])
    return ids


@pytest.mark.parametrize(("table", "key"), [
    ("findings", "f2"), ("findings", "f1"), ("episodes", "e2"), ("episodes", "e1"),
    ("recommendations", "r2"), ("recommendations", "r1"), ("actions", "a1"), ("people", "p1"),
])
def test_delete_then_restore_puts_back_every_row_exactly(case: Case, review: dict[str, int], table: str,
                                                         key: str) -> None:
    before = every_row(case)
    snapshot = delete_record(case, table, review[key])
    after_delete = every_row(case)
    assert after_delete != before
    assert review[key] not in [row[0] for row in after_delete[table]]
    audits = case.count("audit")
    restore_record(case, snapshot)
    assert every_row(case) == before
    restores = [r for r in case.audit_log(case.count("audit") - audits) if r.action == "restore"]
    assert (table, review[key]) in {(r.table, r.row_id) for r in restores}


def test_deleting_a_finding_closes_the_gap_and_undo_reopens_it(case: Case, review: dict[str, int]) -> None:
    snapshot = delete_record(case, "findings", review["f2"])
    assert [(f.number, f.title) for f in operations.list_findings(case)] == [
        (1, "Fathers unseen"), (2, "Step down too soon")]
    assert operations.get_recommendation(case, review["r1"]).findings == []  # it stays, answering nothing
    assert operations.get_recommendation(case, review["r2"]).findings == [review["f3"]]
    assert {(r.action, r.table) for r in case.audit_log(12)} >= {
        ("delete", "findings"), ("delete", "finding_themes"), ("delete", "recommendation_findings")}
    restore_record(case, snapshot)
    restored = operations.get_finding(case, review["f2"])
    assert (restored.number, restored.narrative, restored.entries) == (2, "Each alone.", [1, 3])
    assert restored.themes == ["Information sharing", "Drift and delay"]
    assert restored.agencies == ["Health Visiting", "Police"]
    assert operations.get_recommendation(case, review["r2"]).findings == [review["f2"], review["f3"]]


def test_deleting_a_recommendation_takes_its_actions_and_undo_brings_them_back(
        case: Case, review: dict[str, int]) -> None:
    before = {a.id: a for a in operations.list_actions(case)}
    snapshot = delete_record(case, "recommendations", review["r2"])
    assert [a.id for a in operations.list_actions(case)] == [review["a3"]]
    assert [r.number for r in operations.list_recommendations(case)] == [1, 2]
    restore_record(case, snapshot)
    assert {a.id: a for a in operations.list_actions(case)} == before  # ids, due dates, updated_at too
    assert operations.get_recommendation(case, review["r2"]).number == 2


def test_the_command_line_remove_still_refuses_a_recommendation_with_actions(
        case: Case, review: dict[str, int]) -> None:
    refused(case, ValidationError, "2 action\\(s\\); remove them first", operations.remove_recommendation,
            case, review["r2"])


def test_restore_refuses_when_something_linked_has_gone_and_writes_nothing(
        case: Case, review: dict[str, int]) -> None:
    episode = delete_record(case, "episodes", review["e2"])  # cited by findings 2 and 3
    delete_record(case, "findings", review["f3"])
    before, audits = every_row(case), case.count("audit")
    with pytest.raises(ValidationError, match=r"episode \d+ cannot be put back: something it was linked"):
        restore_record(case, episode)
    assert every_row(case) == before and case.count("audit") == audits
    finding = delete_record(case, "findings", review["f1"])
    restore_record(case, finding)
    with pytest.raises(ValidationError, match="another finding with its id"):
        restore_record(case, finding)


def test_the_confirmation_says_what_goes_and_what_stays(case: Case, review: dict[str, int]) -> None:
    before, audits = every_row(case), case.count("audit")
    finding = preview_deletion(case, "findings", review["f2"])
    assert finding.headline == ("Finding 2 (“Referrals judged one at a time”) and its links to 2 entries, "
                                "2 episodes, 2 themes, 2 agencies and 2 recommendations")
    assert finding.notes == ["Recommendations 1 and 2 stay but no longer answer it.",
                             "Recommendation 1 will then answer no finding: link another finding or "
                             "delete it too."]
    cited_once = preview_deletion(case, "findings", review["f3"])  # only recommendation 2 answers it
    assert cited_once.notes == ["Recommendation 2 stays but no longer answers it."]
    episode = preview_deletion(case, "episodes", review["e2"])
    assert episode.headline == "Episode 2 (“Referrals”) and its links to 2 entries and 2 findings"
    assert episode.notes == ["The 2 entries stay in the chronology.",
                             "Findings 2 and 3 stay but no longer cite it as evidence."]
    recommendation = preview_deletion(case, "recommendations", review["r2"])
    assert recommendation.headline == "Recommendation 2, its 2 actions and its links to 2 findings"
    assert recommendation.notes[0] == "Its 2 actions leave the action plan with it."
    action = preview_deletion(case, "actions", review["a3"])
    assert action.headline == "The action “Train officers” of recommendation 1"
    person = preview_deletion(case, "people", review["p1"])
    assert person.notes == ["Anonymised exports will no longer replace “Lee Smith” with “Mother's partner”."]
    assert every_row(case) == before and case.count("audit") == audits  # a preview writes nothing
