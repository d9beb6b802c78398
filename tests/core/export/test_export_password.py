"""Password-protected Word and Excel exports (Office standard encryption, msoffcrypto-tool)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from docx import Document
from msoffcrypto.exceptions import InvalidKeyError

from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export import export
from scrchron.export.password import is_password_protected
from scrchron.store import Case

PASSWORD = "Invented panel password 2015"
KNOWN_EVENT = "bruise noted on the cheek"  # tests/conftest.py SAMPLE_ENTRIES


def decrypted(path: Path, password: str) -> io.BytesIO:
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password)
        plain = io.BytesIO()
        office.decrypt(plain)
    plain.seek(0)
    return plain


def written_beside(case_file: Path) -> list[str]:
    """What is in the case's folder besides the case and its SQLite side files."""
    return sorted(p.name for p in case_file.parent.iterdir() if not p.name.startswith(case_file.name))


def text_of_docx(data: io.BytesIO) -> str:
    document = Document(data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def text_of_xlsx(data: io.BytesIO) -> str:
    book = openpyxl.load_workbook(data, read_only=True)
    return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


@pytest.mark.parametrize(("name", "read"), [("draft.docx", text_of_docx), ("chronology.xlsx", text_of_xlsx)])
def test_a_protected_export_opens_only_with_its_password(case_file: Path, name: str, read: object) -> None:
    out = case_file.parent / name
    with Case.open(case_file, read_only=True) as case:
        summary = export(case, out, password=PASSWORD)
    assert summary.path == out
    assert is_password_protected(out) and not zipfile.is_zipfile(out)
    assert KNOWN_EVENT.encode() not in out.read_bytes()
    assert KNOWN_EVENT in read(decrypted(out, PASSWORD))  # type: ignore[operator]
    with pytest.raises(InvalidKeyError):
        decrypted(out, "Not the password at all")
    assert written_beside(case_file) == [name]  # no plain copy left behind


def test_exports_are_not_protected_unless_asked(case_file: Path) -> None:
    out = case_file.parent / "draft.docx"
    with Case.open(case_file, read_only=True) as case:
        export(case, out)
    assert zipfile.is_zipfile(out) and not is_password_protected(out)


def test_a_csv_or_a_short_password_is_refused_before_anything_is_written(case_file: Path) -> None:
    with Case.open(case_file, read_only=True) as case:
        with pytest.raises(ValidationError, match="cannot carry a password"):
            export(case, case_file.parent / "chronology.csv", password=PASSWORD)
        with pytest.raises(ValidationError, match="at least 8 characters"):
            export(case, case_file.parent / "draft.docx", password="short")
    assert written_beside(case_file) == []


def test_the_command_line_reads_the_export_password_from_a_file(
        case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = case_file.parent / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    out = case_file.parent / "draft.docx"
    assert main(["export", str(case_file), str(out), "--protect", "--password-file", str(secret)]) == 0
    assert "Protected with a password" in capsys.readouterr().out
    assert KNOWN_EVENT in text_of_docx(decrypted(out, PASSWORD))
    assert main(["export", str(case_file), str(out), "--password-file", str(secret)]) == 1
    assert "goes with --protect" in capsys.readouterr().err
