"""Text as a reader sees it, for finding names: the form names are matched in.

A name can hide from a plain search and still be read: a soft hyphen or a
zero-width space inside it (``Tan\\u00adya``), a Cyrillic ``а`` in place of a
Latin ``a``, full-width or mathematical letters, an accent written as a
combining mark. :func:`reader_view` turns a text into what is matched:

- Unicode NFKC compatibility forms (full-width, ligatures, styled letters);
- invisible format characters removed (category Cf: soft hyphen, zero-width
  space and joiners, word joiner, byte order mark, direction marks);
- accents dropped (``Zoë`` is matched as ``Zoe``; the name forms are normalised
  the same way, so both spellings of a name are found);
- look-alike letters of other scripts folded to Latin (Cyrillic ``а``, Greek ``Ο``);
- and, for the case-insensitive search, lower case.

The view keeps where each of its characters came from, so a name found in it
is replaced in the original text. ASCII text (almost all of it) is its own view.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

# Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the letters that matter).
_LOOKALIKE = str.maketrans({
    **dict(zip("аеорсухіјѕԁһӏԛԝѵ", "aeopcyxijsdhlqwv", strict=True)),
    **dict(zip("АВЕКМНОРСТХІЈЅԚԜУ", "ABEKMHOPCTXIJSQWY", strict=True)),
    **dict(zip("οαρνικτυχ", "oapviktux", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
})
# Letters that re.IGNORECASE treats as equal to another but str.lower() keeps apart.
_FOLD = str.maketrans("ıſςϐϵϑϰϖϱϕẛﬅµ", "isσβεθκπρφṡﬆμ")
# A run of characters that are not plain ASCII, with the ASCII letter before it (a
# combining accent belongs to the letter before it).
_SPECIAL = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


_FOLDED = re.compile("[" + "".join(chr(code) for code in _FOLD) + "]")


def fold(text: str) -> str:
    """Lower case for matching (the same length as ``text`` for almost every text)."""
    folded = text.lower()
    return folded.translate(_FOLD) if not folded.isascii() and _FOLDED.search(folded) else folded


def read_as_shown(piece: str) -> str:
    """``piece`` as a reader sees it (see the module docstring), case kept."""
    if piece.isascii():
        return piece
    decomposed = unicodedata.normalize("NFKD", piece)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf", "Me"))
    return unicodedata.normalize("NFKC", kept.translate(_LOOKALIKE)).translate(_LOOKALIKE)


@dataclass
class ReaderView:
    """A text as matched (``shown``, case kept; ``folded``, lower case) and the way back to it.

    ``starts`` and ``origins`` are parallel: the view's characters from ``starts[i]`` on
    came from the original text from ``origins[i]`` on; ``linear[i]`` says whether
    that stretch maps one to one (plain ASCII) or is one cluster of the original
    (``ends[i]`` is where the cluster ends in the original).
    """

    original: str
    shown: str
    starts: list[int] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    linear: list[bool] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        """True when the view is the original text, character for character."""
        return not self.starts

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for the view's span ``[start, end)``."""
        if self.identity:
            return start, end
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        begin = self.origins[first] + (start - self.starts[first] if self.linear[first] else 0)
        stop = (self.origins[last] + end - self.starts[last]) if self.linear[last] else self.ends[last]
        return begin, stop


def reader_view(text: str) -> ReaderView:
    """The view of ``text`` names are matched in (see the module docstring)."""
    if text.isascii():
        return ReaderView(text, text)
    view = ReaderView(text, "")
    pieces: list[str] = []
    done = length = 0
    changed = False
    for match in _SPECIAL.finditer(text):
        for cluster_start, cluster in _clusters(text, match.start(), match.end()):
            shown = _shown(cluster)
            if shown == cluster:  # most non-ASCII characters (curly quotes, dashes) read as written
                continue
            changed = True
            if cluster_start > done:
                length = _add(view, pieces, text[done:cluster_start], done, length, linear=True)
            length = _add(view, pieces, shown, cluster_start, length, linear=False,
                          end=cluster_start + len(cluster))
            done = cluster_start + len(cluster)
    if not changed:
        return ReaderView(text, text)
    if done < len(text):
        _add(view, pieces, text[done:], done, length, linear=True)
    view.shown = "".join(pieces)
    return view


@lru_cache(maxsize=4096)
def _shown(cluster: str) -> str:
    return read_as_shown(cluster)


def _add(view: ReaderView, pieces: list[str], shown: str, origin: int, length: int, *,
         linear: bool, end: int = 0) -> int:
    if not shown:
        return length
    view.starts.append(length)
    view.origins.append(origin)
    view.ends.append(end or origin + len(shown))
    view.linear.append(linear)
    pieces.append(shown)
    return length + len(shown)


def _clusters(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The characters of ``text[start:end]``, each with the combining marks after it."""
    found: list[tuple[int, str]] = []
    for index in range(start, end):
        ch = text[index]
        if found and unicodedata.combining(ch):
            first, cluster = found[-1]
            found[-1] = (first, cluster + ch)
        else:
            found.append((index, ch))
    return found
