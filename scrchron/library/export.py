"""The open export of a library: review metadata, findings, themes, recommendations, actions and
agencies (never entries, never names, never file paths), as CSV, JSON or an SQLite file.

The schema is documented in docs/learning-library-export.md. Texts were anonymised when each
case was read. Every file is written through a temporary file and only then put in place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrchron import __version__
from scrchron.errors import ValidationError
from scrchron.export.formatting import SafeCsvWriter
from scrchron.export.safe_write import write_safely
from scrchron.library.store import EXPORT_QUERIES, LibraryStore, write_export_database

#: The name and version of the export's schema, written into every JSON export.
SCHEMA_NAME = "scrchron-learning-library"
SCHEMA_VERSION = 1
FORMATS = (".csv", ".json", ".sqlite", ".db")

Tables = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def export_tables(library: LibraryStore) -> Tables:
    """Every table of the open export, as (columns, rows)."""
    return {name: library.table_rows(name) for name in EXPORT_QUERIES}


def export_library(library: LibraryStore, path: Path) -> list[Path]:
    """Write the open export; return the files written.

    ``.csv`` writes one file per table beside the name given (``OUT.reviews.csv``,
    ``OUT.findings.csv``...); ``.json`` one document; ``.sqlite`` (or ``.db``) one database.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(f"Cannot export a library to '{path.name}': name a .csv, .json or .sqlite file.")
    tables = export_tables(library)
    if suffix == ".csv":
        return [_write_csv(path.with_name(f"{path.stem}.{name}.csv"), columns, rows)
                for name, (columns, rows) in tables.items()]
    if suffix == ".json":
        text = json.dumps(as_document(tables), ensure_ascii=False, indent=2)
        write_safely(path, lambda target: _write_text(target, text))
        return [path]
    write_safely(path, lambda target: write_export_database(target, tables))
    return [path]


def _write_text(target: Path, text: str) -> None:
    target.write_text(text, encoding="utf-8")


def _write_csv(path: Path, columns: list[str], rows: list[tuple[Any, ...]]) -> Path:
    def write(target: Path) -> None:
        with target.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = SafeCsvWriter(handle)  # no cell can run as a formula in Excel
            writer.writerow(columns)
            for row in rows:
                writer.writerow("" if value is None else value for value in row)

    write_safely(path, write)
    return path


def as_document(tables: Tables) -> dict[str, Any]:
    """The JSON document: the schema's name and version, then one object per review."""
    def records(name: str) -> list[dict[str, Any]]:
        columns, rows = tables[name]
        return [dict(zip(columns, row, strict=True)) for row in rows]

    nested: dict[str, dict[str, Any]] = {}
    for review in records("reviews"):
        nested[review["review"]] = review | {name: [] for name in tables if name != "reviews"}
    for name in tables:
        if name == "reviews":
            continue
        for record in records(name):
            key = record.pop("review")
            if key in nested:
                nested[key][name].append(record)
    return {"schema": SCHEMA_NAME, "version": SCHEMA_VERSION, "scrchron": __version__,
            "reviews": list(nested.values())}
