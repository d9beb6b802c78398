"""The report's layout is one of its settings: `scrchron report settings --involvement/--recommendations`,
stored where every export reads it, refused when it is not one of the choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export.report_layout import layout_of
from scrchron.export.report_settings import update_report_settings
from scrchron.store import Case


def test_the_layout_is_set_and_shown_with_the_settings(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "settings", str(case_file), "--involvement", "by-period",
                 "--recommendations", "with-findings", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["involvement"], shown["recommendations"]) == ("by-period", "with-findings")
    with Case.open(case_file, read_only=True) as case:
        assert layout_of(case).involvement == "by-period" and layout_of(case).recommendations == "with-findings"
    assert main(["report", "settings", str(case_file)]) == 0
    assert "Agency involvement: by-period" in capsys.readouterr().out


def test_a_layout_that_is_not_a_choice_changes_nothing(case_file: Path) -> None:
    with Case.open(case_file) as case:
        with pytest.raises(ValidationError, match="by-agency or by-period"):
            update_report_settings(case, author="Dr A. Reviewer", involvement="by-colour")
        assert layout_of(case).involvement == "by-agency"
        assert case.setting("report_author") == ""  # one transaction: the author was not kept either
