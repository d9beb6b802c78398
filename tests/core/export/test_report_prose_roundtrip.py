"""The Word round trip: sections written in scrchron, exported, edited in Word (here with
python-docx, as a panel member would), read back and exported again; tracked changes and
comments shown and kept; text outside the sections reported; bad drafts refused with the case
unchanged; and the contents page filled in the PDF.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export import write_report
from scrchron.export.read_back import accept_read_back, read_back
from scrchron.export.report_prose import section_text, set_section_texts
from scrchron.importers import cage, limits
from scrchron.store import Case, list_entries, update_entry
from tests.core.export.test_export_report import build_export_case, every_paragraph

CONCLUSION = "Agencies knew **parts** of the picture.\n\nNobody asked who lived there.\n\nThe child was not seen."
INTRODUCTION = "This review concerns Child T [F1]."


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = build_export_case(tmp_path / "child-t.scrchron")
    with Case.open(path) as case:
        set_section_texts(case, {"conclusion": CONCLUSION, "introduction": INTRODUCTION})
    return path


@pytest.fixture
def draft(case_path: Path, tmp_path: Path) -> Path:
    with Case.open(case_path) as case:
        write_report(case, tmp_path / "draft.docx")
    return tmp_path / "draft.docx"


def section(document: object, key: str) -> object:
    body = document.element.body  # type: ignore[attr-defined]
    for sdt in body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is not None and tag.get(qn("w:val")) == f"scrchron/{key}":
            return sdt
    raise AssertionError(key)


def paragraphs(document: object, key: str) -> list[Paragraph]:
    return [Paragraph(p, document._body) for p in section(document, key).iter(qn("w:p"))]  # type: ignore[attr-defined]


def panel_edits(draft: Path, out: Path) -> None:
    """Change a paragraph, add one, delete one, add a comment; write on a guidance prompt."""
    document = Document(str(draft))
    first, second, third = paragraphs(document, "conclusion")
    first.runs[-1].text = " of the picture, and none saw it whole."
    second.insert_paragraph_before("The panel added this paragraph.")
    third._p.getparent().remove(third._p)
    document.add_comment(second.runs, text="Say which agency asked.", author="Panel chair", initials="PC")
    prompt = paragraphs(document, "parallel_processes")[0]
    prompt.insert_paragraph_before("The coroner's inquest was opened and adjourned.")
    unwritten = paragraphs(document, "pen_picture")[0]  # a prompt, no words yet: the comment is kept too
    document.add_comment(unwritten.runs[0], text="Ask Mother for a photograph.", author="Reviewer", initials="R")
    document.save(str(out))


def state(case_path: Path) -> tuple[object, ...]:
    with Case.open(case_path, read_only=True) as case:
        settings = case.db.conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        return tuple(settings), len(case.audit_log())


def test_round_trip_keeps_every_change_of_the_panel(case_path: Path, draft: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    edited = tmp_path / "edited.docx"
    panel_edits(draft, edited)
    before = state(case_path)
    assert main(["report", "read-back", str(case_path), str(edited)]) == 0
    shown = capsys.readouterr().out
    assert "3 of " in shown and "+ The panel added this paragraph." in shown and "- The child was not seen." in shown
    assert "comment by Panel chair on 'Nobody asked who lived there.': Say which agency asked." in shown
    assert state(case_path) == before  # without --accept-all nothing changes
    assert main(["report", "read-back", str(case_path), str(edited), "--accept-all", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sorted(result["taken"]) == ["conclusion", "parallel_processes", "pen_picture"]
    with Case.open(case_path) as case:
        assert [(r.action, r.new) for r in case.audit_log()][-1:] != [] and any(
            r.action == "read-back" and r.new == "edited.docx" for r in case.audit_log(limit=10))
        assert section_text(case, "conclusion") == (
            "Agencies knew **parts** of the picture, and none saw it whole.\n\nThe panel added this paragraph."
            "\n\nNobody asked who lived there.")
        assert section_text(case, "parallel_processes") == "The coroner's inquest was opened and adjourned."
        assert section_text(case, "introduction") == INTRODUCTION  # the reference survived as [F1]
        write_report(case, tmp_path / "again.docx")
        again = read_back(case, tmp_path / "again.docx")
    assert again.changes == [] and again.outside == [] and again.removed_outside == 0
    document = Document(str(tmp_path / "again.docx"))
    texts = [p.text for p in every_paragraph(document)]
    assert "Agencies knew parts of the picture, and none saw it whole." in texts
    assert "The panel added this paragraph." in texts and "The child was not seen." not in texts
    assert "The coroner's inquest was opened and adjourned." in texts
    with zipfile.ZipFile(tmp_path / "again.docx") as archive:
        comments = archive.read("word/comments.xml").decode()
    assert "Say which agency asked." in comments and 'w:author="Panel chair"' in comments
    assert "Ask Mother for a photograph." in comments


def test_tracked_changes_are_shown_and_accepted_as_word_shows_them(case_path: Path, draft: Path,
                                                                    tmp_path: Path) -> None:
    document = Document(str(draft))
    p = paragraphs(document, "conclusion")[1]._p
    run = p.findall(qn("w:r"))[0]
    deleted, inserted = copy.deepcopy(run), copy.deepcopy(run)
    for element in deleted.iter(qn("w:t")):
        element.tag = qn("w:delText")
    wrap_del = p.makeelement(qn("w:del"), {qn("w:id"): "901", qn("w:author"): "Designated nurse",
                                           qn("w:date"): "2016-01-05T10:00:00Z"})
    wrap_del.append(deleted)
    wrap_ins = p.makeelement(qn("w:ins"), {qn("w:id"): "902", qn("w:author"): "Designated nurse",
                                           qn("w:date"): "2016-01-05T10:00:00Z"})
    inserted.find(qn("w:t")).text = "No agency asked who lived in the household."
    wrap_ins.append(inserted)
    run.addprevious(wrap_del)
    run.addprevious(wrap_ins)
    p.remove(run)
    document.save(str(tmp_path / "tracked.docx"))
    with Case.open(case_path) as case:
        result = read_back(case, tmp_path / "tracked.docx")
    change = next(c for c in result.changes if c.key == "conclusion")
    assert [(t.kind, t.author, t.text) for t in change.tracked] == [
        ("deleted", "Designated nurse", "Nobody asked who lived there."),
        ("inserted", "Designated nurse", "No agency asked who lived in the household.")]
    assert "No agency asked who lived in the household." in change.after and "Nobody" not in change.after


def test_text_outside_the_sections_is_reported_not_taken(case_path: Path, draft: Path, tmp_path: Path) -> None:
    document = Document(str(draft))
    heading = next(p for p in document.paragraphs if p.text.endswith(". Agencies involved"))
    heading.insert_paragraph_before("A panel note typed between sections.")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Agency")
    table.rows[1].cells[1].text = "99"
    document.save(str(tmp_path / "outside.docx"))
    with Case.open(case_path) as case:
        result = read_back(case, tmp_path / "outside.docx")
        taken = accept_read_back(case, result)
    first = result.outside[0]
    assert first.near == "Family composition" and first.text == "A panel note typed between sections."
    assert [o.text for o in result.outside[1:]] == [  # the changed table row
        "Police | 99 | 14 Mar – 7 Oct 2014 | added by hand | not stated"]
    assert result.removed_outside == 1 and taken == []


def test_changed_in_scrchron_and_in_word_is_called_so(case_path: Path, draft: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edited.docx"
    panel_edits(draft, edited)
    with Case.open(case_path) as case:
        set_section_texts(case, {"conclusion": "Rewritten in scrchron meanwhile."})
        result = read_back(case, edited)
    assert next(c for c in result.changes if c.key == "conclusion").status == "changed in both"


# -- bad drafts -------------------------------------------------------------------------------------


def _rewrite(source: Path, target: Path, change: object) -> None:
    document = Document(str(source))
    change(document)  # type: ignore[operator]
    document.save(str(target))


def _unwrap(document: object) -> None:
    sdt = section(document, "conclusion")
    content = sdt.find(qn("w:sdtContent"))
    for child in list(content):
        sdt.addprevious(child)
    sdt.getparent().remove(sdt)


def _nest(document: object) -> None:
    inner = section(document, "conclusion")
    outer = section(document, "introduction")
    outer.find(qn("w:sdtContent")).append(inner)


def _copy(document: object) -> None:
    sdt = section(document, "conclusion")
    sdt.addnext(copy.deepcopy(sdt))


BAD_DRAFTS = {
    "unwrapped": (_unwrap, "were deleted in Word"),
    "nested": (_nest, "was put inside the section 'introduction' by hand"),
    "copied": (_copy, "appears twice"),
}


@pytest.mark.parametrize("kind", sorted(BAD_DRAFTS))
def test_controls_deleted_nested_or_copied_by_hand_are_refused(kind: str, case_path: Path, draft: Path,
                                                               tmp_path: Path) -> None:
    change, message = BAD_DRAFTS[kind]
    target = tmp_path / f"{kind}.docx"
    _rewrite(draft, target, change)
    before = state(case_path)
    with Case.open(case_path) as case, pytest.raises(ValidationError, match=re.escape(message)):
        read_back(case, target)
    assert state(case_path) == before


def test_other_files_are_refused_with_one_line_and_the_case_unchanged(case_path: Path, draft: Path,
                                                                      tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    text = tmp_path / "text.docx"
    text.write_text("not a zip", encoding="utf-8")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(draft.read_bytes()[: draft.stat().st_size // 2])
    other_case = build_export_case(tmp_path / "other.scrchron")
    other = tmp_path / "other.docx"
    with Case.open(other_case) as case:
        write_report(case, other)
    dtd = tmp_path / "dtd.docx"
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(dtd, "w") as result:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            result.writestr(info, data)
    before = state(case_path)
    expected = {plain: "not a draft scrchron wrote", text: "damaged or not a Word document",
                truncated: "damaged or not a Word document", other: "a draft of another review",
                dtd: "declares a DOCTYPE", tmp_path / "missing.docx": "There is no file",
                tmp_path / "draft.pdf": "not a Word document (.docx)"}
    for path, message in expected.items():
        if path.suffix == ".pdf":
            path.write_bytes(b"%PDF-1.4")
        assert main(["report", "read-back", str(case_path), str(path), "--accept-all"]) == 1, path.name
        error = capsys.readouterr().err
        assert message in error and error.count("\n") == 1 and "Traceback" not in error, error
    assert state(case_path) == before


def test_a_megabyte_section_round_trips(case_path: Path, tmp_path: Path) -> None:
    long = "\n\n".join(f"Paragraph {n} with **bold** words and *italic* ones [F1]." + " More." * 80
                       for n in range(1_900))[:1_000_000]
    with Case.open(case_path) as case:
        set_section_texts(case, {"conclusion": long})
        write_report(case, tmp_path / "long.docx")
        result = read_back(case, tmp_path / "long.docx")
    assert result.changes == []


# -- the contents page --------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are needed")
def test_pdf_contents_page_is_filled_with_page_numbers(draft: Path, tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(draft)],
                   check=True, capture_output=True, timeout=240)
    page = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(tmp_path / "draft.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    lines = {m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^(.+?)\.{3,}\s*(\d+)\s*$", page, re.M)}
    assert lines["1. Anonymisation"] == 3
    assert lines["16. Conclusion"] >= lines["1. Anonymisation"]
    assert "Appendix E: Merged multi-agency chronology" in lines
    assert sorted(lines.values()) == list(lines.values())  # in page order, each a real number


def test_words_typed_into_a_guidance_prompt_are_not_lost(case_path: Path, draft: Path, tmp_path: Path) -> None:
    document = Document(str(draft))
    untouched = paragraphs(document, "pen_picture")[0].text
    prompt = paragraphs(document, "parallel_processes")[0]
    prompt.add_run(" The inquest opened in May.")
    document.save(str(tmp_path / "typed.docx"))
    with Case.open(case_path) as case:
        result = read_back(case, tmp_path / "typed.docx")
    assert untouched.startswith("Guidance (delete when written): ")
    assert [c.key for c in result.changes] == ["parallel_processes"]  # the untouched prompts are not words
    change = result.changes[0]
    assert change.after.endswith("The inquest opened in May.") and "check them" in change.notes[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def test_a_draft_saved_again_by_libreoffice_reads_back(case_path: Path, draft: Path, tmp_path: Path) -> None:
    # LibreOffice drops the controls' tags and the document variables, and moves a section break
    # into the control before it: the draft's own part (which it keeps) finds the sections again
    panel_edits(draft, tmp_path / "edited.docx")
    (tmp_path / "lo").mkdir()
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "lo"), str(tmp_path / "edited.docx")], check=True, capture_output=True,
                   timeout=240)
    with Case.open(case_path) as case:
        result = read_back(case, tmp_path / "lo" / "edited.docx")
    changed = {c.key: c for c in result.changes}
    assert sorted(changed) == ["conclusion", "parallel_processes", "pen_picture"]
    assert changed["conclusion"].after.endswith("The panel added this paragraph.\n\nNobody asked who lived there.")
    assert result.outside == [] and result.removed_outside == 0


def test_an_entry_reference_links_to_its_chronology_row(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        first = min(e.id for e in list_entries(case))
        set_section_texts(case, {"conclusion": f"The first PPN [E{first}] was not shared."})
        write_report(case, tmp_path / "r.docx")
        result = read_back(case, tmp_path / "r.docx")
    document = Document(str(tmp_path / "r.docx"))
    chronology = document.tables[-1]
    assert chronology.rows[1].cells[0].text == "1"
    assert f'w:name="scrchron_E{first}"' in chronology.rows[1]._tr.xml
    assert "The first PPN chronology row 1 was not shared." in [p.text for p in every_paragraph(document)]
    assert result.changes == [] and result.outside == []


@pytest.mark.skipif(not cage.available(), reason="the cage needs fork (POSIX)")
def test_the_draft_is_read_in_the_cage(case_path: Path, draft: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(case_path)
    with Case.open(case_path) as case:
        read_back(case, draft)
        assert cage.LAST[-1].name == "draft.docx" and cage.LAST[-1].status == "ok"
        # a reader that asks for more memory than the cage allows is stopped, with a message
        monkeypatch.setattr("scrchron.export.read_back.read_draft",
                            lambda path, prompts: bytearray(4 * limits.CAGE_MEMORY_BYTES))
        with pytest.raises(ValidationError, match="could not be read safely: it asked for more than") as refused:
            read_back(case, draft)
        assert "agency" not in str(refused.value) and "the case is unchanged" in str(refused.value)
    assert cage.LAST[-1].status != "ok" and state(case_path) == before


AWKWARD_TEXTS = ("A&E said <no> to \"R & D\" &amp; more", "Line one\nline two\r\nline three",
                 "  spaced  out  ", "bell\x07 and tab\there", "Ms Marsh's flat; 'quoted' & <tagged>")


def test_an_untouched_draft_with_awkward_chronology_texts_reads_back_unchanged(
        case_path: Path, tmp_path: Path) -> None:
    # the draft's fingerprints of the chronology rows are worked from the rows' texts, not read
    # from the written XML: markup characters, line breaks and control characters must agree
    with Case.open(case_path) as case:
        for entry, text in zip(list_entries(case), AWKWARD_TEXTS, strict=False):
            with case.write():
                update_entry(case, entry.id, {"event": text, "action": text[::-1], "source": text.upper()})
        write_report(case, tmp_path / "awkward.docx")
        result = read_back(case, tmp_path / "awkward.docx")
    assert result.changes == [] and result.outside == [] and result.removed_outside == 0
    document = Document(str(tmp_path / "awkward.docx"))
    chronology = "\n".join(cell.text for row in document.tables[-1].rows for cell in row.cells)
    assert "A&E said <no>" in chronology and "line three" in chronology
    edited = tmp_path / "edited.docx"
    row = document.tables[-1].rows[1]
    row.cells[3].paragraphs[0].runs[0].text = "Changed by the panel"
    document.save(str(edited))
    with Case.open(case_path) as case:
        assert [o.text for o in read_back(case, edited).outside] != []
