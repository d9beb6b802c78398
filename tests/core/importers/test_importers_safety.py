"""Bad input: each file gets a one- or two-line SubmissionError within seconds, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from importer_fixtures import (
    chronolator_docx,
    declared_bomb,
    fake_encrypted,
    far_cell_ods,
    far_cell_xlsx,
    health_csv,
    huge_docx_table,
    million_row_csv,
    million_row_xlsx,
    mutated_files,
    plo_docx,
    police_workbook,
    random_bytes,
    school_workbook,
    truncated,
    xxe_docx,
    xxe_xlsx,
    zip_bomb,
)
from paths import DATA

from scrchron.errors import ScrchronError
from scrchron.importers import SubmissionError, list_tables, parse_submission
from scrchron.importers.safety import prolog_verdict

EXTENSIONS = [".docx", ".docm", ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt", ".doc", ".odt",
              ".rtf", ".pdf", ".zip", ""]
ISOLATED = """
import json, sys
from pathlib import Path
from scrchron.importers import SubmissionError, parse_submission
try:
    parse_submission(Path(sys.argv[1]))
    print(json.dumps({"ok": True}))
except SubmissionError as exc:
    print(json.dumps({"error": str(exc)}))
"""


def _refused(path: Path, match: str) -> str:
    """Parse and expect a short SubmissionError matching ``match`` (the test's own time limit bounds it)."""
    with pytest.raises(SubmissionError, match=match) as caught:
        parse_submission(path)
    message = str(caught.value)
    assert isinstance(caught.value, ScrchronError)
    assert 0 < len(message.splitlines()) <= 2 and "Traceback" not in message
    return message


def _refused_isolated(path: Path, match: str) -> str:
    """Parse in a child process (a failed guard must not kill the test run), killed after 120 s."""
    done = subprocess.run([sys.executable, "-c", ISOLATED, str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert "error" in result, result
    assert re.search(match, result["error"]), result["error"]
    return str(result["error"])


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    _refused(path, r"is empty \(0 bytes\)")


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_random_bytes_under_every_extension(tmp_path: Path, suffix: str) -> None:
    _refused(random_bytes(tmp_path / f"noise{suffix}"), r"not|does not contain text")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".ods"])
def test_truncated_container(tmp_path: Path, suffix: str) -> None:
    source = plo_docx(tmp_path) if suffix == ".docx" else school_workbook(tmp_path)
    if suffix == ".ods":
        source = DATA / "samples" / "calamine" / "date.ods"
    _refused(truncated(source, tmp_path / f"cut{suffix}"), "damaged or incomplete")


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 2_000_000
    message = _refused(path, "looks like a zip bomb")
    assert "limit 500" in message


def test_declared_sizes_over_the_inflated_limit(tmp_path: Path) -> None:
    message = _refused(declared_bomb(tmp_path / "big.docx"), "would expand to 540 MB")
    assert "limit is 500 MB" in message


@pytest.mark.parametrize("kind", ["xxe", "laughs"])
def test_docx_with_dtd_is_refused(tmp_path: Path, kind: str) -> None:
    _refused(xxe_docx(tmp_path, kind), "declares a DOCTYPE or entities")


def test_xlsx_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    _refused(xxe_xlsx(tmp_path), r"part 'xl/worksheets/sheet1.xml' declares a DOCTYPE")


def test_prolog_scan() -> None:
    assert prolog_verdict(b'<?xml version="1.0"?>\n<!-- c --><w:document/>') == "ok"
    assert prolog_verdict(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>') == "dtd"
    assert prolog_verdict("<?xml version='1.0'?><!DOCTYPE x><x/>".encode("utf-16")) == "dtd"
    assert prolog_verdict(b"\x89PNG") == "ok"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".xls", ".doc"])
def test_password_protected_office_file(tmp_path: Path, suffix: str) -> None:
    _refused(fake_encrypted(tmp_path / f"locked{suffix}"), "password-protected: remove the password")


def test_million_row_csv_is_refused_fast(tmp_path: Path) -> None:
    path = million_row_csv(tmp_path / "huge.csv")
    message = _refused(path, "the limit is 200,000 rows per sheet or table")
    assert "more than 200,000 rows" in message


def test_million_row_sheet_is_refused_before_loading(tmp_path: Path) -> None:
    path = million_row_xlsx(tmp_path / "huge.xlsx")
    # Measuring stops at the limit (the sheet is read by a real XML parser, not by pattern).
    _refused_isolated(path, "Sheet 'Sheet1' of 'huge.xlsx' has at least 200,001 rows; the limit is 200,000")


def test_huge_word_table_is_refused_while_streaming(tmp_path: Path) -> None:
    message = _refused(huge_docx_table(tmp_path), "Table 1 of 'huge-table.docx' has more than 200,000 rows")
    assert "limit is 200,000 rows" in message


def test_far_away_cell_does_not_make_calamine_allocate(tmp_path: Path) -> None:
    path = far_cell_xlsx(tmp_path / "far.xlsx")
    assert path.stat().st_size < 5_000
    _refused_isolated(path, "has (at least )?1,048,576 rows; the limit is 200,000")


def test_far_away_ods_cell_is_refused(tmp_path: Path) -> None:
    _refused_isolated(far_cell_ods(tmp_path / "far.ods"), "has 900,002 rows; the limit is 200,000")


def test_far_cell_in_a_hidden_sheet_is_not_loaded(tmp_path: Path) -> None:
    path = far_cell_xlsx(tmp_path / "far.xlsx")
    with pytest.raises(SubmissionError, match="limit"):
        list_tables(path)


def test_unknown_extension_and_pdf(tmp_path: Path) -> None:
    odd = tmp_path / "notes.pages"
    odd.write_bytes(b"\x00\x01binary")
    _refused(odd, r"\(\.pages\) is not a format scrchron can import. Supported: .docx")
    pdf = tmp_path / "chronology.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj")
    _refused(pdf, "is a damaged PDF")


def test_csv_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_text("Date,Event\n01/01/2014,Visit\n", encoding="utf-8")
    _refused(path, r"named \.xlsx but contains plain text.*Rename it to \.csv")


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_text("<html><body><table><tr><td>Date</td></tr></table></body></html>", encoding="utf-8")
    _refused(path, r"web page \(HTML\)")


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bundle.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(path, "is a zip archive, not a Word, Excel or OpenDocument file")


def test_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "nope.csv", "does not exist")


def test_binary_text_file(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"Date,Event\n\x01\x02\x03\x04\x05\x06\x07\x08" * 50)
    _refused(path, "does not contain text")


def test_damaged_copies_of_valid_files_only_raise_submission_errors(tmp_path: Path) -> None:
    sources = [chronolator_docx(tmp_path), police_workbook(tmp_path), health_csv(tmp_path),
               DATA / "samples" / "calamine" / "date.ods",
               DATA / "samples" / "calamine" / "merge_cells.xls"]
    folder = tmp_path / "mutants"
    folder.mkdir()
    for path in mutated_files(folder, sources, count=100, seed=2024):
        try:
            parse_submission(path)
        except SubmissionError as exc:
            assert str(exc) and "Traceback" not in str(exc)
