"""Bad input for the issue-18 layouts, each at the level it fails: the command line, the case unchanged.

Encrypted, truncated, 2,000-page, inflating ("PDF bomb") and garbled PDFs, zip bombs
named .docx/.xlsx, narratives with no readable date: one clear line naming what is
wrong (and the limit, where there is one), exit status 1, no traceback, the case file
byte for byte as it was, and memory bounded (the cage's report of the read).
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import docx
import pypdf
import pytest
from importer_fixtures import zip_bomb
from pdf_files import PdfPage, table_pages, write_pdf

from scrchron.cli import main
from scrchron.importers import cage, limits, parse_submission
from scrchron.importers.pdf_streams import MAX_PDF_STREAM_BYTES


@pytest.fixture
def case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "review.scrchron"
    assert main(["new", str(path), "--title", "Child R", "--type", "cspr"]) == 0
    capsys.readouterr()
    return path


def refused(capsys: pytest.CaptureFixture[str], case: Path, path: Path, *messages: str) -> str:
    before = hashlib.sha256(case.read_bytes()).hexdigest()
    code = main(["import", str(case), str(path), "--agency", "Police"])
    out, err = capsys.readouterr()
    assert code == 1 and not out and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for message in messages:
        assert message in err, err
    assert hashlib.sha256(case.read_bytes()).hexdigest() == before
    return err


def _good_pdf(folder: Path) -> Path:
    rows = [[f"{n % 28 + 1:02d}/03/2019", f"Officers attended the address, call {n}", "PC1"] for n in range(60)]
    return write_pdf(folder / "police.pdf", table_pages(rows, header=["Date", "Event", "Officer"]))


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_a_pdf_with_an_open_password_is_refused(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path,
                                                algorithm: str) -> None:
    writer = pypdf.PdfWriter(clone_from=str(_good_pdf(tmp_path)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm=algorithm)
    path = tmp_path / "locked.pdf"
    writer.write(str(path))
    refused(capsys, case, path, "'locked.pdf' is a password-protected PDF. Ask the agency for an unprotected copy")


def test_a_pdf_locked_only_against_editing_is_read(tmp_path: Path) -> None:
    """An empty open password (printing/editing restricted) is what many case systems write: it is read."""
    writer = pypdf.PdfWriter(clone_from=str(_good_pdf(tmp_path)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "restricted.pdf"
    writer.write(str(path))
    assert len(parse_submission(path).rows) == 60


@pytest.mark.parametrize("share", [0.5, 0.9])
def test_a_truncated_pdf_is_refused_not_half_imported(capsys: pytest.CaptureFixture[str], case: Path,
                                                      tmp_path: Path, share: float) -> None:
    data = _good_pdf(tmp_path).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * share)])
    refused(capsys, case, path, "'cut.pdf' is a damaged PDF (its structure cannot be read)")


def test_a_2000_page_pdf_is_refused_naming_the_limit(capsys: pytest.CaptureFixture[str], case: Path,
                                                     tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "long.pdf", [PdfPage(lines=["14/03/2019 Officers attended."])], repeat=2000)
    refused(capsys, case, path, "'long.pdf' has 2,000 pages; the limit is 500 pages per PDF")
    assert cage.LAST[0].peak_bytes < limits.CAGE_MEMORY_BYTES


def flate_bomb(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of spaces, built without inflating it (identical full-flush blocks)."""
    chunk = b" " * limits.MB
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    check = 1
    for _ in range(megabytes):
        check = zlib.adler32(chunk, check)
    return b"\x78\xda" + block * megabytes + deflater.flush() + check.to_bytes(4, "big")


def test_a_pdf_whose_page_inflates_without_end_is_refused(capsys: pytest.CaptureFixture[str], case: Path,
                                                          tmp_path: Path) -> None:
    bomb = flate_bomb(2 * MAX_PDF_STREAM_BYTES // limits.MB)
    assert len(zlib.decompressobj().decompress(bomb, 4 * limits.MB)) == 4 * limits.MB  # it is a real stream
    path = tmp_path / "bomb.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Count 1 /Kids [3 0 R] >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(bomb)).encode() + b" /Filter /FlateDecode >>\nstream\n" + bomb
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    assert path.stat().st_size < 1_000_000
    refused(capsys, case, path, "'bomb.pdf' could not be read safely: a compressed part of it expands to more "
                                "than 100 MB (the limit for one part of a PDF)")
    assert cage.LAST[0].status == "limit" and cage.LAST[0].peak_bytes < limits.CAGE_MEMORY_BYTES


def test_a_pdf_with_a_garbage_text_layer_is_refused(capsys: pytest.CaptureFixture[str], case: Path,
                                                    tmp_path: Path) -> None:
    pages = [PdfPage(lines=[f"{n} May 2019: officers attended; the children were asleep upstairs."] * 8)
             for n in range(1, 4)]
    pages[1].garbled = True
    path = write_pdf(tmp_path / "garbled.pdf", pages)
    refused(capsys, case, path, "'garbled.pdf': the text of page 2 cannot be read (the PDF's text layer is garbled")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_zip_bomb_named_as_office_is_refused(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path,
                                               suffix: str) -> None:
    path = zip_bomb(tmp_path / f"chronology{suffix}")
    refused(capsys, case, path, "looks like a zip bomb", "limit 500")


def test_a_narrative_with_no_readable_date_is_refused(capsys: pytest.CaptureFixture[str], case: Path,
                                                      tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Our involvement with the family", "We knew the family from the spring.",
                 "The officer visited several times; the mother was not at home.", "The case was closed."):
        document.add_paragraph(text)
    path = tmp_path / "summary.docx"
    document.save(str(path))
    refused(capsys, case, path, "none of its 4 paragraph(s) begins with a readable date")
    text = tmp_path / "summary.txt"
    text.write_text("Our involvement\nThe officer visited in the spring.\n", encoding="utf-8")
    refused(capsys, case, text, "none of its 2 paragraph(s) begins with a readable date")  # not "add a header row"


def test_a_pdf_of_only_undated_lines_is_refused(capsys: pytest.CaptureFixture[str], case: Path,
                                                tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "letter.pdf", [PdfPage(lines=["Dear reviewer,", "We had no contact with the family.",
                                                              "Yours, the safeguarding lead"])])
    refused(capsys, case, path, "none of its 3 paragraph(s) begins with a readable date")


def test_the_stream_ceiling_leaves_ordinary_and_broken_streams_to_zlib() -> None:
    from scrchron.importers import pdf_streams

    data = zlib.compress(b"BT /F1 10 Tf (Home visit) Tj ET" * 100)
    assert pdf_streams.CAPPED_ZLIB.decompress(data) == zlib.decompress(data)
    for broken in (data[:-10], b"not zlib at all"):
        with pytest.raises(zlib.error):
            pdf_streams.CAPPED_ZLIB.decompress(broken)
    with pytest.raises(pdf_streams.StreamTooLarge):
        pdf_streams.CAPPED_ZLIB.decompress(flate_bomb(MAX_PDF_STREAM_BYTES // limits.MB + 1))
