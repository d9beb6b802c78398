"""Working out what a submission file really is, from its bytes and its name."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from scrchron.importers import limits
from scrchron.importers.limits import human_bytes
from scrchron.importers.parsed import SubmissionError
from scrchron.importers.safety import ZIP_READ_ERRORS, check_zip, damaged

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})
WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb"})
LEGACY_SUFFIXES = frozenset({".doc", ".dot", ".xls", ".xlt", ".odt", ".rtf", ".ods"})
SUPPORTED = (
    ".docx, .docm, .xlsx, .xlsm, .xls, .ods, .csv, .tsv, .txt, .pdf "
    "(and .doc, .odt, .rtf through LibreOffice)"
)

_KIND_NAMES = {
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "xlsb": "an Excel binary workbook",
    "ods": "an OpenDocument spreadsheet",
    "odt": "an OpenDocument text document",
    "doc": "a Word 97-2003 document",
    "xls": "an Excel 97-2003 workbook",
    "rtf": "a Rich Text document",
    "csv": "a text (CSV) file",
    "pdf": "a PDF document",
}
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE_STREAMS = (
    ("doc", "WordDocument".encode("utf-16-le")),
    ("xls", "Workbook".encode("utf-16-le")),
    ("xls", "Book".encode("utf-16-le")),
    ("msg", "__substg1.0_".encode("utf-16-le")),
    ("ppt", "PowerPoint Document".encode("utf-16-le")),
)


@dataclass(slots=True)
class Detected:
    """What a file is.

    Attributes:
        kind: 'docx', 'xlsx', 'xlsb', 'ods', 'odt', 'doc', 'xls', 'rtf', 'csv' or 'pdf'.
        main_part: for a .docx, the main document part inside the zip.
        warnings: notes for the user (e.g. the name does not match the content).
    """

    kind: str
    main_part: str = ""
    warnings: list[str] = field(default_factory=list)


def detect(path: Path) -> Detected:
    """Identify a submission file by content first, then by extension.

    Zip containers are safety-checked here (sizes, ratios, DTDs).

    Args:
        path: the file.

    Returns:
        What the file is.

    Raises:
        SubmissionError: for an empty, oversized, damaged, protected or
            unsupported file.
    """
    name = path.name
    head = _read_head(path)
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        found = _detect_zip(path)
    elif head.startswith(OLE_MAGIC):
        found = Detected(_detect_ole(path))
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        found = Detected("rtf")
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF"):
        found = Detected("pdf")
    else:
        _refuse_known_binary(head, name)
        if suffix not in TEXT_SUFFIXES:
            raise _not_what_named(head, name, suffix)
        found = Detected("csv")
    _note_mismatch(found, suffix, name)
    return found


def _read_head(path: Path) -> bytes:
    """Check the size of a file and return its first bytes."""
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise SubmissionError(f"'{name}' is not a file.")
        with path.open("rb") as stream:
            head = stream.read(4096)
    except FileNotFoundError as exc:
        raise SubmissionError(f"'{path}' does not exist.") from exc
    except OSError as exc:
        raise SubmissionError(f"'{name}' cannot be read: {exc.strerror or exc}.") from exc
    if size == 0 or not head:
        raise SubmissionError(f"'{name}' is empty (0 bytes). Ask the agency to send it again.")
    if size > limits.MAX_FILE_BYTES:
        raise SubmissionError(
            f"'{name}' is {human_bytes(size)}; the limit is "
            f"{human_bytes(limits.MAX_FILE_BYTES)}. Ask the agency for a smaller file."
        )
    return head


def _detect_zip(path: Path) -> Detected:
    """Identify a zip container after checking it is safe to open."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, name)
            return _zip_kind(archive, name)
    except (*ZIP_READ_ERRORS, KeyError) as exc:
        raise damaged(name) from exc


def _zip_kind(archive: zipfile.ZipFile, name: str) -> Detected:
    """Tell a .docx from an .xlsx or an OpenDocument file by its parts."""
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
        if mimetype.endswith("opendocument.spreadsheet"):
            return Detected("ods")
        if mimetype.endswith("opendocument.text"):
            return Detected("odt")
    main = office_main_part(archive)
    if main.startswith("word/") or "word/document.xml" in names:
        return Detected("docx", main_part=main if main.startswith("word/") else "word/document.xml")
    if "xl/workbook.xml" in names:
        return Detected("xlsx")
    if "xl/workbook.bin" in names:
        return Detected("xlsb")
    raise SubmissionError(
        f"'{name}' is a zip archive, not a Word, Excel or OpenDocument file. "
        "Unzip it and import the documents inside."
    )


def office_main_part(archive: zipfile.ZipFile) -> str:
    """Return the main part named by the package relationships, or "".

    Args:
        archive: an Office (OPC) container.

    Returns:
        e.g. "word/document.xml"; "" when there is no such relationship.
    """
    from scrchron.importers.xmlsafe import parse_bytes

    try:
        data = archive.read("_rels/.rels")
    except KeyError:
        return ""
    root = parse_bytes(data)
    if root is None:
        return ""
    for rel in root:
        rel_type = str(rel.get("Type", ""))
        if rel_type.endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    return ""


def _detect_ole(path: Path) -> str:
    """Identify an OLE2 (Compound File) container by its stream names."""
    name = path.name
    data = path.read_bytes()
    if _ENCRYPTED in data:
        raise SubmissionError(
            f"'{name}' is password-protected: remove the password in Word/Excel "
            "(File > Info > Protect) and save again."
        )
    for kind, marker in _OLE_STREAMS:
        if marker in data:
            if kind == "msg":
                raise SubmissionError(
                    f"'{name}' is an Outlook message: save its attachment and import that."
                )
            if kind == "ppt":
                raise SubmissionError(
                    f"'{name}' is a PowerPoint file; import the Word or Excel chronology."
                )
            return kind
    suffix = path.suffix.lower()
    if suffix in (".doc", ".dot"):
        return "doc"
    if suffix in (".xls", ".xlt"):
        return "xls"
    raise SubmissionError(
        f"'{name}' is an old-style Office file of a kind scrchron cannot read. "
        "Save it from Word as .docx or from Excel as .xlsx."
    )


def _refuse_known_binary(head: bytes, name: str) -> None:
    """Give a specific message for PDF, HTML and XML files."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table")) or (
        stripped.startswith(b"<") and b"<html" in stripped[:1000]
    ):
        raise SubmissionError(
            f"'{name}' is a web page (HTML), not a spreadsheet or document. Open it in "
            "Excel or Word and use Save As .xlsx or .docx."
        )
    if stripped.startswith(b"<?xml"):
        raise SubmissionError(
            f"'{name}' is an XML file (perhaps Excel/Word 2003 XML). Open it in Excel or "
            "Word and use Save As .xlsx or .docx."
        )


def _not_what_named(head: bytes, name: str, suffix: str) -> SubmissionError:
    """Return the error for a file whose content matches no known format."""
    if suffix in WORD_SUFFIXES | EXCEL_SUFFIXES | LEGACY_SUFFIXES:
        if looks_like_text(head):
            return SubmissionError(
                f"'{name}' is named {suffix} but contains plain text (perhaps a CSV "
                "export renamed). Rename it to .csv and import it again."
            )
        return SubmissionError(
            f"'{name}' is named {suffix} but is not a Word, Excel or OpenDocument file: it is "
            "damaged, or another kind of file renamed. Ask the agency to send it again."
        )
    shown = suffix or "no extension"
    return SubmissionError(
        f"'{name}' ({shown}) is not a format scrchron can import. Supported: {SUPPORTED}."
    )


def looks_like_text(head: bytes) -> bool:
    """Guess whether bytes are text: no NUL bytes and few control characters.

    Args:
        head: the first bytes of a file.

    Returns:
        True for text (including UTF-16 with a byte order mark).
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls <= len(head) // 100


def _note_mismatch(found: Detected, suffix: str, name: str) -> None:
    """Warn when the file's content does not match its extension."""
    expected = {
        "docx": WORD_SUFFIXES,
        "xlsx": EXCEL_SUFFIXES,
        "xlsb": EXCEL_SUFFIXES,
        "ods": {".ods"},
        "odt": {".odt"},
        "doc": {".doc", ".dot"},
        "xls": {".xls", ".xlt"},
        "rtf": {".rtf", ".doc"},
        "csv": TEXT_SUFFIXES,
        "pdf": {".pdf"},
    }[found.kind]
    if suffix not in expected:
        found.warnings.append(
            f"'{name}' is named {suffix or 'without extension'} but is "
            f"{_KIND_NAMES.get(found.kind, found.kind)}; it was read as such."
        )
