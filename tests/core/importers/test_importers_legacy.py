"""Legacy .doc/.odt/.rtf: LibreOffice conversion when installed, a clear message otherwise."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
from importer_fixtures import plo_docx, sample, school_workbook

from scrchron.importers import SubmissionError, legacy, list_tables, parse_submission

FAKE_SOFFICE = """#!{python}
import json, shutil, sys, time
from pathlib import Path
args = sys.argv[1:]
Path({log!r}).write_text(json.dumps(args))
if {sleep}:
    time.sleep({sleep})
outdir = Path(args[args.index("--outdir") + 1])
source = Path(args[-1])
target = args[args.index("--convert-to") + 1]
if {produce}:
    shutil.copy({docx!r} if target == "docx" else {xlsx!r}, outdir / (source.stem + "." + target))
"""


def _no_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(legacy, "SOFFICE_PATHS", ())


def _fake_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, produce: bool = True,
                  sleep: float = 0) -> Path:
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    log = tmp_path / "soffice-args.json"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), sleep=sleep, produce=produce,
                                          docx=str(plo_docx(tmp_path)), xlsx=str(school_workbook(tmp_path))))
    script.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(script) if name == "soffice" else None)
    return log


def test_doc_without_libreoffice_says_how_to_save_as_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_soffice(monkeypatch)
    with pytest.raises(SubmissionError) as caught:
        parse_submission(sample("textract/doc__raw_text.doc"))
    message = str(caught.value)
    assert "Word 97-2003 document (.doc)" in message and "LibreOffice (not installed)" in message
    assert "Save As > Word Document (.docx)" in message
    with pytest.raises(SubmissionError, match="LibreOffice"):
        list_tables(sample("textract/doc__raw_text.doc"))


def test_doc_is_converted_with_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    log = _fake_soffice(monkeypatch, tmp_path)
    parsed = parse_submission(sample("textract/doc__raw_text.doc"))
    assert parsed.importer == "legacy-doc"
    assert parsed.file_name == "doc__raw_text.doc"
    assert parsed.sha256 == hashlib.sha256(sample("textract/doc__raw_text.doc").read_bytes()).hexdigest()
    assert [row.fields["event"] for row in parsed.rows] == [
        "Referral received from school.", "Home visit; child seen alone."]
    assert any("converted to .docx with LibreOffice" in w for w in parsed.warnings)
    args = json.loads(log.read_text())
    assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
    assert any(arg.startswith("-env:UserInstallation=file://") for arg in args)


@pytest.mark.parametrize(("name", "data"), [
    ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
])
def test_rtf_goes_through_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str,
                                      data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _no_soffice(monkeypatch)
    with pytest.raises(SubmissionError, match=r"Rich Text document \(\.rtf\).*Save As"):
        parse_submission(path)
    monkeypatch.undo()
    _fake_soffice(monkeypatch, tmp_path)
    assert parse_submission(path).importer == "legacy-rtf"


def test_failed_conversion_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_soffice(monkeypatch, tmp_path, produce=False)
    with pytest.raises(SubmissionError, match=r"LibreOffice could not convert 'doc__raw_text\.doc'"):
        parse_submission(sample("textract/doc__raw_text.doc"))


def test_slow_conversion_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_soffice(monkeypatch, tmp_path, sleep=5)
    monkeypatch.setattr(legacy.limits, "LIBREOFFICE_TIMEOUT_SECONDS", 1)
    with pytest.raises(SubmissionError, match="more than 1 seconds"):
        parse_submission(sample("textract/doc__raw_text.doc"))


@pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice is not installed")
def test_real_libreoffice_converts_the_doc_sample() -> None:  # pragma: no cover - needs LibreOffice
    tables = list_tables(sample("textract/doc__raw_text.doc"))
    assert isinstance(tables, list)


def test_unreadable_xls_is_converted_with_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xls"
    data = bytearray(sample("calamine/merge_cells.xls").read_bytes())
    data[1024:4096] = b"\xff" * 3072  # damage the workbook stream, keep the OLE header
    broken.write_bytes(bytes(data))
    _no_soffice(monkeypatch)
    with pytest.raises(SubmissionError, match="cannot be read as a workbook"):
        parse_submission(broken)
    monkeypatch.undo()
    log = _fake_soffice(monkeypatch, tmp_path)
    parsed = parse_submission(broken)
    assert parsed.importer == "legacy-xls" and len(parsed.rows) == 4
    args = json.loads(log.read_text())
    assert args[args.index("--convert-to") + 1] == "xlsx"
    assert any("converted to .xlsx with LibreOffice" in w for w in parsed.warnings)


def test_odt_needs_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "chronology.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    _no_soffice(monkeypatch)
    with pytest.raises(SubmissionError, match=r"OpenDocument text document \(\.odt\).*Save As"):
        parse_submission(path)
    monkeypatch.undo()
    _fake_soffice(monkeypatch, tmp_path)
    assert parse_submission(path).importer == "legacy-odt"
