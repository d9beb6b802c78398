"""The command line on protected cases: --encrypt, encrypt/decrypt/rekey, --passphrase-file, prompts."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import tempfile
from pathlib import Path

import pytest
from tests.conftest import SCHOOL_CSV, TEST_PASSPHRASE

from scrchron.cli import build_parser, main
from scrchron.store.case import is_protected

#: An event of the school's CSV no real chronology holds (tests/conftest.py SCHOOL_CSV).
KNOWN_ENTRY = "DSL spoke to mother about attendance"
#: A note the reviewer writes on an entry (annotating): it must not leak either.
KNOWN_NOTE = "Quokkaflight: the attendance plan was never reviewed"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def passphrase_file(folder: Path, text: str = TEST_PASSPHRASE, name: str = "pass.txt") -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.fixture
def protected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    case = tmp_path / "Child S.scrchron"
    code, out, err = run(capsys, "new", str(case), "--title", "Child S", "--type", "cspr", "--encrypt",
                         "--passphrase-file", str(passphrase_file(tmp_path)))
    assert code == 0, err
    assert "a forgotten passphrase cannot be recovered" in out
    return case


def test_new_encrypt_makes_a_protected_case_that_opens_with_the_passphrase_file(
        protected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert is_protected(protected)
    key = str(tmp_path / "pass.txt")
    assert run(capsys, "add", str(protected), "--agency", "School", "--date", "9.3.15", "--event",
               KNOWN_ENTRY, "--passphrase-file", key)[0] == 0
    code, out, _ = run(capsys, "entries", str(protected), "--search", "attendance", "--passphrase-file", key)
    assert code == 0 and KNOWN_ENTRY in out
    code, out, _ = run(capsys, "info", str(protected), "--json", "--passphrase-file", key)
    assert code == 0 and json.loads(out)["protected"] is True


def test_a_protected_case_without_a_passphrase_or_terminal_says_what_to_do(
        protected: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    code, out, err = run(capsys, "entries", str(protected))
    assert code == 1 and out == ""
    assert "needs the review's passphrase" in err and "--passphrase-file" in err and "Traceback" not in err


def test_a_wrong_passphrase_file_is_refused_with_one_line(
        protected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = protected.read_bytes()
    code, _, err = run(capsys, "info", str(protected), "--passphrase-file",
                       str(passphrase_file(tmp_path, "not it at all", "wrong.txt")))
    assert code == 1 and "does not open" in err and err.count("\n") == 1
    assert protected.read_bytes() == before


def test_on_a_terminal_three_wrong_tries_then_it_stops_and_nothing_changed(
        protected: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    typed = iter(["wrong one", "wrong two", "wrong three", TEST_PASSPHRASE])
    prompts: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or next(typed))
    before = protected.read_bytes()
    code, _, err = run(capsys, "info", str(protected))
    assert code == 1 and "does not open" in err and len(prompts) == 3
    assert protected.read_bytes() == before
    typed = iter([TEST_PASSPHRASE])
    code, out, _ = run(capsys, "info", str(protected))
    assert code == 0 and "Child S" in out


def test_encrypt_rekey_and_decrypt_from_passphrase_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "Child U.scrchron"
    assert run(capsys, "new", str(case), "--title", "Child U", "--type", "sar")[0] == 0
    first, second = passphrase_file(tmp_path), passphrase_file(tmp_path, "A second invented one", "new.txt")
    code, out, _ = run(capsys, "encrypt", str(case), "--passphrase-file", str(first))
    assert code == 0 and "Protected Child U.scrchron" in out and is_protected(case)
    code, _, err = run(capsys, "encrypt", str(case), "--passphrase-file", str(first))
    assert code == 1 and "already protected" in err
    code, out, _ = run(capsys, "rekey", str(case), "--passphrase-file", str(first),
                       "--new-passphrase-file", str(second))
    assert code == 0 and "Changed the passphrase" in out
    assert run(capsys, "info", str(case), "--passphrase-file", str(first))[0] == 1
    assert run(capsys, "info", str(case), "--passphrase-file", str(second))[0] == 0
    code, out, _ = run(capsys, "decrypt", str(case), "--passphrase-file", str(second))
    assert code == 0 and not is_protected(case)
    code, _, err = run(capsys, "info", str(case), "--passphrase-file", str(second))
    assert code == 1 and "not protected with a passphrase" in err
    code, out, _ = run(capsys, "info", str(case), "--json")
    assert code == 0 and json.loads(out)["protected"] is False


def test_a_new_passphrase_typed_twice_must_match(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    typed = iter([TEST_PASSPHRASE, TEST_PASSPHRASE + "x"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    case = tmp_path / "Child V.scrchron"
    code, _, err = run(capsys, "new", str(case), "--title", "Child V", "--type", "cspr", "--encrypt")
    assert code == 1 and "differ" in err and not case.exists()


def _commands(parser: argparse.ArgumentParser, name: str = "") -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child_name, child in action.choices.items():
                found += _commands(child, f"{name} {child_name}".strip())
    return found


def test_every_command_that_opens_a_case_takes_a_passphrase_file_and_none_takes_a_passphrase() -> None:
    with_case = [(name, parser) for name, parser in _commands(build_parser())
                 if any(action.dest == "case" for action in parser._actions)]
    assert len(with_case) > 30
    for name, parser in with_case:
        options = {option for action in parser._actions for option in action.option_strings}
        assert "--passphrase-file" in options, name
        assert not any(option in ("--passphrase", "--password", "--key") for option in options), name


def test_import_annotate_export_of_a_protected_case_writes_no_plain_copy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    work = tmp_path / "review"
    work.mkdir()
    school = tmp_path / "school.csv"
    school.write_text(SCHOOL_CSV, encoding="utf-8")
    key = str(passphrase_file(tmp_path))
    case = str(work / "Child S.scrchron")
    steps = [
        ["new", case, "--title", "Child S", "--type", "cspr", "--encrypt"],
        ["import", case, str(school), "--agency", "School"],
        ["import", case, str(school), "--agency", "School", "--replace"],
        ["annotate", case, "3", "--significance", "key", "--note", KNOWN_NOTE],
        ["episode", "add", case, "--title", "Attendance", "--entries", "2,3"],
        ["backups", case, "--now"],
        ["export", case, str(work / "draft.docx")],
        ["export", case, str(work / "chronology.xlsx")],
        ["export", case, str(work / "chronology.csv")],
    ]
    for step in steps:
        code, _, err = run(capsys, *step, "--passphrase-file", key)
        assert code == 0, (step, err)
    exports = {"draft.docx", "chronology.xlsx", "chronology.csv"}
    written = [path for folder in (work, scratch) for path in folder.rglob("*") if path.is_file()]
    assert len(written) >= 5  # the case, its backups and the exports
    for path in written:
        if path.name in exports:
            continue
        data = path.read_bytes()
        for text in ("attendance", KNOWN_NOTE, "Quokkaflight"):
            assert text.encode("utf-8") not in data, (path.name, text)
            assert text.encode("utf-16-le") not in data, (path.name, text)
    assert KNOWN_ENTRY.encode() in (work / "chronology.csv").read_bytes()  # the exports are the reviewer's


def test_backups_of_a_protected_case_list_and_restore_even_when_the_case_is_gone(
        protected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = str(tmp_path / "pass.txt")
    assert run(capsys, "add", str(protected), "--agency", "School", "--date", "9.3.15", "--event",
               KNOWN_ENTRY, "--passphrase-file", key)[0] == 0
    assert run(capsys, "backups", str(protected), "--now", "--passphrase-file", key)[0] == 0
    protected.unlink()
    code, out, _ = run(capsys, "backups", str(protected), "--passphrase-file", key)
    assert code == 0 and "1 entries" in out and "DAMAGED" not in out
    assert run(capsys, "restore", str(protected), "1", "--passphrase-file", key)[0] == 0
    assert is_protected(protected)
    code, out, _ = run(capsys, "entries", str(protected), "--passphrase-file", key)
    assert code == 0 and KNOWN_ENTRY in out
