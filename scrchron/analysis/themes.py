"""Default learning themes per review type (see DOMAIN.md, 'Recurring learning themes').

The lists live in ``resources/themes/<type>.txt``, one theme a line (``#`` starts
a note), so a partnership can change its default taxonomy without touching code.
A new case copies its type's list; the reviewer edits the copy per review.

``resolve_theme`` reads a theme as a person names it (the CLI's ``--theme``, the
window's fields): whole name, number, the name before its parenthesis, or a start.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches
from functools import cache

from scrchron.errors import ValidationError
from scrchron.records.analysis_records import Theme
from scrchron.runtime.resources import resource_path

#: The theme file of each review type. Any other type gets the DHR list.
THEME_FILES: dict[str, str] = {
    "cspr": "cspr.txt",
    "scr": "scr.txt",
    "sar": "sar.txt",
    "dhr": "dhr.txt",
    "susr": "susr.txt",
    "cpr": "cpr.txt",
    "apr": "apr.txt",
}


@cache
def default_themes(review_type: str) -> tuple[str, ...]:
    """The default theme taxonomy for a review type ('cspr', 'scr', 'sar', 'dhr', 'susr', 'cpr', 'apr')."""
    path = resource_path("themes", THEME_FILES.get(review_type, THEME_FILES["dhr"]))
    lines = (" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


# -- a theme as a person names it ---------------------------------------------


def _plain(text: str) -> str:
    """Text compared without case, runs of spaces, or the curly apostrophe Word types."""
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _short(name: str) -> str:
    """The part of a theme's name before a parenthesis ("Voice of the child")."""
    return _plain(name.partition("(")[0])


def resolve_theme(themes: Sequence[Theme], typed: str | int) -> Theme:
    """The one theme ``typed`` names, or ValidationError saying why not.

    Accepted, in this order: the whole name (any case, any spacing); the number
    ``scrchron theme list`` shows (the theme's id); the part of a name before a
    parenthesis; the start of one name only. A name always wins over a number,
    and a whole name over a start, so every theme can still be named exactly.
    """
    if isinstance(typed, int):
        return _by_number(themes, typed, str(typed))
    text = _plain(typed)
    if not text:
        raise ValidationError("Name a theme: its name, the start of its name, or its number in "
                              "'scrchron theme list'.")
    for matches in ([t for t in themes if _plain(t.name) == text],
                    [t for t in themes if text.isdigit() and t.id == int(text)],
                    [t for t in themes if _short(t.name) == text],
                    [t for t in themes if _plain(t.name).startswith(text)]):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValidationError(_ambiguous(typed, matches))
    if text.isdigit():
        return _by_number(themes, int(text), typed)
    raise ValidationError(_unknown(themes, typed))


def _by_number(themes: Sequence[Theme], number: int, typed: str) -> Theme:
    theme = next((t for t in themes if t.id == number), None)
    if theme is None:
        raise ValidationError(f"Unknown theme '{typed.strip()}': no theme has that number. "
                              "See 'scrchron theme list' for the names and numbers.")
    return theme


def _ambiguous(typed: str, matches: Sequence[Theme]) -> str:
    shown = ", ".join(f"{t.id} {t.name}" for t in matches[:8]) + (", ..." if len(matches) > 8 else "")
    return f"'{' '.join(typed.split())}' could mean: {shown}; type more of the name or its number."


def _unknown(themes: Sequence[Theme], typed: str) -> str:
    text = " ".join(typed.split())
    names = {_plain(t.name): t.name for t in themes} | {_short(t.name): t.name for t in themes}
    close = dict.fromkeys(names[n] for n in get_close_matches(_plain(text), list(names), n=3, cutoff=0.6))
    hint = f" Did you mean: {'; '.join(close)}?" if close else ""
    return (f"Unknown theme '{text}'.{hint} See 'scrchron theme list' for the names and numbers, "
            "or add it with 'scrchron theme add'.")
