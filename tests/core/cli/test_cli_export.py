"""The export command's contract: formats by extension, messages, exit codes, progress."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_export_report import build_export_case

import scrchron.cli
from scrchron.cli import export_commands, main
from scrchron.export.privacy import ExportPrivacy
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries


@pytest.fixture(autouse=True)
def export_command_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the export command even before the CLI lists it itself."""
    if export_commands not in scrchron.cli._MODULES:
        monkeypatch.setattr(scrchron.cli, "_MODULES", (*scrchron.cli._MODULES, export_commands))


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return build_export_case(tmp_path / "child-t.scrchron")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_docx_writes_the_report(case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.docx"
    code, stdout, stderr = run(capsys, "export", str(case_path), str(out))
    assert code == 0, stderr
    assert f"Wrote {out}: overview report with 9 entries in 8 chronology rows" in stdout
    assert "places still need your words" in stdout and "Not anonymised" in stdout
    assert any(p.text == "1. Anonymisation" for p in Document(str(out)).paragraphs)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".XLSX"])
def test_export_spreadsheets_follow_the_extension(case_path: Path, tmp_path: Path, suffix: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"chronology{suffix}"
    code, stdout, _ = run(capsys, "export", str(case_path), str(out), "--anonymise")
    assert code == 0
    assert "merged chronology, 9 entries" in stdout and "no known name or alias remains" in stdout
    if suffix.lower() == ".xlsx":
        assert load_workbook(out)["Chronology"].max_row == 10
    else:
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_unknown_extension_is_a_clear_error(case_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "report.pdf"))
    assert code == 1
    assert "Cannot tell what to write from 'report.pdf'" in stderr and ".docx (Word report)" in stderr
    assert "Traceback" not in stderr


def test_an_empty_case_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.scrchron"
    Case.create(path, Review("Empty", "dhr")).close()
    for suffix in (".docx", ".xlsx", ".csv"):
        code, _, stderr = run(capsys, "export", str(path), str(tmp_path / f"out{suffix}"))
        assert code == 1
        assert "The case has no entries yet: import agency chronologies first" in stderr
    assert not list(tmp_path.glob("out.*"))


def test_a_missing_folder_exits_1(case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "missing" / "r.docx"))
    assert code == 1 and "does not exist" in stderr


def test_a_read_only_folder_exits_1(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "r.csv"))
    assert code == 1 and "read-only" in stderr and "Choose another folder" in stderr


def test_a_file_open_in_excel_exits_1_and_is_left_alone(case_path: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chronology.xlsx"
    out.write_bytes(b"open")

    def locked(*args: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", locked)
    code, _, stderr = run(capsys, "export", str(case_path), str(out))
    assert code == 1 and "close it in Word/Excel and try again" in stderr
    assert out.read_bytes() == b"open"


def test_a_name_left_after_anonymising_exits_1_and_names_it(case_path: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ExportPrivacy, "texts", lambda self, values: list(values))
    out = tmp_path / "published.docx"
    code, _, stderr = run(capsys, "export", str(case_path), str(out), "--anonymise")
    assert code == 1 and "Refused to write published.docx" in stderr and "Tanya" in stderr
    assert not out.exists()


def test_anonymising_a_case_that_names_no_one_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nameless.scrchron"
    with Case.create(path, Review("Nameless", "sar")) as case:
        police = case.add_agency("Police").id
        with case.write():
            insert_entries(case, [Entry(agency_id=police, event="Welfare check.", date_text="1 May 2015",
                                        start="2015-05-01", end="2015-05-01", precision="day")])
    code, stdout, _ = run(capsys, "export", str(path), str(tmp_path / "a.csv"), "--anonymise")
    assert code == 0 and "Warning: the case names no one" in stdout


def test_include_withdrawn(case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "export", str(case_path), str(tmp_path / "a.csv"), "--include-withdrawn")
    assert code == 0 and "10 entries" in stdout


def test_long_exports_report_progress_every_tenth(case_path: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(export_commands, "PROGRESS_FROM", 1)
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "r.docx"))
    assert code == 0
    lines = [line for line in stderr.splitlines() if "exporting r.docx" in line]
    assert lines[-1].endswith("100%")
    percents = [int(line.rsplit(" ", 1)[1][:-1]) for line in lines]
    assert percents == sorted(set(percents)) and all(p % 10 == 0 for p in percents)


def test_short_exports_stay_quiet(case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "r.csv"))
    assert code == 0 and stderr == ""


def test_progress_printer_prints_each_tenth_once() -> None:
    lines: list[str] = []

    class Stream:
        def write(self, text: str) -> None:
            lines.append(text)

        def flush(self) -> None:
            pass

    printer = export_commands.ProgressPrinter("big.docx", Stream())
    for done in range(0, 10_001, 7):
        printer(done, 10_000)
    printer(10_000, 10_000)
    shown = [line for line in lines if line.strip()]
    assert len(shown) == 10 and shown[-1].strip() == "scrchron: exporting big.docx: 100%"


def test_help_lists_the_export_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "OUT.docx, OUT.xlsx or OUT.csv" in out and "--anonymise" in out and "--include-withdrawn" in out


def test_export_publish_writes_the_publication_version(case_path: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "published.docx"
    code, stdout, stderr = run(capsys, "export", str(case_path), str(out), "--publish", "--marking", "OFFICIAL")
    assert code == 0, stderr
    assert "Anonymised, and read back" in stdout
    assert Document(str(out)).sections[0].header.paragraphs[0].text.startswith("OFFICIAL")
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "Tanya.docx"), "--publish")
    assert code == 1 and "The file name 'Tanya.docx' contains 'Tanya'" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "Tanya.docx").exists()


def test_export_pdf_writes_the_accessible_pdf_beside_the_report(case_path: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(capsys, "export", str(case_path), str(tmp_path / "out.xlsx"), "--pdf")
    assert code == 1 and "give OUT as a .docx file" in stderr
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "published.docx"
    code, stdout, stderr = run(capsys, "export", str(case_path), str(out), "--publish", "--pdf")
    assert code == 0, stderr
    assert (tmp_path / "published.pdf").read_bytes().startswith(b"%PDF")
    assert "accessible (tagged) PDF" in stdout
