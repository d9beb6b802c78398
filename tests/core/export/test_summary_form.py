"""The agency summary form (sent, filled as Word fills a content control, read back) and the
rapid review document written from the answers, with the overview report's anonymisation."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export import write_report
from scrchron.export.rapid_review import TITLE, write_rapid_review
from scrchron.export.summary_form import PLACEHOLDER, TAG
from scrchron.export.template_pack import AnswersExist, read_summary_form, read_summary_forms, send_summary_forms
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries
from scrchron.store.summaries import summaries

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
POLICE = {
    "involvement": "Police attended the flat twice in March 2025 after calls from a neighbour.",
    "immediate_actions": "All domestic abuse calls to the address now go to the MASH the same day.",
    "learning": "Officers did not speak to Tommy alone.\nSupervision of DASH grading is being audited.",
}


@pytest.fixture
def case_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "child-t.scrchron"
    review = Review("Review concerning Child T", "cspr", subject_name="Tommy Marsh", subject_pseudonym="Child T",
                    incident_date="2025-04-14", scope_from="2024-01-01", scope_to="2025-04-14")
    with Case.create(path, review) as case:
        police = case.add_agency("Police")
        with case.write():
            insert_entries(case, [Entry(agency_id=police.id, event="Call from neighbour", date_text="02/03/2025",
                                        start="2025-03-02", end="2025-03-02", precision="day")])
    assert main(["person", "add", str(path), "Tommy Marsh", "--pseudonym", "Child T", "--alias", "Tommy",
                 "--subject"]) == 0
    capsys.readouterr()
    return path


def fill_like_word(form: Path, out: Path, answers: dict[str, str]) -> None:
    """Type into each content control as Word does: the placeholder flag goes, the text replaces it."""
    document = Document(str(form))
    for control in document.element.body.iter(f"{W}sdt"):
        key = control.find(f"{W}sdtPr/{W}tag").get(f"{W}val").removeprefix(TAG)
        if key not in answers:
            continue
        properties = control.find(f"{W}sdtPr")
        properties.remove(properties.find(f"{W}showingPlcHdr"))
        content = control.find(f"{W}sdtContent")
        template = content.find(f"{W}p")
        for line in answers[key].split("\n"):
            content.append(Document().add_paragraph(line)._p)
        content.remove(template)
    document.save(str(out))


def test_forms_are_sent_filled_read_back_and_reach_the_report(case_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    with Case.open(case_path) as case:
        sent = send_summary_forms(case, folder, ["Police", "Health Visiting"], due="2025-04-25")
    assert len(sent.files) == 2
    form = folder / "Agency summary - Police.docx"
    with zipfile.ZipFile(form) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "Tommy" not in xml and "Child T" in xml and "25 April 2025" in xml
    assert xml.count(f'w:val="{TAG}') == 5 and PLACEHOLDER in xml
    filled = tmp_path / "police summary.docx"
    fill_like_word(form, filled, POLICE)
    untouched = folder / "Agency summary - Health Visiting.docx"
    with Case.open(case_path) as case:
        assert read_summary_form(case, filled) == ("Police", 3)
        assert read_summary_form(case, untouched) == ("Health Visiting", 0)
        stored = summaries(case)
        police = case.find_agency("Police")
        assert police is not None and stored[police.id] == POLICE
        report = tmp_path / "report.docx"
        write_report(case, report)
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "Immediate actions taken (the agency's summary): All domestic abuse calls" in text


def test_the_rapid_review_is_written_from_the_case_and_anonymised(case_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    with Case.open(case_path) as case:
        send_summary_forms(case, folder, ["Police"])
        fill_like_word(folder / "Agency summary - Police.docx", tmp_path / "p.docx", POLICE)
        read_summary_form(case, tmp_path / "p.docx")
        case.set_setting("report.rapid_recommendation", "The criteria for a local review are met.")
        out = tmp_path / "rapid.docx"
        summary = write_rapid_review(case, out, anonymise=True)
    assert summary.summaries == 1
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:6] == ["1. The incident and the rapid review", "2. The facts as established",
                            "3. Agency involvement", "Police", "4. Immediate actions taken", "Police"]
    assert any(h.startswith("6. Recommendation: whether to undertake") for h in headings)
    text = "\n".join(p.text for p in document.paragraphs)
    assert TITLE in text and "The criteria for a local review are met." in text
    assert "Officers did not speak to Child T alone." in text  # the alias replaced, as in the report
    with zipfile.ZipFile(out) as archive:
        every = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert "Tommy" not in every and "Marsh" not in every
    assert "Rapid review completed and sent to the Panel: due 8 May 2025." in text


def test_bad_forms_give_one_line_and_change_nothing(case_path: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    other = tmp_path / "other.scrchron"
    Case.create(other, Review("Review concerning Adult A", "sar", subject_pseudonym="Adult A")).close()
    with Case.open(other) as case:
        send_summary_forms(case, tmp_path, ["Police"])
    for path, message in ((plain, "not an agency summary form"), (broken, "not an agency summary form"),
                          (tmp_path / "Agency summary - Police.docx", "another review")):
        assert main(["summary", "read", str(case_path), str(path)]) == 1
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    with Case.open(case_path) as case:
        assert summaries(case) == {}
        with pytest.raises(ValidationError, match="summary form, not a chronology"):
            from scrchron.chronology.submission_import import import_file

            import_file(case, tmp_path / "Agency summary - Police.docx", None)
    assert main(["rapid-review", str(case_path), str(tmp_path / "rapid.pdf")]) == 1
    assert ".docx" in capsys.readouterr().err


def test_summary_commands(case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "send", str(case_path), "--out", str(tmp_path), "--agency", "Police"]) == 0
    fill_like_word(tmp_path / "Agency summary - Police.docx", tmp_path / "back.docx", POLICE)
    assert main(["summary", "read", str(case_path), str(tmp_path / "back.docx")]) == 0
    assert "3 of 5 questions answered by Police" in capsys.readouterr().out
    assert main(["summary", "show", str(case_path), "--json"]) == 0
    assert '"immediate_actions": "All domestic abuse calls' in capsys.readouterr().out
    assert main(["report-text", str(case_path), "rapid_reasons", "Agencies missed the same signs."]) == 0
    assert main(["report-text", str(case_path), "rapid_reason", "x"]) == 1
    assert "Unknown section 'rapid_reason'" in capsys.readouterr().err
    assert main(["rapid-review", str(case_path), str(tmp_path / "rapid.docx")]) == 0
    assert "1 agency summaries" in capsys.readouterr().out
    text = "\n".join(p.text for p in Document(str(tmp_path / "rapid.docx")).paragraphs)
    assert "Agencies missed the same signs." in text


@pytest.fixture
def two_police_forms(case_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "forms"
    folder.mkdir()
    with Case.open(case_path) as case:
        send_summary_forms(case, folder, ["Police"])
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    fill_like_word(folder / "Agency summary - Police.docx", first, POLICE)
    fill_like_word(folder / "Agency summary - Police.docx", second, {"involvement": "One visit only."})
    return first, second


def test_earlier_answers_are_replaced_only_when_asked(case_path: Path, two_police_forms: tuple[Path, Path]) -> None:
    first, second = two_police_forms
    with Case.open(case_path) as case:
        read_summary_form(case, first)
        police = case.find_agency("Police")
        assert police is not None
        with pytest.raises(AnswersExist) as refused:
            read_summary_form(case, second)
        assert "Police already has answers, read from first.docx on " in str(refused.value)
        assert "second.docx would replace them. Nothing was read." in str(refused.value)
        assert [(e.agency, e.file_name, e.replaced_by) for e in refused.value.earlier] == [
            ("Police", "first.docx", "second.docx")]
        assert summaries(case)[police.id] == POLICE
        assert read_summary_form(case, first) == ("Police", 3)  # the same answers again: nothing to replace
        assert read_summary_form(case, second, replace=True) == ("Police", 1)
        assert summaries(case)[police.id] == {"involvement": "One visit only."}
        history = case.db.conn.execute("SELECT old FROM audit WHERE table_name = 'agency_summaries' "
                                       "ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert "Police attended the flat twice" in history  # the earlier answers stay in the history


def test_two_forms_of_one_agency_read_together_are_refused_whole(case_path: Path,
                                                                 two_police_forms: tuple[Path, Path]) -> None:
    with Case.open(case_path) as case:
        with pytest.raises(AnswersExist, match=r"second\.docx would replace them"):
            read_summary_forms(case, list(two_police_forms))
        assert summaries(case) == {}


def test_the_cli_says_how_to_replace_earlier_answers(case_path: Path, two_police_forms: tuple[Path, Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    first, second = two_police_forms
    assert main(["summary", "read", str(case_path), str(first)]) == 0
    capsys.readouterr()
    assert main(["summary", "read", str(case_path), str(second)]) != 0
    err = capsys.readouterr().err
    assert "Police already has answers, read from first.docx" in err and "--replace" in err
    assert "Traceback" not in err
    assert main(["summary", "read", str(case_path), str(second), "--replace"]) == 0
    assert "1 of 5 questions answered by Police" in capsys.readouterr().out


def test_a_missing_form_or_a_link_to_nowhere_is_named_so(case_path: Path, two_police_forms: tuple[Path, Path],
                                                         tmp_path: Path) -> None:
    loop = tmp_path / "loop.docx"
    loop.symlink_to(loop)
    with Case.open(case_path) as case:
        for path in (tmp_path / "missing.docx", loop):
            with pytest.raises(ValidationError, match="there is no such file"):
                read_summary_forms(case, [two_police_forms[0], path])
        assert summaries(case) == {}  # the good form was not read either
