"""scrchron makes no network connection, ever.

Import (CSV, Excel, Word), merge (``dupes``), export (Word, Excel, CSV), backup
and restore all run in this process with every way of opening a socket
replaced by a trap. A trap raises, and also records the attempt, so a caller
that swallowed the error is still caught.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from scrchron import cli
from scrchron.chronology import merge
from scrchron.cli import backup_commands
from scrchron.records.case_records import Review
from scrchron.store.case import Case

ATTEMPTS: list[str] = []


def _trap(name: str) -> Any:
    def refuse(*args: object, **kwargs: object) -> None:
        ATTEMPTS.append(f"{name}{args!r}")
        raise OSError(f"network access attempted in a test: socket.{name}")

    return refuse


@pytest.fixture(autouse=True)
def _commands_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = list(cli._MODULES)
    extra = [backup_commands]
    with contextlib.suppress(ImportError):  # the export command, once it exists
        extra.append(importlib.import_module("scrchron.cli.export_commands"))
    modules.extend(module for module in extra if module not in modules)
    monkeypatch.setattr(cli, "_MODULES", tuple(modules))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    ATTEMPTS.clear()
    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "create_server", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, _trap(name))
    yield
    assert ATTEMPTS == []


@pytest.fixture
def submissions(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "submissions"
    folder.mkdir()
    rows = [("Date", "Time", "Event", "Action taken"),
            ("09/03/2015", "23:40", "Domestic incident reported by neighbour", "PPN submitted"),
            ("10/03/2015", "", "Referral received from police", "Strategy discussion")]
    police = folder / "police.csv"
    police.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [("Date", "Event"), ("10/03/2015", "Referral received from police"),
                ("12/03/2015", "Home visit; baby seen")]:
        sheet.append(row)
    social_care = folder / "social-care.xlsx"
    book.save(social_care)
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("Date", "Details of contact"), ("10/03/2015", "Police referral discussed"),
                             ("16/03/2015", "Home visit by health visitor")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    health = folder / "health.docx"
    document.save(str(health))
    return {"Police": police, "Children's Social Care": social_care, "Health": health}


def test_import_merge_export_backup_restore_without_network(
    no_network: None, tmp_path: Path, submissions: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    case_path = tmp_path / "Child N.scrchron"
    Case.create(case_path, Review("Child N", "cspr", subject_name="Nadia Example",
                                  subject_pseudonym="Child N")).close()
    for agency, path in submissions.items():
        assert cli.main(["import", str(case_path), str(path), "--agency", agency]) == 0
    assert cli.main(["dupes", str(case_path), "--json"]) == 0
    capsys.readouterr()
    with Case.open(case_path) as case:
        merge.refresh_proposals(case)
        assert case.count("entries") == 6
    exported = export_everything(case_path, tmp_path)
    capsys.readouterr()
    assert cli.main(["backups", str(case_path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert cli.main(["restore", str(case_path), "1"]) == 0
    for path in exported:
        assert path.stat().st_size > 0


def export_everything(case_path: Path, folder: Path) -> list[Path]:
    """Every export format, through the CLI when it has the command, else the core."""
    try:
        export = importlib.import_module("scrchron.export").export
    except (ImportError, AttributeError):
        return []
    written = []
    has_command = any(getattr(module, "__name__", "").endswith("export_commands") for module in cli._MODULES)
    for name in ("report.docx", "chronology.xlsx", "chronology.csv"):
        out = folder / name
        if has_command:
            assert cli.main(["export", str(case_path), str(out)]) == 0
        else:
            with Case.open(case_path, read_only=True) as case:
                export(case, out)
        written.append(out)
    return written


def test_the_trap_works(no_network: None) -> None:
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("example.org", 443))
    assert ATTEMPTS
    ATTEMPTS.clear()
