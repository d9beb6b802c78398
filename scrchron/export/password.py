"""Password-protected Word and Excel exports, for sending a draft to the panel by email.

The export is written as usual into a private folder (0700) beside the destination,
then encrypted with the Office standard encryption (ECMA-376 Agile Encryption, AES-256,
what Word and Excel open with a password) by msoffcrypto-tool, and only the encrypted
file is put in place (through :func:`~scrchron.export.safe_write.write_safely`). The
plain copy is deleted at once; one left by a killed export is removed by the next.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from scrchron.errors import ValidationError
from scrchron.export.report import ExportSummary
from scrchron.export.safe_write import check_destination, private_work_folder, write_safely

#: Exports that can carry a password (CSV is plain text: it cannot).
PROTECTABLE = (".docx", ".xlsx")
MIN_LENGTH = 8


def check_password(path: Path, password: str) -> None:
    """Refuse a password export that cannot be made: a CSV, or a short password."""
    if path.suffix.lower() not in PROTECTABLE:
        raise ValidationError(f"{path.name} cannot carry a password: only Word (.docx) and Excel (.xlsx) "
                              "exports can. Export to .docx or .xlsx instead.")
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Choose an export password of at least {MIN_LENGTH} characters.")


def write_protected(path: Path, password: str, write: Callable[[Path], ExportSummary]) -> ExportSummary:
    """Run ``write`` on a private plain copy, then put its encrypted form at ``path``."""
    check_password(path, password)
    check_destination(path)
    with private_work_folder(path) as folder:
        plain = folder / f"plain{path.suffix.lower()}"
        summary = write(plain)
        write_safely(path, lambda target: _encrypt(plain, target, password))
        plain.unlink(missing_ok=True)
    return dataclasses.replace(summary, path=path)


def _encrypt(plain: Path, target: Path, password: str) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile  # local: only password exports need it

    with plain.open("rb") as source, target.open("wb") as out:
        OOXMLFile(source).encrypt(password, out)


def is_password_protected(path: Path) -> bool:
    """True when an Office file is encrypted (opens only with its password)."""
    import msoffcrypto

    with path.open("rb") as handle:
        return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
