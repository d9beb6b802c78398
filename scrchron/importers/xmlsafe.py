"""A locked-down lxml parser: no DTDs, no entity expansion, no network."""

from __future__ import annotations

from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped]

_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def parse_bytes(data: bytes) -> Any | None:
    """Parse a small XML document safely.

    Args:
        data: the XML bytes.

    Returns:
        The root element, or None when the XML is malformed.
    """
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def iterparse(stream: IO[bytes], tags: tuple[str, ...] | None = None) -> Any:
    """Return a safe lxml iterparse.

    Args:
        stream: the XML byte stream.
        tags: when given, only the end events of these tags are reported;
            otherwise start and end events of every element.

    Returns:
        An iterator of (event, element) pairs.
    """
    if tags:
        return etree.iterparse(stream, events=("end",), tag=tags, **_PARSER_OPTIONS)
    return etree.iterparse(stream, events=("start", "end"), **_PARSER_OPTIONS)


XMLSyntaxError = etree.XMLSyntaxError
