"""The reader on the world set: date expressions copied from published public text (see date_world.py)."""

from __future__ import annotations

from date_world import HEDGES, score, world_rows

from scrchron.dates.reader import PRECISIONS
from scrchron.export.formatting import FLAG_WORDS

THRESHOLD = 0.97


def test_world_set_is_large_and_sourced() -> None:
    rows = world_rows()
    assert len(rows) >= 400
    assert sum(r["language"] == "cy" for r in rows) >= 80
    assert all(r["source"].startswith(("http://", "https://")) for r in rows)
    assert {r["precision"] for r in rows} <= set(PRECISIONS)
    assert len({r["text"] for r in rows}) == len(rows)


def test_world_set_is_read_right_in_english_and_welsh() -> None:
    result = score()
    for language in ("en", "cy"):
        assert result.share(language) >= THRESHOLD, (language, result.line(language), result.missed)


def test_no_world_expression_is_confidently_wrong() -> None:
    assert score().wrong == []


def test_hedges_name_flags_the_reader_sets() -> None:
    assert {"approximate", "ambiguous-year", "ambiguous-word", "year-inferred"} <= HEDGES


def test_every_flag_the_reader_sets_has_export_words() -> None:
    reader_flags = {"approximate", "ambiguous-year", "ambiguous-word", "from-age", "from-previous-entry",
                    "order-mdy", "year-inferred", "weekday-mismatch"}
    assert reader_flags <= set(FLAG_WORDS)
