"""Where the tests' own files are, for tests at any depth under tests/."""

from __future__ import annotations

from pathlib import Path

#: tests/
TESTS = Path(__file__).resolve().parent
#: tests/data/: labelled sets, samples and fixtures (each with its source recorded).
DATA = TESTS / "data"
#: The repository.
ROOT = TESTS.parent
