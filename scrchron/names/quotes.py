"""Reading the text around a name: quoted speech, the role word before it, a place after it.

- :class:`QuotedSpeech`: is a position inside quotation marks? A child's own words
  are changed there only visibly: the replacement goes in square brackets
  ("'[Mother's partner] did it'"). A quotation is looked for within one line (or
  one exported text), at most ``QUOTE_LIMIT`` characters long, so the cost stays
  bounded whatever the text.
- :func:`role_words`: the role a pseudonym names ("Mother", "Maternal grandmother"
  and its head word "grandmother"), so "Mother Tanya Marsh" is not written
  "Mother Mother".
- :func:`place_after`: "Marsh Lane Surgery", a capitalised phrase after a surname
  ending in a place or organisation word, offered to the reviewer as not-a-name.
- :func:`doubtful_place`: does a capitalised common word begin a sentence (a full stop
  after an initial or a title does not end one), or sit in a line of capitals?
"""

from __future__ import annotations

import re
from functools import lru_cache

from scrchron.names.forms import TITLES

QUOTE_LIMIT = 2000
_SENTENCE_END = frozenset(".!?:;|\x00\n\r\u2022")
_OPENERS = frozenset(" \t\"'\u201c\u2018([*")
_TITLE_WORD = re.compile(r"[ \t]+[A-Z][a-z]")
NEXT_WORD = re.compile(r"[\s\"'\u2019\u201d,]*(\w+)")
_QUOTE = re.compile(
    rf'"[^"\x00\n]{{0,{QUOTE_LIMIT}}}"'
    rf"|\u201c[^\u201d\x00\n]{{0,{QUOTE_LIMIT}}}\u201d"
    rf"|(?<![\w'\u2019])['\u2018](?=\S)[^\x00\n]{{0,{QUOTE_LIMIT}}}?(?<=\S)['\u2019](?!\w)"
)
_LINE_END = re.compile(r"[\x00\n]")

_PLACE_WORDS_TEXT = """
Lane Road Street Avenue Close Drive Crescent Way Court Gardens Grove Place Square Terrace Walk Row Hill
Park Green Estate Farm House Court Mews View Rise Vale Surgery Practice Clinic Centre Center Hospital
School Academy Primary College Nursery Service Services Team Unit Trust Project Ward Church Hall Road
Medical Health Pharmacy Library Station Police Partnership Foundation Charity Group Ltd Limited
"""
PLACE_WORDS = frozenset(_PLACE_WORDS_TEXT.split())
_CAPITALISED = re.compile(r"[ \t]+([A-Z][\w'\u2019&-]*)")


class QuotedSpeech:
    """The quotations of one text, found only where asked about.

    A line (or exported text) is read in windows: from its start, or from a multiple of
    ``QUOTE_LIMIT`` when it is longer, to at most three limits further, so each part of a
    long line is read a bounded number of times.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._windows: dict[int, list[tuple[int, int]]] = {}
        self._quotes = any(mark in text for mark in "\"'\u201c\u2018")

    def inside(self, position: int) -> bool:
        """Is ``position`` inside a quotation?"""
        if not self._quotes:
            return False
        start = self._window_start(position)
        if start not in self._windows:
            limit = min(len(self.text), start + 3 * QUOTE_LIMIT)
            end = _LINE_END.search(self.text, position, limit)
            stop = end.start() if end else limit
            self._windows[start] = [m.span() for m in _QUOTE.finditer(self.text, start, stop)]
        return any(begin < position < end for begin, end in self._windows[start])

    def _window_start(self, position: int) -> int:
        floor = max(0, (position // QUOTE_LIMIT - 1) * QUOTE_LIMIT)
        found = max(self.text.rfind("\n", floor, position), self.text.rfind("\x00", floor, position))
        return found + 1 if found >= 0 else floor


@lru_cache(maxsize=256)
def role_words(pseudonym: str) -> tuple[str, ...]:
    """The pseudonym, and its head word when that names a role (lower case)."""
    words = pseudonym.lower().split()
    if not words:
        return ()
    found = [pseudonym.lower()]
    if len(words) > 1 and words[-1].isalpha() and len(words[-1]) >= 4:
        found.append(words[-1])
    return tuple(found)


def place_after(text: str, start: int, end: int) -> str:
    """The phrase from a name at ``start:end`` to a place word after it ('Marsh Lane Surgery'), or ''."""
    position, best = end, 0
    for _ in range(3):
        match = _CAPITALISED.match(text, position)
        if match is None:
            break
        position = match.end()
        if match.group(1) in PLACE_WORDS:
            best = position
    return text[start:best] if best else ""


def doubtful_place(shown: str, start: int, end: int) -> bool:
    """Does a capitalised common word at ``start`` begin a sentence, sit in a line of capitals, or
    begin a capitalised phrase ('Young Carers Service', 'Hope Street')?"""
    index = start - 1
    while index >= 0 and shown[index] in _OPENERS:
        index -= 1
    if index < 0 or (shown[index] in _SENTENCE_END and not _after_an_initial(shown, index)):
        return True
    written = shown[start:end]
    if not written.isupper():
        title_case = _TITLE_WORD.match(shown, end)
        return title_case is not None
    after = NEXT_WORD.match(shown, end)
    before = re.search(r"(\w+)\W*$", shown[max(0, start - 40):start])
    return any(word is not None and len(word.group(1)) > 1 and word.group(1).isupper()
               for word in (after, before))


def role_after(text: str, end: int, pseudonym: str) -> int:
    """Where the text goes on after a name followed by its own role in brackets ('Tanya (Mother)')."""
    found = re.match(r" \(\s*" + re.escape(pseudonym) + r"\s*\)", text[end:end + len(pseudonym) + 8], re.IGNORECASE)
    return end + found.end() if found else end


def _after_an_initial(shown: str, index: int) -> bool:
    """Is the full stop at ``index`` the end of an initial or a title ('T.', 'Mrs.'), not of a sentence?"""
    if shown[index] != ".":
        return False
    word = re.search(r"(?<![\w.])(\w{1,3})$", shown[max(0, index - 4):index])
    if word is None:
        return False
    before = word.group(1)
    return (len(before) == 1 and before.isupper()) or before.lower() in TITLES


def role_before(parts: list[str], gap: str, pseudonym: str) -> bool:
    """Is the name preceded (across spaces only) by the role its pseudonym names ('Mother Tanya')?"""
    spaces = len(gap) - len(gap.rstrip(" \t"))
    return bool(spaces) and _ends_with_role("".join(parts[-3:]) + gap[:-spaces], pseudonym)


_APPOSITION = re.compile(r"(?:,[ \t]+|[ \t]+\()$")


def apposition(parts: list[str], gap: str, text: str, end: int, pseudonym: str) -> tuple[str, int] | None:
    """The role, then its name set off by commas or brackets ('her mother, Tanya, said', 'Mother (Tanya)'):
    the gap without its comma or bracket and where the text goes on, or None."""
    if not (gap.endswith("(") or gap.rstrip(" \t").endswith(",")):
        return None  # the usual case, decided without a regular expression
    opener = _APPOSITION.search(gap[-40:])
    if opener is None:
        return None
    cut = len(gap) - len(opener.group())
    if not _ends_with_role("".join(parts[-3:]) + gap[:cut], pseudonym):
        return None
    after = text[end:end + 1]
    if opener.group().endswith("("):
        return (gap[:cut], end + 1) if after == ")" else None
    if after == ",":
        return gap[:cut], end + 1
    if after in ("", ".", ";", ":", "!", "?", "\n", ")"):
        return gap[:cut], end
    return None


def _ends_with_role(before: str, pseudonym: str) -> bool:
    before = before[-80:].lower()
    for role in role_words(pseudonym):
        if before.endswith(role) and (len(before) == len(role) or not before[-len(role) - 1].isalnum()):
            return True
    return False
