"""Names inside email addresses, web and social media links, handles, hashtags, file paths
and run-together words (``tanya_marsh85@gmail.com``, ``facebook.com/tanyamarsh``,
``@dean_colley``, ``#JusticeForTanya``, ``C:\\Records\\tmarsh\\``, ``DeanColley``).

A token that contains a known name is replaced whole by a placeholder saying
what it was (``[email address]``, ``[social media link]``...), not edited inside:
the rest of such a token (a birth year, a workplace domain, a user number) can
identify the person as surely as the name, a published report has no use for a
contact detail, and ``mother_85@gmail.com`` reads worse than ``[email address]``.
A run-together name alone (``DeanColley``) becomes the person's pseudonym.

Inside a token a name is a run of letters (split at underscores, digits, dots
and a lower-to-capital change) that is a name part of three letters or more,
two of them run together (``tanyamarsh``), one with an initial before or after
(``tmarsh``, ``tanyam``), or a name part of five letters or more anywhere in
the run. Common-word parts (``Wood``) do not count inside a token.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

SOCIAL = ("facebook.", "fb.com", "fb.me", "twitter.", "x.com", "instagram.", "tiktok.", "snapchat.",
          "youtube.", "youtu.be", "linkedin.", "whatsapp.", "wa.me", "t.me", "threads.net", "reddit.")

PLACEHOLDERS = {"email": "[email address]", "social": "[social media link]", "url": "[web address]",
                "handle": "[social media handle]", "hashtag": "[hashtag]", "path": "[file path]",
                "word": "[username]"}

_TLD = r"(?i:com|org|net|uk|co|io|me|info|gov|nhs|tv|ly|be|biz|eu|app|ie|us)"
# Each branch starts where no word could go on from the left, and quantifiers are possessive,
# so a 100,000-character run is read once, not once per starting position.
TOKEN = re.compile(rf"""
    (?P<email>(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++)
  | (?P<url>(?<![\w/.-])(?i:https?://|www\.)[^\s<>"'()\[\]]++
           |(?<![\w/.@-])[\w-]++(?:\.[\w-]++)*?\.{_TLD}(?![\w-])(?:/[^\s<>"'()\[\]]*+)?)
  | (?P<handle>(?<![\w@.])@\w++)
  | (?P<hashtag>(?<![\w&#])\#\w++)
  | (?P<path>(?<![\w\\/.~-])(?:[A-Za-z]:\\|\\\\|~/|/)[\w.$-]*+(?:[\\/][\w.$-]++)++[\\/]?)
  | (?P<word>(?<!\w)\w*?(?:[^\W\d_][\d_]|[\d_][^\W\d_]|[a-z][A-Z])\w*+)
""", re.VERBOSE)

# Something only a token has; looked for only in a chunk (a run without spaces) that holds a
# name part, so the cost follows the names in the text, not its length.
_TRIGGER = re.compile(r"[@#_\\~]|(?<![\w./-])/|[a-z][A-Z]|\.[A-Za-z]{2}|[A-Za-z]\d|\d[A-Za-z]")
_CHUNK_END = re.compile(r"[\s\x00|]")
_PERSONAL = frozenset({"email", "handle", "hashtag", "word"})
_PUNCTUATION = ".,;:!?()[]{}\"'\u2018\u2019\u201c\u201d-"
_SPACES = frozenset(" \t\n\r\x0b\x0c\x00|\u00a0")
_RUN = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class TokenHit:
    """A token holding a known name: where it is, what kind, which name part made it one."""

    start: int
    end: int
    kind: str
    part: str


class TokenFinder:
    """Finds tokens that contain one of ``parts`` (normalised name parts, aliases' words).

    ``common`` parts (common words, ``marsh``) count only run together with another
    name part or after an initial (``tmarsh``), never alone or with a plural ``s``.
    """

    def __init__(self, parts: Collection[str], common: Collection[str] = (),
                 initialled: Collection[str] = ()) -> None:
        words = sorted({p for p in parts if len(p) >= 3 and p.isalpha()}, key=lambda p: (-len(p), p))
        self._parts = set(words)
        self._common = {p for p in common if len(p) >= 3 and p.isalpha()} - self._parts
        words = sorted({*words, *self._common}, key=lambda p: (-len(p), p))
        self._joined: re.Pattern[str] | None = None
        self._pair: re.Pattern[str] | None = None
        # a person's first initial run into their surname ('tmarsh'): only their own, so
        # 'jolly' is not 'J' + 'Olly'
        self._initialled = {item for item in initialled if len(item) >= 4}
        # any name part anywhere: a chunk without one holds no name, whatever its shape
        self._any = re.compile("|".join(map(re.escape, sorted({*words, *self._common})))) if words or \
            self._common else None
        self._long: re.Pattern[str] | None = None
        if words:
            names = "|".join(map(re.escape, words))
            self._joined = re.compile(rf"(?:[a-z]?(?:{names})(?:{names})?[a-z]?)")
            self._pair = re.compile(rf"({names})({names})")
            long_words = [w for w in words if len(w) >= 5 and w not in self._common]
            self._long = re.compile("|".join(map(re.escape, long_words))) if long_words else None

    def find(self, shown: str) -> Iterator[TokenHit]:
        """Tokens in ``shown`` (a reader view, case kept) that contain a known name."""
        if self._any is None:
            return
        lowered = shown.lower()
        if len(lowered) != len(shown):
            lowered = "".join(ch.lower()[:1] or ch for ch in shown)  # same positions
        done = 0
        for found in self._any.finditer(lowered):
            if found.start() < done:
                continue
            start = found.start()
            while start > done and shown[start - 1] not in _SPACES:
                start -= 1
            end = _CHUNK_END.search(shown, found.end())
            done = end.start() if end else len(shown)
            if self._plain_word(lowered[start:done]):
                continue  # the name as a word ('Tanya,', "(Tanya's)"): matched as a word, not a token
            hits = list(self._chunk(shown, start, done)) if _TRIGGER.search(shown, start, done) else []
            yield from hits
            for hit in self._run_together(shown, start, done):
                if not any(other.start < hit.end and hit.start < other.end for other in hits):
                    yield hit

    def _run_together(self, shown: str, start: int, end: int) -> Iterator[TokenHit]:
        """Two name parts written as one word ('tanyamarsh', 'TANYAMARSH'), a person's initial run
        into their surname ('TMarsh'), or two name parts joined by a full stop ('tanya.marsh'):
        a token too."""
        if self._pair is None:
            return
        runs = list(_RUN.finditer(shown, start, end))
        for index, run in enumerate(runs):
            word = run.group().lower()
            if self._pair.fullmatch(word) or word in self._initialled:
                yield TokenHit(run.start(), run.end(), "word", word)
            elif index + 1 < len(runs) and runs[index + 1].start() == run.end() + 1 \
                    and shown[run.end()] == "." and self._named(word) and self._named(runs[index + 1].group().lower()):
                yield TokenHit(run.start(), runs[index + 1].end(), "word", word)

    def _plain_word(self, chunk: str) -> bool:
        core = chunk.strip(_PUNCTUATION)
        if core.endswith(("'s", "\u2019s")):
            core = core[:-2]
        return core in self._parts or core in self._common

    def _named(self, word: str) -> bool:
        return word in self._parts or word in self._common

    def _chunk(self, shown: str, start: int, end: int) -> Iterator[TokenHit]:
        for match in TOKEN.finditer(shown, start, end):
            kind = match.lastgroup or "word"
            text = match.group()
            part = self.name_in(text, personal=kind in _PERSONAL)
            if part:
                if kind == "url" and any(site in text.lower() for site in SOCIAL):
                    kind = "social"
                yield TokenHit(match.start(), match.end(), kind, part)

    def name_in(self, token: str, personal: bool = False) -> str:
        """The first name part found in ``token`` ('' when none). In a ``personal`` token (an
        email address, handle, hashtag or user name) a common-word part counts too
        ('t.marsh@', 'wood85'): such a token names a person, not a place."""
        for run in _RUN.findall(token):
            for piece in _CAMEL.split(run):
                found = self._piece(piece.lower(), personal)
                if found:
                    return found
        return ""

    def _piece(self, piece: str, personal: bool = False) -> str:
        if piece in self._parts or (personal and (piece in self._common or piece[1:] in self._common)):
            return piece
        if self._joined is not None and len(piece) >= 4 and self._joined.fullmatch(piece) \
                and piece not in self._common and piece[:-1] not in self._common:
            return piece
        if self._long is not None:
            found = self._long.search(piece)
            if found:
                return found.group()
        return ""

    def run_together(self, token: str) -> list[str]:
        """The name parts a letters-only token is made of ('DeanColley' -> dean, colley), or []."""
        if not token.isalpha():
            return []
        pieces = [piece.lower() for piece in _CAMEL.split(token)]
        if len(pieces) > 1 and all(piece in self._parts for piece in pieces):
            return pieces
        word = token.lower()
        pair = self._pair.fullmatch(word) if self._pair is not None else None
        if pair is not None:
            return [pair.group(1), pair.group(2)]
        if word in self._initialled:
            return [next(part for part in sorted(self._parts | self._common, key=len, reverse=True)
                         if word.endswith(part))]
        return []


# -- joining the names found with the tokens found ---------------------------------------------


Found = tuple[int, int, T]


def sweep(found: list[Found[T]]) -> list[Found[T]]:
    """Names and initials in order, the first of two overlapping ones kept."""
    kept: list[Found[T]] = []
    last_end = -1
    for item in sorted(found, key=lambda item: (item[0], -item[1])):
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    return kept


def absorbed(spans: list[list[int]], start: int, end: int) -> bool:
    """Does a name at ``start:end`` overlap a token? Then the token grows to cover it."""
    index = bisect_left(spans, [end]) - 1
    overlapped = False
    while index >= 0 and spans[index][1] > start:
        spans[index][0], spans[index][1] = min(spans[index][0], start), max(spans[index][1], end)
        overlapped = True
        index -= 1
    return overlapped


def merged(spans: list[list[int]], tokens: list[TokenHit]) -> list[tuple[tuple[int, int], TokenHit]]:
    """The tokens' spans (grown by the names they overlapped), overlapping ones joined."""
    merged: list[tuple[tuple[int, int], TokenHit]] = []
    for (start, end), token in sorted(zip(map(tuple, spans), tokens, strict=True), key=lambda item: item[0]):
        if merged and start < merged[-1][0][1]:
            (first, last), kept = merged[-1]
            merged[-1] = ((first, max(last, end)), kept)
        else:
            merged.append(((start, end), token))
    return merged
