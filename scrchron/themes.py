"""Default learning themes per review type (see DOMAIN.md, 'Recurring learning themes').

The lists live in ``resources/themes/<type>.txt``, one theme a line (``#`` starts
a note), so a partnership can change its default taxonomy without touching code.
A new case copies its type's list; the reviewer edits the copy per review.
"""

from __future__ import annotations

from functools import cache

from scrchron.resources import resource_path

#: The theme file of each review type. Any other type gets the DHR list.
THEME_FILES: dict[str, str] = {
    "cspr": "cspr.txt",
    "scr": "scr.txt",
    "sar": "sar.txt",
    "dhr": "dhr.txt",
}


@cache
def default_themes(review_type: str) -> tuple[str, ...]:
    """The default theme taxonomy for a review type ('cspr', 'scr', 'sar', 'dhr')."""
    path = resource_path("themes", THEME_FILES.get(review_type, THEME_FILES["dhr"]))
    lines = (" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))
