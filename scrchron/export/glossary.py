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
    words = set(_TOKEN.findall("\n".join(text for text in texts if text)))
    found = words.intersection(meanings)
    return sorted(((a, meanings[a]) for a in found), key=lambda item: (item[0].lower(), item[0]))
