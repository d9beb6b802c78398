"""A PDF's compressed parts inflated with a ceiling (the PDF form of a zip bomb).

pdfminer inflates each compressed stream (``/FlateDecode``) whole with
``zlib.decompress``: a page of 1.5 MB can hold a content stream of gigabytes. The
cage would stop it at its memory limit, but only after seconds of inflating; here
pdfminer's ``zlib`` is given a ``decompress`` that stops at
:data:`MAX_PDF_STREAM_BYTES` and raises :class:`StreamTooLarge`, which pdf_reader
turns into a message naming the limit. Everything else (and the result for every
stream under the ceiling, broken streams included) is zlib's own.
"""

from __future__ import annotations

import types
import zlib

from scrchron.importers import limits

MAX_PDF_STREAM_BYTES = 100 * limits.MB
"""Largest inflated part of a PDF (a page of a printed chronology holds well under 1 MB)."""


class StreamTooLarge(Exception):
    """A compressed part of the PDF inflates beyond the ceiling."""


def _decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
    """``zlib.decompress`` that stops at the ceiling (same result and errors below it)."""
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, MAX_PDF_STREAM_BYTES + 1)
    if len(out) > MAX_PDF_STREAM_BYTES or inflater.unconsumed_tail:
        raise StreamTooLarge
    out += inflater.flush()
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


CAPPED_ZLIB = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")})
CAPPED_ZLIB.decompress = _decompress


def install() -> None:
    """Give pdfminer's stream decoding the capped ``decompress`` (idempotent)."""
    from pdfminer import pdftypes

    pdftypes.zlib = CAPPED_ZLIB  # type: ignore[attr-defined,assignment]
