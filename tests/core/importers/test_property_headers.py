"""Property tests of the header matcher (scrchron.importers.headers).

Random header rows never raise and always give a valid mapping (known fields,
column indices in range, no column used twice); every known synonym is found
whatever its case, punctuation and spacing; and the matching depends only on
the words of the headers, not on how they are written.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

import pytest
from helpers_kill import record_figure
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrchron.importers import FIELDS, match_headers
from scrchron.importers.headers import _SYNONYMS, MAX_HEADER_CHARS, field_scores, normalize_header

RANDOM_ROWS = 10_000  # rows built from a drawn seed: cheap to generate, so many
SHRINKABLE_ROWS = 500  # rows built by Hypothesis itself: shrink to a minimal failing row
SYNONYM_CASES = 500
SPELLING_CASES = 500

_RUN: dict[str, int] = {}


def quiet(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.fixture(scope="module", autouse=True)
def _figures(request: pytest.FixtureRequest) -> Iterator[None]:
    started = time.perf_counter()
    yield
    if _RUN:
        record_figure(request.config, "Property cases run: header matcher (this file)",
                      f"{sum(_RUN.values()):,} in {time.perf_counter() - started:.1f} s ({_RUN})")
        record_figure(request.config, "Property cases configured elsewhere",
                      "dates 16,500 (tests/test_dates_property.py), anonymiser 11,000 "
                      "(tests/test_anonymise_property.py)")


def count(name: str) -> None:
    _RUN[name] = _RUN.get(name, 0) + 1


WORDS = sorted({word for phrases in _SYNONYMS.values() for phrase in phrases for word in phrase.split()})
# A drawn seed drives Python's own random: one draw per example (a Hypothesis ``randoms()``
# object draws for every call, which is a hundred times slower here).
SEEDS = st.integers(0, 2**32 - 1)
SEPARATORS = " \t\n_-/.:,;*|~'\"\u00a0\u2013"

header_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=SEPARATORS + "abcdeiostADT()[]&#+0123456789", min_size=100, max_size=140),
    st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join),
    st.sampled_from([phrase for phrases in _SYNONYMS.values() for phrase in phrases]),
    st.none(),
)


def random_header(rng: random.Random) -> str | None:
    """One cell of a header row: noise, words, a synonym, a long text or nothing."""
    kind = rng.randrange(6)
    if kind == 0:
        return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 40)))
    if kind == 1:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    if kind == 2:
        return spelled(rng.choice(SYNONYMS)[0].split(), rng)
    if kind == 3:
        return "".join(rng.choice(SEPARATORS + "abcdeiostADT()[]&#+0123456789") for _ in range(rng.randint(100, 140)))
    return None if kind == 4 else ""


@quiet(RANDOM_ROWS)
@given(SEEDS)
def test_random_header_rows_give_a_valid_mapping(seed: int) -> None:
    count("random rows")
    rng = random.Random(seed)
    check_mapping([random_header(rng) for _ in range(rng.randint(0, 16))])


@quiet(SHRINKABLE_ROWS)
@given(st.lists(header_text, max_size=12))
def test_random_header_rows_shrinkable(headers: list[str | None]) -> None:
    count("shrinkable rows")
    check_mapping(headers)


def check_mapping(headers: list[str | None]) -> None:
    """The mapping names known fields, in-range columns, each column once."""
    mapping = match_headers(headers)  # type: ignore[arg-type]  # None cells, as read
    assert set(mapping) <= set(FIELDS)
    columns = list(mapping.values())
    assert len(set(columns)) == len(columns)
    for name, column in mapping.items():
        assert 0 <= column < len(headers)
        header = headers[column]
        assert header and name in field_scores(header)


def spelled(words: list[str], rng: random.Random) -> str:
    """The words written with random case, separators and padding (same words)."""
    def separators(least: int) -> str:
        return "".join(rng.choice(SEPARATORS) for _ in range(rng.randint(least, 3)))

    cased = ["".join(c.upper() if rng.random() < 0.5 else c for c in word) for word in words]
    return separators(0) + "".join(separators(1) + word for word in cased)[1:] + separators(0)


SYNONYMS = sorted({(phrase, name) for name, phrases in _SYNONYMS.items()
                   for phrase, score in phrases.items() if score == max(phrases.values())})


@st.composite
def synonym_headers(draw: st.DrawFn) -> tuple[str, str]:
    phrase, _ = draw(st.sampled_from(SYNONYMS))
    return spelled(phrase.split(), random.Random(draw(SEEDS))), phrase


@quiet(SYNONYM_CASES)
@given(synonym_headers(), st.integers(0, 5), st.integers(0, 5))
def test_known_synonyms_are_found_however_written(written: tuple[str, str], left: int, right: int) -> None:
    count("synonyms")
    header, phrase = written
    assert normalize_header(header) == phrase
    best = max(field_scores(phrase).values())
    expected = {name for name, score in field_scores(phrase).items() if score == best}
    mapping = match_headers([""] * left + [header] + [""] * right)
    found = [name for name, column in mapping.items() if column == left]
    assert found and found[0] in expected, (header, mapping)


def two_spellings(seed: int) -> tuple[list[str], list[str]]:
    """One header row written twice: the same words, spelled differently."""
    rng = random.Random(seed)
    rows: tuple[list[str], list[str]] = ([], [])
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.5:
            words = [rng.choice(WORDS) for _ in range(rng.randint(1, 5))]
        else:
            words = rng.choice(SYNONYMS)[0].split()
        for row in rows:
            row.append(spelled(words, rng)[:MAX_HEADER_CHARS])
    return rows


@quiet(SPELLING_CASES)
@given(SEEDS)
def test_matching_depends_on_the_words_not_their_spelling(seed: int) -> None:
    count("spellings")
    first, second = two_spellings(seed)
    if any(normalize_header(a) != normalize_header(b) for a, b in zip(first, second, strict=True)):
        return  # cut short at the length limit differently: not the same words
    assert match_headers(first) == match_headers(second)


def test_every_known_synonym_is_found_in_three_spellings() -> None:
    rng = random.Random(5)
    for phrase, _ in SYNONYMS:
        best = max(field_scores(phrase).values())
        expected = {name for name, score in field_scores(phrase).items() if score == best}
        for header in (phrase.upper(), spelled(phrase.split(), rng), f"  {phrase.title()}:  "):
            mapping = match_headers(["", header])
            assert next(name for name, column in mapping.items() if column == 1) in expected, header
