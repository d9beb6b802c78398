"""Wales's review types: SUSR (with its criteria), CPR and APR (concise or extended).

Section names follow the Welsh Government's report templates and the SUSR guidance
(gov.wales/single-unified-safeguarding-review-guidance): the SUSR meets the criteria of
one or more of APR, CPR, DHR, MHHR and OWHR; a DHR-criteria SUSR goes to the Home Office.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from tests.test_export_report import build_export_case, headings

from scrchron.analysis import themes
from scrchron.cli import main
from scrchron.export import write_report
from scrchron.review import timetable
from scrchron.store import Case
from scrchron.store import milestones as stored


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _welsh_case(tmp_path: Path, review_type: str, criteria: str = "", form: str = "") -> Path:
    path = build_export_case(tmp_path / f"{review_type}.scrchron", review_type)
    with Case.open(path) as case:
        if criteria:
            case.set_setting(stored.CRITERIA_SETTING, criteria)
        if form:
            case.set_setting(stored.FORM_SETTING, form)
        timetable.record_statutory(case, "case_review_group", due="2015-09-22", done="2015-09-21")
    return path


@pytest.mark.parametrize(("review_type", "criteria", "form", "expected", "said"), [
    ("susr", "apr,dhr", "", ["The review criteria met", "Equality and diversity", "Statement by the reviewer",
                             "Statement by the review panel chair", "Action plan", "Summary timeline"],
     ["meets the criteria of: Adult Practice Review, Domestic Homicide Review",
      "sent to the Home Office for quality assurance", "Welsh bank holidays"]),
    ("cpr", "", "extended", ["Brief outline of the circumstances resulting in the review",
                             "Practice and organisational learning", "Improving systems and practice",
                             "Statement by the review panel chair", "Appendix A: Terms of reference"],
     ["This is an extended Child Practice Review.", "Working Together to Safeguard People, volume 2"]),
    ("apr", "", "concise", ["Brief outline of the circumstances resulting in the review",
                            "Practice and organisational learning", "Summary timeline"],
     ["This is a concise Adult Practice Review.", "Working Together to Safeguard People, volume 3"]),
])
def test_welsh_types_write_their_own_report(tmp_path: Path, review_type: str, criteria: str, form: str,
                                            expected: list[str], said: list[str]) -> None:
    path = _welsh_case(tmp_path, review_type, criteria, form)
    out = tmp_path / f"{review_type}.docx"
    with Case.open(path) as case:
        write_report(case, out)
    found = headings(out)
    for title in expected:
        assert any(title in h for h in found), f"{title} missing from {found}"
    body = _text(out)
    for words in said:
        assert words in body
    assert "Case review group considers the referral; due 22 September 2015; met 21 September 2015." in body
    assert not any(h.endswith("The six safeguarding principles") for h in found)


def test_susr_subject_wording_follows_its_criteria(tmp_path: Path) -> None:
    from scrchron.review.review_types import default_subject, is_child_review

    assert default_subject("susr", ("cpr", "dhr")) == "the child" and is_child_review("susr", ("cpr",))
    assert default_subject("susr", ("dhr", "owhr")) == "the victim"
    assert default_subject("susr", ("apr", "mhhr")) == "the adult"
    assert default_subject("apr") == "the adult" and default_subject("cpr") == "the child"


@pytest.mark.parametrize("review_type", ["susr", "cpr", "apr"])
def test_welsh_types_have_default_themes(review_type: str) -> None:
    listed = themes.default_themes(review_type)
    assert len(listed) > 15
    assert any("Welsh language" in t for t in listed)
    assert listed != themes.default_themes("dhr")


def test_new_susr_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "adult-b.scrchron"
    assert main(["new", str(path), "--title", "Adult B", "--type", "susr", "--criteria",
                 "Adult Practice Review, owhr"]) == 0
    with Case.open(path) as case:
        assert stored.criteria(case) == ("apr", "owhr")
        assert case.review().type_name == "Single Unified Safeguarding Review"
    capsys.readouterr()
    assert main(["new", str(tmp_path / "x.scrchron"), "--title", "X", "--type", "susr", "--criteria", "mhr"]) == 1
    assert "Unknown SUSR criterion 'mhr'" in capsys.readouterr().err
    assert not (tmp_path / "x.scrchron").exists()
