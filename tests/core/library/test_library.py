"""The learning library's views over three invented reviews (tests/library_reviews.py).

Every expected figure is worked out by hand from ``REVIEWS``: which review carries which theme,
which action is past its due date on ``TODAY``, which recommendations say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from library_reviews import REVIEWS, TODAY, Act, Rec, Spec, build_case, build_library_cases

from scrchron.analysis import operations
from scrchron.library import LibraryStore, ViewFilter, add_cases, refresh, views
from scrchron.store import Case

ON = date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_library_cases(tmp_path_factory.mktemp("reviews"))


@pytest.fixture
def library(tmp_path: Path, cases: list[Path]) -> Iterator[LibraryStore]:
    with LibraryStore.open(tmp_path / "learning.scrlib", create=True) as store:
        add_cases(store, cases)
        yield store


def _themes(library: LibraryStore, where: ViewFilter = views.ALL) -> dict[str, tuple[int, int]]:
    return {t.theme: (t.reviews, t.findings) for t in views.themes_across(library, where)}


def test_every_review_is_read_with_its_counts(library: LibraryStore) -> None:
    listed = {Path(c.path).name: c for c in library.cases()}
    assert {name: c.status for name, c in listed.items()} == {spec.name: "read" for spec in REVIEWS}
    for spec in REVIEWS:
        case = listed[spec.name]
        assert (case.title, case.review_type) == (spec.review.title, spec.review.review_type)
        assert case.findings == len(spec.findings)
        assert case.recommendations == len(spec.recommendations)
        assert case.actions == sum(len(rec.actions) for rec in spec.recommendations)


def test_themes_across_reviews_recurring_first(library: LibraryStore) -> None:
    themes = views.themes_across(library)
    assert [t.theme for t in themes] == ["Information sharing", "Domestic abuse and coercive control",
                                         "Self-neglect", "Voice of the child (child not seen, not heard)"]
    sharing = themes[0]
    assert (sharing.reviews, sharing.findings, sharing.recurring) == (3, 3, True)
    assert sharing.by_type == {"cspr": 1, "dhr": 1, "sar": 1}
    assert sharing.by_year == {"2021": 2, "2022": 1}
    assert (themes[1].by_type, themes[1].by_year) == ({"cspr": 1, "dhr": 1}, {"2021": 2})
    assert not themes[2].recurring


def test_theme_map_filters(library: LibraryStore) -> None:
    assert _themes(library, ViewFilter(review_type="sar")) == {"Information sharing": (1, 1), "Self-neglect": (1, 1)}
    assert _themes(library, ViewFilter(year=2021)) == {
        "Information sharing": (2, 2), "Domestic abuse and coercive control": (2, 2),
        "Voice of the child (child not seen, not heard)": (1, 1)}
    assert _themes(library, ViewFilter(agency="probation")) == {
        "Information sharing": (1, 1), "Domestic abuse and coercive control": (1, 1)}
    # Child T was born 2020-11-01 and harmed 2021-05-10; Adult A born 1950; Jo born 1985 (36 at the death).
    assert set(_themes(library, ViewFilter(age_band="under 1"))) == {
        "Information sharing", "Domestic abuse and coercive control",
        "Voice of the child (child not seen, not heard)"}
    assert set(_themes(library, ViewFilter(age_band="65 and over"))) == {"Information sharing", "Self-neglect"}
    assert set(_themes(library, ViewFilter(age_band="26-64"))) == {
        "Information sharing", "Domestic abuse and coercive control"}
    assert _themes(library, ViewFilter(review_type="dhr", year=2022)) == {}


def test_findings_carrying_a_theme(library: LibraryStore) -> None:
    found = views.theme_findings(library, "domestic abuse and coercive control")
    assert found == [("CSPR Child T", 1, "Domestic abuse reports were not shared with the health visitor"),
                     ("DHR Jo", 1, "Coercive control was not recognised")]


def test_every_action_plan_in_one_place(library: LibraryStore) -> None:
    plan = views.action_plan(library, today=ON)
    assert len(plan) == 6  # five actions, and one recommendation with no action yet
    assert [(a.review, a.text) for a in plan if a.overdue] == [
        ("CSPR Child T", "Write a notification protocol"), ("SAR Adult A", "Extend the protocol to adult social care")]
    waiting = [a for a in plan if a.status == "no action yet"]
    assert [(a.review, a.recommendation, a.owner) for a in waiting] == [("CSPR Child T", 3, "Safeguarding Partnership")]


def test_what_an_agency_still_owes(library: LibraryStore) -> None:
    police = views.action_plan(library, ViewFilter(agency="POLICE"), today=ON)
    assert [(a.review, a.due) for a in police] == [("CSPR Child T", "2022-01-31"), ("SAR Adult A", "2022-12-31")]
    # Jo's recommendation is owned by the police, but its action by probation: the action's owner counts.
    assert [a.review for a in views.action_plan(library, ViewFilter(agency="Probation"), today=ON)] == ["DHR Jo"]
    overdue = views.action_plan(library, ViewFilter(agency="Children's Social Care"), overdue_only=True, today=ON)
    assert overdue == []  # one complete, one due in June 2023
    later = views.action_plan(library, ViewFilter(agency="Children's Social Care"), overdue_only=True,
                              today=date(2023, 7, 1))
    assert [a.text for a in later] == ["Audit visits"]


def test_action_plan_filters_by_review_type(library: LibraryStore) -> None:
    assert {a.review for a in views.action_plan(library, ViewFilter(review_type="cspr"), today=ON)} == {"CSPR Child T"}


def test_recurring_recommendations_are_grouped(library: LibraryStore) -> None:
    groups = views.recurring_recommendations(library)
    assert [(g.theme, g.owner.lower(), len(g.reviews)) for g in groups] == [
        ("Information sharing", "police", 3), ("Domestic abuse and coercive control", "police", 2)]
    assert sorted(groups[0].reviews) == ["CSPR Child T", "DHR Jo", "SAR Adult A"]
    assert [g.theme for g in views.recurring_recommendations(library, minimum=3)] == ["Information sharing"]


def test_different_text_or_owner_is_not_grouped(library: LibraryStore) -> None:
    texts = {text for g in views.recurring_recommendations(library, minimum=1) for text in g.texts}
    assert "Children's social care should see the child alone at every visit" in texts
    alone = [g for g in views.recurring_recommendations(library, minimum=1) if g.owner == "Children's Social Care"]
    assert [len(g.reviews) for g in alone] == [1]


def test_agency_involvement_across_reviews(library: LibraryStore) -> None:
    agencies = {a.agency: a for a in views.agencies_across(library)}
    police = agencies["Police"]
    known = sorted((date.fromisoformat(s.review.incident_date or "") - date.fromisoformat(s.agencies["Police"])).days
                   for s in REVIEWS)
    assert (police.reviews, police.share, police.median_days_before, police.in_findings) == (3, 1.0, known[1], 2)
    probation = agencies["Probation"]
    assert (probation.reviews, probation.share, probation.median_days_before) == (1, 0.333, 181)
    assert agencies["Health Visiting"].in_findings == 0
    assert views.agencies_across(library)[0].agency == "Police"


def test_plan_at_the_incident(library: LibraryStore) -> None:
    assert views.plan_shares(library) == {"reviews": 3, "recorded": 2, "plans": {
        "child protection plan": {"reviews": 1, "share_of_recorded": 0.5},
        "none": {"reviews": 1, "share_of_recorded": 0.5}}}


def test_no_name_and_no_entry_reaches_the_library(library: LibraryStore) -> None:
    held = library.path.read_bytes()
    for secret in (b"Zebedee", b"Quill", b"2020-11-01", b"Contact by"):
        assert secret not in held
    narrative = library.conn.execute("SELECT narrative FROM findings WHERE narrative != ''").fetchone()[0]
    assert narrative == "Child T's mother told the GP; Child T was not seen."


def test_refresh_reads_only_the_changed_case(tmp_path: Path) -> None:
    paths = build_library_cases(tmp_path / "cases")
    with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
        add_cases(library, paths)
        assert refresh(library).read == 0
        with Case.open(paths[2]) as case:  # DHR Jo
            operations.add_finding(case, "Economic abuse was missed", themes=["Economic abuse"])
        report = refresh(library)
        assert (report.read, report.unchanged) == (1, 2)
        assert _themes(library)["Economic abuse"] == (1, 1)
        assert _themes(library)["Information sharing"] == (3, 3)


def test_owners_and_texts_are_anonymised(tmp_path: Path) -> None:
    spec = REVIEWS[0]
    named = Spec("named.scrchron", spec.review, spec.agencies, spec.findings[:1],
                 (Rec("Zebedee Quill's school should record his absences", "Zebedee Quill's school", 1,
                      (Act("Ask Zebedee Quill's teacher", "Zebedee Quill's school", "2022-01-01"),)),),
                 subject=spec.subject)
    path = build_case(tmp_path, named)
    with LibraryStore.open(tmp_path / "l.scrlib", create=True) as library:
        add_cases(library, [path])
        [action] = views.action_plan(library, today=ON)
    assert (action.owner, action.text) == ("Child T's school", "Ask Child T's teacher")
    assert action.recommendation_text == "Child T's school should record his absences"
    assert b"Zebedee" not in (tmp_path / "l.scrlib").read_bytes()
