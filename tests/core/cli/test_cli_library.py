"""``scrchron library ...`` from the command line, and the open export read back."""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from library_reviews import REVIEWS, TODAY, Fnd, Spec, build_case, build_library_cases

from scrchron.cli import main

ALL_FINDINGS = sorted(f.title for spec in REVIEWS for f in spec.findings)
ALL_ACTIONS = sorted(a.text for spec in REVIEWS for r in spec.recommendations for a in r.actions)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases = tmp_path_factory.mktemp("cli-reviews")
    build_library_cases(cases)
    (cases / "agenda.txt").write_text("Board agenda", encoding="utf-8")
    return cases


@pytest.fixture
def library(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "learning.scrlib"
    assert main(["library", "add", str(path), str(folder)]) == 0
    capsys.readouterr()
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_add_and_list(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "library", "list", str(library), "--json")
    assert isinstance(rows, list)
    assert {Path(r["path"]).name: r["status"] for r in rows} == {
        "adult-a.scrchron": "read", "child-t.scrchron": "read", "dhr-jo.scrchron": "read", "agenda.txt": "not a case"}
    assert main(["library", "list", str(library)]) == 0
    out = capsys.readouterr().out
    assert "agenda.txt is not a scrchron case file" in out
    assert "4 case files, 3 read, 1 listed with a reason." in out


def test_themes_actions_recommendations_agencies(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    themes = _json(capsys, "library", "themes", str(library), "--json", "--year", "2021")
    assert [(t["theme"], t["reviews"]) for t in themes] == [  # type: ignore[union-attr, index]
        ("Domestic abuse and coercive control", 2), ("Information sharing", 2),  # a tie: by name
        ("Voice of the child (child not seen, not heard)", 1)]
    owed = _json(capsys, "library", "actions", str(library), "--agency", "Police", "--overdue",
                 "--today", TODAY, "--json")
    assert [(a["review"], a["due"], a["overdue"]) for a in owed] == [  # type: ignore[union-attr, index]
        ("CSPR Child T", "2022-01-31", True), ("SAR Adult A", "2022-12-31", True)]
    groups = _json(capsys, "library", "recommendations", str(library), "--min", "3", "--json")
    assert [(g["owner"], g["times"]) for g in groups] == [("Police", 3)]  # type: ignore[union-attr, index]
    assert main(["library", "recommendations", str(library)]) == 0
    assert "Recommended in 3 reviews (Police; Information sharing)" in capsys.readouterr().out
    agencies = _json(capsys, "library", "agencies", str(library), "--json", "--type", "cspr")
    assert {a["agency"] for a in agencies["agencies"]} == {  # type: ignore[call-overload, index]
        "Police", "Health Visiting", "Children's Social Care"}


def test_bad_usage_is_one_line(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "list", str(tmp_path / "none.scrlib")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("scrchron: No learning library") and "Traceback" not in err
    assert main(["library", "list", str(folder / "child-t.scrchron")]) == 1
    assert "is a case file, not a learning library" in capsys.readouterr().err
    assert main(["library", "export", str(tmp_path / "none.scrlib"), str(tmp_path / "x.json")]) == 1


def test_export_json_read_back(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "learning.json"
    assert main(["library", "export", str(library), str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["schema"], document["version"]) == ("scrchron-learning-library", 1)
    reviews = {r["title"]: r for r in document["reviews"]}
    assert set(reviews) == {spec.review.title for spec in REVIEWS}
    for spec in REVIEWS:
        review = reviews[spec.review.title]
        assert review["review_type"] == spec.review.review_type
        assert [f["title"] for f in review["findings"]] == [f.title for f in spec.findings]
        assert [r["text"] for r in review["recommendations"]] == [r.text for r in spec.recommendations]
        assert sorted((a["text"], a["due"], a["status"]) for a in review["actions"]) == sorted(
            (a.text, a.due, a.status) for r in spec.recommendations for a in r.actions)
        assert sorted((t["finding"], t["theme"]) for t in review["finding_themes"]) == sorted(
            (n, t) for n, f in enumerate(spec.findings, start=1) for t in f.themes)
    assert "Zebedee" not in out.read_text(encoding="utf-8")
    assert str(library.parent) not in out.read_text(encoding="utf-8")  # no file paths


def test_export_csv_and_sqlite_read_back(library: Path, tmp_path: Path) -> None:
    assert main(["library", "export", str(library), str(tmp_path / "learning.csv")]) == 0
    with (tmp_path / "learning.findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["title"] for row in rows) == ALL_FINDINGS
    with (tmp_path / "learning.actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert sorted(row["text"] for row in csv.DictReader(handle)) == ALL_ACTIONS
    db = tmp_path / "learning.sqlite"
    assert main(["library", "export", str(library), str(db)]) == 0
    with closing(sqlite3.connect(db)) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT title FROM findings")) == ALL_FINDINGS
        joined = conn.execute("SELECT COUNT(*) FROM actions a JOIN reviews r ON r.review = a.review "
                              "WHERE r.review_type = 'cspr'").fetchone()[0]
        assert joined == sum(len(r.actions) for r in REVIEWS[0].recommendations)
    assert main(["library", "export", str(library), str(tmp_path / "learning.xlsx")]) == 1


def test_demo_library_of_three_invented_reviews(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "demo", "--out", str(tmp_path)]) == 0
    assert "three invented reviews" in capsys.readouterr().out
    library = str(tmp_path / "learning.scrlib")
    rows = _json(capsys, "library", "list", library, "--json")
    assert sorted((r["review_type"], r["status"]) for r in rows) == [  # type: ignore[union-attr, index]
        ("cspr", "read"), ("dhr", "read"), ("sar", "read")]
    groups = _json(capsys, "library", "recommendations", library, "--min", "3", "--json")
    assert [g["times"] for g in groups] == [3]  # type: ignore[union-attr, index]
    overdue = _json(capsys, "library", "actions", library, "--overdue", "--today", "2023-01-01", "--json")
    assert len(overdue) == 3  # type: ignore[arg-type]


def test_csv_export_runs_no_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = REVIEWS[1]
    hostile = Spec("hostile.scrchron", spec.review, spec.agencies,
                   (Fnd('=HYPERLINK("http://example.invalid","x")', ("Self-neglect",)),), ())
    path = build_case(tmp_path, hostile)
    library = tmp_path / "l.scrlib"
    assert main(["library", "add", str(library), str(path)]) == 0
    assert main(["library", "export", str(library), str(tmp_path / "out.csv")]) == 0
    with (tmp_path / "out.findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["title"] == "'=HYPERLINK(\"http://example.invalid\",\"x\")"


def test_action_plan_for_the_board_in_excel_and_word(library: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document
    from openpyxl import load_workbook

    sheet_path, word_path = tmp_path / "plan.xlsx", tmp_path / "plan.docx"
    assert main(["library", "actions", str(library), "--agency", "Police", "--today", TODAY,
                 "--out", str(sheet_path)]) == 0
    sheet = load_workbook(sheet_path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][:5] == ["Owner", "Action", "Due", "Status", "Overdue"]
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == [
        ("Write a notification protocol", "2022-01-31", "OVERDUE"),
        ("Extend the protocol to adult social care", "2022-12-31", "OVERDUE")]
    assert main(["library", "actions", str(library), "--today", TODAY, "--out", str(word_path)]) == 0
    table = Document(str(word_path)).tables[0]
    assert len(table.rows) == 1 + 6  # the headings, five actions and one recommendation with none
    # by owner: Children's Social Care (2), Police (2, both overdue), Probation, the partnership
    assert [row.cells[4].text for row in table.rows[1:]] == ["", "", "OVERDUE", "OVERDUE", "", ""]
    assert main(["library", "actions", str(library), "--out", str(tmp_path / "plan.pdf")]) == 1
    assert "name a .xlsx or .docx file" in capsys.readouterr().err
