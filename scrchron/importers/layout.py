"""Finding a table's header row and the column of each field.

The header row may sit anywhere in the first rows (below a title block). Each
candidate row is matched against the field synonyms; the row mapping a date
and an event with the best score wins. A mapping saved from the agency's
previous submission is used when all its headers are present, and the user's
overrides (FIELD=HEADER) always win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scrchron.errors import Remedy
from scrchron.importers import limits
from scrchron.importers.cells import column_letter, one_line, quoted_list
from scrchron.importers.content import SAMPLE_ROWS, looks_like_header_row, refine_by_content
from scrchron.importers.headers import (
    CORE_FIELDS,
    find_column,
    match_header_row,
    normalize_header,
)
from scrchron.importers.parsed import FIELDS, Cell, SourceTable, SubmissionError
from scrchron.importers.rows import TableLayout

_CONFIDENT_SCORE = 100
"""A non-chronology header row is reported only if it matched this well."""


@dataclass(slots=True)
class LayoutChoice:
    """The best header row found in a table.

    Attributes:
        layout: header row index, field -> column, unique header names.
        score: how well the headers matched.
        saved_used: True when the saved mapping was applied.
        overrides_found: True when every override header is in this row.
        missing: override headers not found in this row.
        reasons: why the values changed the mapping the headings gave (for the
            mapping page and ``--dry-run``).
    """

    layout: TableLayout
    score: int
    saved_used: bool = False
    overrides_found: bool = True
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def is_chronology(self) -> bool:
        """True when a date and an event column are mapped."""
        return all(name in self.layout.columns for name in CORE_FIELDS)

    def signature(self) -> tuple[tuple[str, str], ...]:
        """Return the mapping as (field, normalised header) pairs."""
        headers = self.layout.headers
        return tuple(
            sorted((name, normalize_header(headers[col])) for name, col in self.layout.columns.items())
        )


def check_overrides(overrides: Mapping[str, str] | None) -> dict[str, str]:
    """Validate user overrides (FIELD=HEADER); an empty header unmaps the field.

    Args:
        overrides: field -> header, as typed by the user.

    Returns:
        A clean copy.

    Raises:
        SubmissionError: for an unknown field name.
    """
    clean: dict[str, str] = {}
    for name, header in (overrides or {}).items():
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in FIELDS:
            raise SubmissionError(
                f'Unknown field "{name}" in the column mapping. Valid fields: '
                f"{', '.join(FIELDS)}."
            )
        clean[key] = (header or "").strip()
    return clean


def header_names(row: list[Cell], width: int, kind: str) -> list[str]:
    """Return a unique name for every column of a header row.

    Empty headers become "Column C" (sheets) or "Column 3" (tables);
    repeated headers get " (2)", " (3)"...

    Args:
        row: the header row.
        width: the table's widest row.
        kind: 'sheet' or 'table'.

    Returns:
        ``width`` unique names.
    """
    names: list[str] = []
    seen: dict[str, int] = {}
    for col in range(width):
        cell = row[col] if col < len(row) else None
        text = one_line(cell) if isinstance(cell, str) else ""
        if not text:
            text = f"Column {column_letter(col) if kind == 'sheet' else col + 1}"
        count = seen.get(text.lower(), 0) + 1
        seen[text.lower()] = count
        names.append(text if count == 1 else f"{text} ({count})")
    return names


def choose_layout(
    table: SourceTable,
    overrides: Mapping[str, str],
    saved: Mapping[str, str] | None,
) -> LayoutChoice | None:
    """Find the header row of a table and map its columns.

    Args:
        table: the table read.
        overrides: validated user overrides (field -> header, "" = unmap).
        saved: the mapping saved from the agency's previous submission.

    Returns:
        The best candidate row, or None when no row has two headers.
    """
    width = max(map(len, table.rows), default=0)
    first: LayoutChoice | None = None
    best: LayoutChoice | None = None
    best_key: tuple[bool, bool, bool, int, int] | None = None
    for index, row in enumerate(table.rows[: limits.HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if isinstance(cell, str) and cell.strip()) < 2:
            continue
        choices = [_row_choice(table, index, width, overrides, saved)]
        combined = two_row_header(table.rows, index)
        names_more = combined is not None and _names_more(combined, table.rows[index + 1])
        if combined is not None:
            choices.append(_row_choice(table, index + 1, width, overrides, saved, combined))
        first = first or choices[0]
        for choice in choices:
            merged_down = names_more and choice is choices[-1]  # the top row names columns the lower one leaves blank
            key = (choice.is_chronology, choice.overrides_found, choice.saved_used,
                   choice.score + (_MERGED_DOWN_BONUS if merged_down else 0), -index)
            if best_key is None or key > best_key:
                best, best_key = choice, key
    if best is not None and not best.is_chronology and best.score < _CONFIDENT_SCORE:
        return first
    return best


_MERGED_DOWN_BONUS = 1_000
"""A two-row header whose top row names columns the lower row leaves blank (headings merged down,
"Details" beside "Date of contact" over "Date | Time") beats its lower row read alone."""


def _names_more(combined: list[Cell], lower: list[Cell]) -> bool:
    """True when the combined header names a column the lower row alone leaves without a heading."""
    return any(isinstance(name, str) and name and not (isinstance(cell, str) and cell.strip())
               for name, cell in zip(combined, list(lower) + [None] * (len(combined) - len(lower)), strict=False))


def two_row_header(rows: list[list[Cell]], index: int) -> list[Cell] | None:
    """Read a header over two rows as one: a merged "Date" over "From | To" gives "Date / From", "Date / To".

    A merged cell's text sits in its first column (the columns it covers are empty), so a
    sub-heading under an empty top cell belongs to the nearest top heading on its left.

    Args:
        rows: the table's rows.
        index: the top row of the candidate header.

    Returns:
        The combined header row, or None when the two rows are not one header
        (the row below is no header, or nothing sits under a merged heading).
    """
    if index + 1 >= len(rows) or not looks_like_header_row(rows[index + 1]):
        return None
    top = [one_line(c) if isinstance(c, str) else "" for c in rows[index]]
    bottom = [one_line(c) if isinstance(c, str) else "" for c in rows[index + 1]]
    width = max(len(top), len(bottom))
    top += [""] * (width - len(top))
    bottom += [""] * (width - len(bottom))
    stacked = any(t and b for t, b in zip(top, bottom, strict=True))
    spanned = any(b and not top[col] and any(top[:col]) for col, b in enumerate(bottom))
    if not (stacked and spanned):
        return None
    combined: list[Cell] = []
    above = ""
    for t, b in zip(top, bottom, strict=True):
        above = t or (above if b else "")
        combined.append(f"{above} / {b}" if above and b else (above or b or None))
    return combined


def _row_choice(
    table: SourceTable,
    index: int,
    width: int,
    overrides: Mapping[str, str],
    saved: Mapping[str, str] | None,
    header_row: list[Cell] | None = None,
) -> LayoutChoice:
    """Map the columns of one candidate header row (``header_row`` when it is read from two rows)."""
    row = table.rows[index] if header_row is None else header_row
    texts = [one_line(cell) if isinstance(cell, str) else "" for cell in row]
    match = match_header_row(texts)
    headers = header_names(row, width, table.kind)
    columns = dict(match.columns)
    reasons: list[str] = []
    saved_columns = _find_all(saved, headers) if saved else None
    if saved_columns is not None:
        columns = _merge(saved_columns, columns)
    elif looks_like_header_row(row):
        refined = refine_by_content(columns, headers, table.rows[index + 1: index + 1 + SAMPLE_ROWS])
        columns, reasons = refined.columns, refined.reasons
    missing = [header for header in overrides.values() if header and find_column(header, headers) is None]
    if overrides and not missing:
        columns = _apply_overrides(columns, overrides, headers)
        reasons = []  # the reviewer chose by hand
    layout = TableLayout(index, columns, headers)
    return LayoutChoice(layout, match.score, saved_columns is not None, not missing, missing, reasons)


def _find_all(mapping: Mapping[str, str], headers: list[str]) -> dict[str, int] | None:
    """Return field -> column when every header of a mapping is present."""
    columns: dict[str, int] = {}
    for name, header in mapping.items():
        if name not in FIELDS or not header:
            continue
        col = find_column(header, headers)
        if col is None:
            return None
        columns[name] = col
    return columns or None


def _merge(primary: dict[str, int], secondary: dict[str, int]) -> dict[str, int]:
    """Add secondary matches for fields and columns the primary leaves free."""
    merged = dict(primary)
    used = set(primary.values())
    for name, col in secondary.items():
        if name not in merged and col not in used:
            merged[name] = col
            used.add(col)
    return merged


def _apply_overrides(
    columns: dict[str, int], overrides: Mapping[str, str], headers: list[str]
) -> dict[str, int]:
    """Apply user overrides: they win over automatic matches of their columns."""
    chosen: dict[str, int] = {}
    for name, header in overrides.items():
        if header:
            col = find_column(header, headers)
            if col is not None:
                chosen[name] = col
    result = {
        name: col for name, col in columns.items()
        if name not in overrides and col not in chosen.values()
    }
    result.update(chosen)
    return result


def ordered_mapping(choice: LayoutChoice) -> dict[str, str]:
    """Return field -> header as written, in FIELDS order.

    Args:
        choice: the chosen layout.

    Returns:
        The mapping to store with the submission.
    """
    columns = choice.layout.columns
    headers = choice.layout.headers
    return {name: headers[columns[name]] for name in FIELDS if name in columns}


def where(table: SourceTable) -> str:
    """Name a table for a message: "Sheet 'X'" or "Table 2"."""
    return f"Sheet '{table.name}'" if table.kind == "sheet" else table.name


def no_chronology_error(
    name: str, table: SourceTable | None, choice: LayoutChoice | None
) -> SubmissionError:
    """Return the error for a file with no date and event columns.

    Args:
        name: the file name.
        table: the table whose headers are reported (best partial match).
        choice: its best header row, if any.

    Returns:
        The error to raise, listing the headers found and how to map them.
    """
    if table is None or choice is None:
        return SubmissionError(
            f"No header row found in '{name}': no row in the first "
            f"{limits.HEADER_SEARCH_ROWS} rows has two or more headings. Add a header "
            "row, or say which columns hold the date and the event.", remedy=Remedy("map_columns")
        )
    headers = [
        text for col, text in enumerate(choice.layout.headers)
        if _header_cell(table, choice, col)
    ]
    missing = [label for key, label in (("start_date", "date"), ("event", "event"))
               if key not in choice.layout.columns]
    row = table.row_numbers[choice.layout.header_index]
    return SubmissionError(
        f"No {' or '.join(missing)} column recognised in '{name}' "
        f"({where(table)}, headers in row {row}: {quoted_list(headers)}). Say which columns hold them.",
        remedy=Remedy("map_columns", {"headers": quoted_list(headers)})
    )


def _header_cell(table: SourceTable, choice: LayoutChoice, col: int) -> bool:
    """Tell whether the header row has text in a column."""
    row = table.rows[choice.layout.header_index]
    return col < len(row) and isinstance(row[col], str) and bool(str(row[col]).strip())


def missing_override_error(
    name: str, table: SourceTable, choice: LayoutChoice | None
) -> SubmissionError:
    """Return the error for override headers that are not in the table.

    Args:
        name: the file name.
        table: the table chosen.
        choice: its best header row (None when none was found).

    Returns:
        The error to raise, listing the headers that exist.
    """
    headers = choice.layout.headers if choice else []
    missing = choice.missing if choice else []
    return SubmissionError(
        f"No column {quoted_list(missing)} in {where(table)} of '{name}'. "
        f"Headers found: {quoted_list([h for h in headers if not h.startswith('Column ')])}. "
        "Map the field to one of these headers.", remedy=Remedy("map_columns")
    )
