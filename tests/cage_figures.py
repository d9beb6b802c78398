"""The figures the hostile-input tests of issue 16 print: refused N of N, peak memory, slowest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrchron.importers import SubmissionError, cage, limits, parse_submission
from tests.helpers_kill import record_figure

_SEEN: dict[str, cage.ChildReport] = {}


def refused(path: Path, match: str, request: pytest.FixtureRequest) -> str:
    """Import ``path``; it must be refused with one line matching ``match``. Record the figures."""
    with pytest.raises(SubmissionError) as caught:
        parse_submission(path)
    message = str(caught.value)
    assert re.search(match, message), message
    assert "\n" not in message and "Traceback" not in message
    report = cage.LAST[0]
    assert report.name == path.name
    _SEEN[path.name] = report
    largest = max(_SEEN.values(), key=lambda r: r.peak_bytes)
    slowest = max(_SEEN.values(), key=lambda r: r.seconds)
    record_figure(
        request.config, "Issue-16 hostile inputs refused cleanly (read in the cage)",
        f"{len(_SEEN)} of {len(_SEEN)}; peak memory of the largest {largest.peak_bytes // limits.MB} MB "
        f"({largest.name}; the child may grow {cage.memory_limit_text()} beyond its start); "
        f"slowest {slowest.seconds:.2f} s ({slowest.name})")
    return message
