"""Limits that keep an import fast and its memory bounded.

Every limit is named in the message the user sees when it is hit.
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_FILE_BYTES = 100 * MB
"""Largest submission file accepted."""

MAX_INFLATED_BYTES = 500 * MB
"""Largest total uncompressed size of the parts of a .docx/.xlsx/.ods."""

MAX_COMPRESSION_RATIO = 500
"""Largest uncompressed/compressed ratio of a big part (zip bomb guard)."""

RATIO_CHECK_MIN_BYTES = 20 * MB
"""Parts smaller than this uncompressed are not checked for their ratio."""

MAX_ZIP_MEMBERS = 10_000
"""Most parts a .docx/.xlsx/.ods may contain."""

MAX_ROWS_PER_TABLE = 200_000
"""Most rows read from one sheet or table."""

MAX_COLUMNS = 1_000
"""Most columns read from one sheet or table."""

MAX_SHEET_CELLS = 20_000_000
"""Most cells (rows x columns of the used area) in one sheet."""

MAX_SHEETS = 250
"""Most worksheets in one workbook (agency workbooks hold a few; 9,990 took minutes)."""

HEADER_SEARCH_ROWS = 30
"""The header row is looked for in the first rows of a sheet or table."""

XML_PROLOG_MAX_BYTES = 64 * 1024
"""How far into an XML part we look for its first element."""

CSV_SNIFF_BYTES = 64 * 1024
"""Sample size used to detect a CSV file's delimiter."""

MAX_CELL_CHARS = 131_072
"""Longest single cell accepted (Excel itself stops at 32,767 characters)."""

CSV_MAX_FIELD_CHARS = MAX_CELL_CHARS
"""Longest single CSV cell (Python's csv default; an unclosed quote gives a huge cell)."""

LIBREOFFICE_TIMEOUT_SECONDS = 120
"""Longest time given to LibreOffice to convert a legacy file."""

PROGRESS_EVERY_ROWS = 500
"""Rows between two progress()/cancelled() calls."""


def human_bytes(size: int) -> str:
    """Format a byte count for a message, e.g. ``100 MB``.

    Args:
        size: a number of bytes.

    Returns:
        The size in MB (or KB for small sizes), rounded.
    """
    if size >= MB:
        return f"{size / MB:,.0f} MB"
    return f"{max(1, round(size / 1024)):,} KB"


# -- the cage: every submission is read in a child process with hard limits ------------------

CAGE_MEMORY_BYTES = 1024 * MB
"""Most memory (address space) a reader may ask for beyond what its process started with."""

CAGE_CPU_SECONDS = 60
"""Most processor time a reader may use on one file."""

CAGE_WALL_SECONDS = 120
"""Longest time a reader may take on one file, waiting included."""

CAGE_OUTPUT_BYTES = 512 * MB
"""Most table data (pickled) a reader may hand back."""
