"""The reviewer's words for a report section: a small markdown subset, read and written.

A section's text is paragraphs separated by blank lines; a paragraph whose lines
start with ``- `` is a bullet list (one item a line); ``**bold**`` and
``*italic*`` mark words; ``[E42]`` (entry 42), ``[Ep3]`` (episode 3), ``[F2]``
(finding 2) and ``[R1]`` (recommendation 1) are references that the Word report
turns into cross-references. ``\\*`` and ``\\[`` keep the character itself.

Parsing is one pass of one regular expression with no backtracking, so a
megabyte of text takes a bounded time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: The most characters a section's text may hold.
MAX_TEXT = 1_000_000

REFERENCE = re.compile(r"\[(E|Ep|F|R)(\d{1,9})\]")
_TOKENS = re.compile(r"\\[*\[\\]|\*\*|\*|\[(?:E|Ep|F|R)\d{1,9}\]")
_BULLET = re.compile(r"^\s*[-*] +")
#: What a reference is called in the report.
REFERENCE_WORDS = {"E": "entry", "Ep": "Episode", "F": "Finding", "R": "Recommendation"}


@dataclass(frozen=True)
class Span:
    """A stretch of text with one look: bold, italic, or a reference ('F2') shown as ``text``."""

    text: str
    bold: bool = False
    italic: bool = False
    reference: str = ""


@dataclass
class Block:
    """A paragraph or one bullet item, as spans."""

    spans: list[Span] = field(default_factory=list)
    bullet: bool = False

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(s.text for s in self.spans)


def parse(text: str) -> list[Block]:
    """The blocks of a section's text (paragraphs and bullet items)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if _BULLET.match(lines[0]):
            blocks.extend(_bullets(lines))
        else:
            blocks.append(Block(spans(" \n".join(line.strip() for line in lines).replace(" \n", "\n"))))
    return blocks


def _bullets(lines: list[str]) -> list[Block]:
    items: list[str] = []
    for line in lines:
        if _BULLET.match(line) or not items:
            items.append(_BULLET.sub("", line, count=1).strip())
        else:
            items[-1] += " " + line.strip()
    return [Block(spans(item), bullet=True) for item in items]


def spans(text: str) -> list[Span]:
    """The spans of one paragraph's inline markup."""
    found: list[Span] = []
    bold = italic = False
    at = 0
    for match in _TOKENS.finditer(text):
        token, start = match.group(), match.start()
        if token.startswith("\\"):
            _add(found, text[at:start] + token[1], bold, italic)
        elif token.startswith("["):
            _add(found, text[at:start], bold, italic)
            found.append(Span(token, bold, italic, token[1:-1]))
        elif token == "**" or _is_marker(text, start):
            _add(found, text[at:start], bold, italic)
            if token == "**":
                bold = not bold
            else:
                italic = not italic
        else:
            _add(found, text[at:match.end()], bold, italic)
        at = match.end()
    _add(found, text[at:], bold, italic)
    return found


def _is_marker(text: str, at: int) -> bool:
    """A single ``*`` marks italic when it touches a word (not '2 * 3')."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not (before.isspace() and after.isspace())


def _add(found: list[Span], text: str, bold: bool, italic: bool) -> None:
    if not text:
        return
    if found and not found[-1].reference and (found[-1].bold, found[-1].italic) == (bold, italic):
        found[-1] = Span(found[-1].text + text, bold, italic)
    else:
        found.append(Span(text, bold, italic))


# -- back to text --------------------------------------------------------------------------


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[")


def span_text(span: Span) -> str:
    """One span as markup."""
    if span.reference:
        return f"[{span.reference}]"
    text = _escaped(span.text)
    core = text.strip()
    if not core or not (span.bold or span.italic):
        return text
    mark = ("**" if span.bold else "") + ("*" if span.italic else "")
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark[::-1]}{trail}"


def block_text(block: Block) -> str:
    """One block as markup."""
    merged: list[Span] = []
    for span in block.spans:
        if merged and not span.reference and not merged[-1].reference and \
                (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        else:
            merged.append(span)
    text = "".join(span_text(s) for s in merged).strip()
    return f"- {text}" if block.bullet else text


def to_text(blocks: list[Block]) -> str:
    """Blocks as a section's text: bullets one a line, paragraphs apart by a blank line."""
    parts: list[str] = []
    for block in blocks:
        line = block_text(block)
        if not line or line == "-":
            continue
        if parts and block.bullet and parts[-1].startswith("- "):
            parts[-1] += "\n" + line
        else:
            parts.append(line)
    return "\n\n".join(parts)


def normalised(text: str) -> str:
    """A section's text in the form a round trip through Word gives back (to compare two texts)."""
    return to_text(parse(text))


def references(text: str) -> list[str]:
    """The references a text holds ('E42', 'F2'...), in order."""
    return [m.group(1) + m.group(2) for m in REFERENCE.finditer(text)]
