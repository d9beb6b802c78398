"""The glossary of abbreviations: those that actually occur in the exported text.

The known abbreviations live in ``resources/glossary.csv`` (abbreviation,meaning);
an agency's short name ("CSC" for Children's Social Care) is added to them. An
abbreviation is found as a whole word, written exactly (``DNA`` is "did not
attend"; ``dna`` in ordinary text is not an abbreviation).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from scrchron.runtime.resources import resource_path


@lru_cache(maxsize=1)
def known_abbreviations() -> dict[str, str]:
    """Abbreviation -> meaning, from resources/glossary.csv."""
    with resource_path("glossary.csv").open(encoding="utf-8", newline="") as handle:
        return {row["abbreviation"].strip(): row["meaning"].strip()
                for row in csv.DictReader(handle) if row.get("abbreviation", "").strip()}


_TOKEN = re.compile(r"[A-Za-z0-9&]+")


def glossary_for(texts: Iterable[str], extra: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The abbreviations (with meanings) that occur in ``texts``, sorted alphabetically.

    A word is a run of letters, digits and ``&`` (so ``A&E`` is one word and ``w/c`` is
    two); an abbreviation counts when a word is exactly it.

    Args:
        texts: every text the export contains.
        extra: more abbreviations for this case (agency short names), which win
            over the built-in meaning.
    """
    meanings = known_abbreviations() | dict(extra or {})
    words = frozenset(a for a in meanings if _TOKEN.fullmatch(a))
    found = _words_in("\n".join(text for text in texts if text), words)
    return sorted(((a, meanings[a]) for a in found), key=lambda item: (item[0].lower(), item[0]))


def _words_in(text: str, words: frozenset[str]) -> set[str]:
    """Which of ``words`` (runs of word characters) occur in ``text`` as whole words.

    The search skips ahead to the abbreviations' first letters (a boundary test before a
    word would stop Python's matcher doing so: eight times slower over a chronology); a
    hit is kept when the character before it is not a word character. A hit is all word
    characters, so no whole word can begin inside one that was not kept.
    """
    if not words:
        return set()
    found: set[str] = set()
    for match in _finder(words).finditer(text):
        start = match.start()
        if start == 0 or not _TOKEN.match(text, start - 1):
            found.add(match.group())
    return found


@lru_cache(maxsize=8)
def _finder(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"(?:{alternatives})(?![A-Za-z0-9&])")
