"""The case file: the only package that holds SQL."""

from scrchron.store.case import SUFFIX, Case, now
from scrchron.store.entries import (
    EntryQuery,
    add_entry,
    count_entries,
    entry_ids,
    get_entry,
    insert_entries,
    list_entries,
    update_entry,
)
from scrchron.store.submission_entries import entries_of_current_submissions

__all__ = [
    "SUFFIX",
    "Case",
    "EntryQuery",
    "add_entry",
    "count_entries",
    "entries_of_current_submissions",
    "entry_ids",
    "get_entry",
    "insert_entries",
    "list_entries",
    "now",
    "update_entry",
]
