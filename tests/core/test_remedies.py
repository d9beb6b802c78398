"""An error's next step is the core's to name and each front door's to word: the core's
messages name no command or option, the command line adds its commands, the window its
menus (tests/ui/test_ui_remedies.py)."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

import scrchron
from scrchron import cli
from scrchron.cli.advice import _ADVICE, advice, error_text
from scrchron.errors import REMEDIES, Remedy, ScrchronError, ValidationError
from scrchron.importers.parsed import SubmissionError
from scrchron.store.case import CaseDamagedError

PACKAGE = Path(scrchron.__file__).parent
#: Words of the command line: an option or a command of scrchron's.
COMMAND_LINE = re.compile(r"(?<![\w-])--[a-z][a-z-]+|\bscrchron (new|import|restore|backups|encrypt|summary|"
                          r"names|person|info|export|check|templates)\b")


def _raised_messages(path: Path) -> list[tuple[int, str]]:
    """The string pieces of every ``raise SomeError(...)`` in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for piece in ast.walk(node.exc):
                if isinstance(piece, ast.Constant) and isinstance(piece.value, str):
                    found.append((node.lineno, piece.value))
    return found


def test_no_core_error_message_names_a_command_or_an_option() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ("cli", "ui")]
    offending = [f"{p.relative_to(PACKAGE)}:{line}: {text!r}" for p in core
                 for line, text in _raised_messages(p) if COMMAND_LINE.search(text)]
    assert offending == []


def test_the_audit_sees_a_command_in_a_message(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('raise ValueError(f"Restore it with: scrchron restore {x}")\n', encoding="utf-8")
    assert [COMMAND_LINE.search(text) is not None for _, text in _raised_messages(module)] == [True]


def test_every_remedy_has_command_line_words() -> None:
    assert set(_ADVICE) == set(REMEDIES)
    assert "--sheet \"Hidden 1\"" in advice(Remedy("choose_sheet", {"sheet": "Hidden 1"}))
    assert advice(Remedy("restore_backup")) .startswith('Restore it with: scrchron restore "CASE" "BACKUP"')
    with pytest.raises(ValueError):
        Remedy("do_something_else")


def test_a_remedy_crosses_the_import_cage() -> None:
    """The reader runs in a child process and sends its error back pickled: the remedy comes too."""
    error = SubmissionError("No header row.", remedy=Remedy("map_columns", {"headers": '"A", "B"'}))
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is SubmissionError and str(back) == "No header row."
    assert back.remedy == error.remedy
    damaged = pickle.loads(pickle.dumps(CaseDamagedError("x is damaged.", None)))
    assert damaged.latest_backup is None and damaged.remedy is None


def test_the_command_line_prints_the_message_then_its_own_next_step(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.scrchron"
    assert cli.main(["info", str(missing)]) == 1
    printed = capsys.readouterr().err
    assert "No case file at" in printed and "scrchron new" in printed
    assert error_text(ValidationError("Plain.")) == "Plain."
    assert error_text(ScrchronError("Damaged.", remedy=Remedy("list_backups", {"case": "a b.scrchron"}))) == \
        'Damaged. List its backups with: scrchron backups "a b.scrchron".'
