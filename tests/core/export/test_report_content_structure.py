"""Structure published reviews have (issue 21, item 6): family composition, references, agency
involvement told by period, recommendations under their findings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_content_world import body_text, build_case, section

from scrchron.analysis.references import add_reference, list_references, remove_reference
from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export import write_report
from scrchron.export.report_layout import ReportLayout, layout_of
from scrchron.store import Case

WORKING_TOGETHER = "HM Government (2023) Working Together to Safeguard Children"


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return build_case(tmp_path / "child-r.scrchron")


def _report(case_path: Path, layout: ReportLayout | None = None, name: str = "report.docx") -> Path:
    out = case_path.with_name(name)
    with Case.open(case_path, read_only=True) as case:
        write_report(case, out, layout=layout)
    return out


# -- family composition --------------------------------------------------------------------------


def test_family_composition_lists_people_by_relationship_and_pseudonym_with_ages(case_path: Path) -> None:
    lines = section(_report(case_path), "Family composition", level="Heading 2")
    assert lines[1] == "Relationship | Referred to as | Age at the incident (1 August 2015)"
    assert "Subject of this review | Child R | 4 years 2 months" in lines
    assert "Mother | Mother | 25 years 6 months" in lines
    assert "Mother's partner | Mother's partner | not recorded" in lines
    assert "Half-brother | Sibling | not yet born" in lines


def test_family_composition_never_shows_a_real_name_or_date_of_birth(case_path: Path) -> None:
    text = "\n".join(section(_report(case_path), "Family composition", level="Heading 2"))
    assert "Sasha" not in text and "Ormond" not in text and "1990" not in text


# -- references --------------------------------------------------------------------------------------


def test_references_are_kept_in_the_case_numbered_and_listed_last_in_the_report(case_path: Path) -> None:
    with Case.open(case_path) as case:
        assert add_reference(case, WORKING_TOGETHER, "https://www.gov.uk/government/publications/"
                                                    "working-together-to-safeguard-children--2") == 1
        assert add_reference(case, "Brandon, M. et al. (2016) Pathways to harm, pathways to protection") == 2
        assert add_reference(case, "Care Act 2014, section 44", at=1) == 1
        assert next(r.text for r in list_references(case)) == "Care Act 2014, section 44"
    report = _report(case_path)
    lines = section(report, "References")
    assert lines[0] == "Care Act 2014, section 44"
    assert lines[1].startswith(WORKING_TOGETHER) and "Available at: https://www.gov.uk/" in lines[1]
    headings = [line for line in body_text(report).splitlines() if line[:3].strip(". ").isdigit()]
    assert headings[-1].endswith("References")  # the last numbered section


def test_no_references_yet_carries_a_prompt(case_path: Path) -> None:
    lines = section(_report(case_path), "References")
    assert lines and lines[0].startswith("Guidance (delete when written): List the documents")


def test_removing_a_reference_renumbers_the_rest(case_path: Path) -> None:
    with Case.open(case_path) as case:
        add_reference(case, "First")
        add_reference(case, "Second")
        assert remove_reference(case, 1).text == "First"
        assert [r.text for r in list_references(case)] == ["Second"]


@pytest.mark.parametrize(("text", "url", "message"), [
    ("   ", "", "needs its text"),
    ("x" * 1001, "", "at most 1000 characters"),
    ("A report", "not a web address", "is not a web address"),
])
def test_a_bad_reference_is_refused_and_nothing_changes(case_path: Path, text: str, url: str, message: str) -> None:
    with Case.open(case_path) as case:
        with pytest.raises(ValidationError, match=message):
            add_reference(case, text, url)
        assert list_references(case) == []


def test_the_same_reference_twice_is_refused(case_path: Path) -> None:
    with Case.open(case_path) as case:
        add_reference(case, WORKING_TOGETHER)
        with pytest.raises(ValidationError, match="listed already, as number 1"):
            add_reference(case, WORKING_TOGETHER.upper())


def test_reference_commands_add_list_and_remove(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reference", "add", str(case_path), WORKING_TOGETHER, "--url", "https://www.gov.uk/x"]) == 0
    assert "Added reference 1." in capsys.readouterr().out
    assert main(["reference", "list", str(case_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"number": 1, "text": WORKING_TOGETHER,
                                                    "url": "https://www.gov.uk/x"}]
    assert main(["reference", "remove", str(case_path), "2"]) == 1
    assert "There is no reference 2" in capsys.readouterr().err
    assert main(["reference", "remove", str(case_path), "1"]) == 0
    assert main(["reference", "list", str(case_path)]) == 0
    assert "No references yet" in capsys.readouterr().out


def test_references_are_anonymised_with_the_rest(case_path: Path) -> None:
    with Case.open(case_path) as case:
        add_reference(case, "Letter from Sasha Vale to the panel (2016)")
        out = case_path.with_name("published.docx")
        write_report(case, out, anonymise=True)
    text = "\n".join(section(out, "References"))
    assert "Sasha" not in text and "Letter from Mother to the panel (2016)" in text


# -- agency involvement by period --------------------------------------------------------------------


def test_involvement_by_period_follows_the_episodes_and_the_stretches_between(case_path: Path) -> None:
    lines = section(_report(case_path, ReportLayout(involvement="by-period")), "Summary of agency involvement")
    periods = [line for line in lines if line.startswith("Period ")]
    assert periods == [
        "Period 1: 14 February 2014 to 31 March 2014 (episode 1: The first incident)",
        "Period 2: 1 April 2014 to 28 February 2015 (between episodes 1 and 2)",
        "Period 3: 1 March 2015 to 31 March 2015 (episode 2: The tenancy visit)",
        "Period 4: 1 April 2015 to 27 July 2015 (after the last episode)",
    ]
    second = lines[lines.index(periods[1]) + 1]
    assert second == "2 entries: Police (1), Children's Social Care (1)."
    assert "Missed chance to ask" in "\n".join(lines[lines.index(periods[2]):lines.index(periods[3])])


def test_involvement_by_period_is_told_by_calendar_year_without_episodes(case_path: Path) -> None:
    from scrchron.analysis import operations
    from scrchron.store import analysis as store

    with Case.open(case_path) as case:
        for episode in store.list_episodes(case):
            operations.remove_episode(case, episode.id)
    lines = section(_report(case_path, ReportLayout(involvement="by-period")), "Summary of agency involvement")
    assert [line for line in lines if line.startswith("Period ")] == [
        "Period 1: 14 February 2014 to 31 December 2014 (2014)",
        "Period 2: 1 January 2015 to 27 July 2015 (2015)",
    ]


def test_involvement_by_period_keeps_the_agencies_own_summaries(case_path: Path) -> None:
    from scrchron.store.summaries import save_summary

    with Case.open(case_path) as case:
        police = next(a.id for a in case.agencies() if a.name == "Police")
        save_summary(case, police, {"went_well": "The strategy discussion was held the next day."}, "police.docx")
    lines = section(_report(case_path, ReportLayout(involvement="by-period")), "Summary of agency involvement")
    at = lines.index("Police: the agency's own summary")
    assert lines[at + 1] == "What went well (the agency's summary): The strategy discussion was held the next day."


def test_involvement_by_agency_stays_the_default(case_path: Path) -> None:
    lines = section(_report(case_path), "Summary of agency involvement")
    assert "Police" in lines and not any(line.startswith("Period 1:") for line in lines)


def test_the_reviewers_choice_is_a_case_setting_and_an_export_option(case_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with Case.open(case_path) as case:
        case.set_setting("report_involvement", "by-period")
        assert layout_of(case).involvement == "by-period"
        assert layout_of(case, "by-agency").involvement == "by-agency"
    out = case_path.with_name("cli.docx")
    assert main(["export", str(case_path), str(out), "--involvement", "by-agency",
                 "--recommendations", "with-findings"]) == 0
    lines = section(out, "Summary of agency involvement")
    assert not any(line.startswith("Period 1:") for line in lines)
    assert "Recommendation 1: Housing shares what tenancy officers see. (owner: Housing)" in \
        section(out, "Findings")


def test_a_bad_layout_is_refused() -> None:
    with pytest.raises(ValidationError, match="by-agency or by-period"):
        ReportLayout(involvement="by-year")


# -- recommendations under their findings -----------------------------------------------------------------


def test_recommendations_can_be_set_out_under_their_findings(case_path: Path) -> None:
    report = _report(case_path, ReportLayout(recommendations="with-findings"))
    lines = section(report, "Findings")
    first = lines.index("Finding 1: What housing saw was not shared")
    under = lines.index("Recommendation 1: Housing shares what tenancy officers see. (owner: Housing)")
    second = lines.index("Finding 2: The incident was seen alone")
    assert first < lines.index("Recommendation for finding 1") < under < second
    recommendations = section(report, "Recommendations")
    assert "Each recommendation is also set out under the finding it answers." in recommendations


def test_recommendations_apart_is_the_default(case_path: Path) -> None:
    lines = section(_report(case_path), "Findings")
    assert "Recommendations: 1" in lines
    assert not any(line.startswith("Recommendation 1:") for line in lines)
