"""Hostile CSV files (issue 16, defects 8 and 10): built here, refused with a line number.

An unclosed quote swallows the rows below it into one cell (989 of 1,000 rows
became one 20,708-character entry and the import said "imported 11"); 100 MB of
commas cost 1 GB. Both are refused, in bounded memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrchron import cli
from scrchron.importers import parse_submission
from scrchron.records.case_records import Review
from scrchron.store.case import Case
from tests.cage_figures import refused
from tests.hostile_inputs import unclosed_quote_csv


def test_an_unclosed_quote_is_refused_with_its_line_and_nothing_is_imported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_path = tmp_path / "Child Q.scrchron"
    Case.create(case_path, Review("Child Q", "cspr")).close()
    path = unclosed_quote_csv(tmp_path / "police.csv")
    status = cli.main(["import", str(case_path), str(path), "--agency", "Police"])
    message = capsys.readouterr().err
    assert status == 1
    assert "a quote (\") that is never closed: the cell starting on line 12" in message
    assert len(message.strip().splitlines()) == 1
    with Case.open(case_path, read_only=True) as case:
        assert case.count("entries") == 0


def test_a_multi_paragraph_cell_is_still_read(tmp_path: Path) -> None:
    prose = "\n".join(f"Paragraph {n}: the worker visited, spoke to mother, saw the child." for n in range(12))
    path = tmp_path / "health.csv"
    path.write_text(f'Date,Event,Source\n01/03/2015,"{prose}",Health\n02/03/2015,Visit,Health\n',
                    encoding="utf-8")
    parsed = parse_submission(path)
    assert parsed.rows_read == 2 and "Paragraph 11" in str(parsed.rows[0].fields["event"])


_MEASURE = """
import json, re, sys
from pathlib import Path
from scrchron.importers import SubmissionError, cage, parse_submission
try:
    parse_submission(sys.argv[1]); error = ""
except SubmissionError as exc:
    error = str(exc)
# VmHWM: this process's own peak (ru_maxrss would carry the parent's across exec).
own = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"error": error, "peak_kb": max(own, cage.LAST[0].peak_bytes // 1024)}))
"""


@pytest.mark.parametrize("shape", ["one line", "wide lines"])
def test_100_mb_of_commas_is_refused_in_bounded_memory(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "commas.csv"
    with path.open("w", encoding="ascii") as stream:
        stream.write("Date,Event\n")
        block = "," * (1024 * 1024) if shape == "one line" else ("," * 9_000 + "\n") * 116
        for _ in range(99 if shape == "one line" else 95):
            stream.write(block)
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert "Line 2 of 'commas.csv'" in result["error"]
    assert result["peak_kb"] * 1024 < 300 * 1024 * 1024, result


def test_a_refused_csv_is_counted_with_the_hostile_inputs(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    refused(unclosed_quote_csv(tmp_path / "unclosed-quote.csv"), "never closed", request)
    path = tmp_path / "commas.csv"
    path.write_text("Date,Event\n" + "," * 2_000_000 + "\n", encoding="ascii")
    refused(path, "longer than 1,000,000 characters", request)
