"""Legacy Word (.doc) through a real LibreOffice, as agencies using Chronolator send them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scrchron.importers import parse_submission
from scrchron.runtime.resources import resource_path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("SCRCHRON_REQUIRE_SOFFICE") != "1":
    pytest.skip("LibreOffice is not installed (CI installs it and sets SCRCHRON_REQUIRE_SOFFICE=1)",
                allow_module_level=True)


def test_doc_saved_from_a_word_table_imports_like_the_docx(tmp_path: Path) -> None:
    assert SOFFICE, "SCRCHRON_REQUIRE_SOFFICE=1 but LibreOffice is missing"
    source = resource_path("demo", "childrens-social-care-chronology.docx")
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    legacy = tmp_path / (source.stem + ".doc")
    assert legacy.read_bytes()[:4] == bytes.fromhex("D0CF11E0")  # a real Word 97-2003 file
    from_doc = parse_submission(legacy)
    from_docx = parse_submission(source)
    assert from_doc.importer != from_docx.importer
    assert len(from_doc.rows) == len(from_docx.rows) > 5
    assert [r.fields["event"] for r in from_doc.rows] == [r.fields["event"] for r in from_docx.rows]
