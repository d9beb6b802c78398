"""What every export does with names, and the read-back check after writing.

Two modes:

- ``anonymise=True``: every text goes through :class:`scrchron.names.anonymise.Anonymiser`
  (every known person and alias becomes their pseudonym), and the written file is
  read back: any known name or alias left anywhere refuses the export.
- otherwise (the reviewer's working draft): only the review's subject is replaced by
  their pseudonym, everywhere (the subject is never named in any export); other
  people keep their names. The file's properties, headers and footers are read back
  for the subject's name.

A name the family shares (a surname) is replaced in the anonymised mode by the
visible redaction the anonymiser uses; in the draft it stays, as it also names
other people.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from lxml import etree  # type: ignore[import-untyped]

from scrchron.errors import Remedy, ValidationError
from scrchron.names.anonymise import Anonymiser, Doubt, Leak, candidates_regex, fold, name_terms, normalise
from scrchron.names.seen_text import reader_view
from scrchron.store.case import Case

_SEPARATOR = "|"  # not a word character and not white space: no name spans two pieces
_JOIN = "\x00"


class ExportRefused(ValidationError):
    """An export was refused because a known name remained; nothing was written."""


@dataclass(frozen=True)
class Finding:
    """A known name (or, with ``key``, a doubtful place) found in a written file: where, which text."""

    part: str
    text: str
    key: str = ""
    reason: str = ""


class ExportPrivacy:
    """The text filter and the leak finder of one export."""

    def __init__(self, anonymiser: Anonymiser, anonymise: bool) -> None:
        self.anonymiser = anonymiser
        self.anonymise = anonymise
        self.subject_ids = {person.id for person in anonymiser.people if person.is_subject}
        self._empty = not anonymiser.people
        self._subject = None if anonymise or self._empty else self._subject_pattern()

    def _subject_pattern(self) -> re.Pattern[str] | None:
        """A quick test for the subject's own name forms (in folded text); None if they have none."""
        keys = set()
        for person in self.anonymiser.people:
            if person.is_subject:
                for written, _ in name_terms(person):
                    leaks = self.anonymiser.find_names(written)
                    if len(leaks) == 1 and leaks[0].person_id in self.subject_ids:
                        keys.add(normalise(written))
        if not keys:
            return None
        return re.compile(candidates_regex(keys))

    @classmethod
    def for_case(cls, case: Case, anonymise: bool) -> ExportPrivacy:
        """The privacy rules for exporting ``case``."""
        return cls(Anonymiser.from_case(case), anonymise)

    def text(self, value: str) -> str:
        """``value`` as it may appear in this export."""
        if self._empty or not value:
            return value
        if self.anonymise:
            return self.anonymiser.anonymise(value)
        leaks = self.leaks(value)
        if not leaks:
            return value
        parts: list[str] = []
        last = 0
        for leak in leaks:
            parts += (value[last:leak.start], self.anonymiser.replacement_for(leak.text))
            last = leak.end
        return "".join(parts) + value[last:]

    def texts(self, values: Sequence[str]) -> list[str]:
        """Many texts filtered at once: joined, filtered in one pass, split again (much faster).

        The join character (NUL) is neither a word character nor white space, so no
        name can span two texts; it is removed from the texts first (no export may
        hold it anyway).
        """
        if self._empty:
            return list(values)
        cleaned, joined = list(values), _JOIN.join(values)
        if joined.count(_JOIN) != max(len(cleaned) - 1, 0):
            cleaned = [value.replace(_JOIN, "") for value in values]
            joined = _JOIN.join(cleaned)
        if not self.anonymise:
            return self._subject_only(cleaned, joined)
        result = self.text(joined).split(_JOIN)
        if len(result) != len(cleaned):  # a pseudonym holding NUL: never, but be exact
            return [self.text(value) for value in cleaned]
        return result

    def _subject_only(self, values: list[str], joined: str) -> list[str]:
        """The draft's filter over many texts (``joined`` by NUL): only texts that may name the
        subject are examined, each as :meth:`text` would.

        Those are the texts where the subject's pattern (a superset, see :func:`candidates_regex`)
        finds a name in the lower-cased whole (a hit never spans two texts: the names hold
        neither NUL nor anything NUL would match), and the texts not in plain ASCII where it
        finds one in the text as a reader sees it (a Cyrillic 'а' read as 'a', see
        :func:`reader_view`), the view the anonymiser finds names in.
        """
        if self._subject is None:
            return values
        folded = fold(joined)
        if len(folded) != len(joined):  # lower case changed a length: positions no longer agree
            return [self.text(value) for value in values]
        examine = _hits(self._subject, folded)
        if not joined.isascii():
            search = self._subject.search
            examine.update(index for index, value in enumerate(values)
                           if not value.isascii() and search(fold(reader_view(value).shown)))
        result = list(values)
        for index in examine:
            result[index] = self.text(values[index])
        return result

    def leaks(self, value: str) -> list[Leak]:
        """The names in ``value`` this export must not contain."""
        if self._empty or not value:
            return []
        found = self.anonymiser.find_names(value)
        if self.anonymise:
            return found
        return [leak for leak in found if leak.person_id in self.subject_ids]

    def doubts(self, value: str) -> list[Doubt]:
        """The places in ``value`` that may be a name, undecided (anonymised exports only)."""
        if self._empty or not value or not self.anonymise:
            return []
        return self.anonymiser.doubts(value)

    def findings(self, part: str, value: str) -> list[Finding]:
        """The names (and, anonymised, the undecided doubtful places) in ``value``, found in ``part``."""
        if not self.anonymise:
            return [Finding(part, leak.text) for leak in self.leaks(value)]
        if self._empty or not value:
            return []
        leaks, doubts = self.anonymiser.examine(value)
        return [Finding(part, leak.text) for leak in leaks] + [
            Finding(part, doubt.text, doubt.key, doubt.reason) for doubt in doubts]

    @property
    def suggestions(self) -> list[str]:
        """Phrases around a name that may be a place or organisation (to mark as not-a-name)."""
        return sorted(self.anonymiser.suggested)

    @property
    def people(self) -> int:
        """How many people (with the review's subject) this export knows names of."""
        return len(self.anonymiser.people)

    def describe(self) -> str:
        """What was checked, for the summary line."""
        return "no known name or alias" if self.anonymise else "the subject's name"


# -- reading a written file back ---------------------------------------------------


_NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
               "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
               "s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _outside(parents: str) -> etree.XPath:
    """Text outside paragraphs (properties, sheet values): every text node but those whose parent
    is one of ``parents``, which the paragraphs (read whole below) hold."""
    kept = " or ".join(f"parent::{parent}" for parent in parents.split())
    return etree.XPath(f"//text()[not({kept})]", namespaces=_NAMESPACES, smart_strings=False)


_TEXTS_BY_PART = {"word/": _outside("w:t w:instrText w:delText a:t"), "xl/": _outside("s:t a:t")}
_ANY_TEXTS = _outside("w:t w:instrText w:delText a:t s:t")
# Every attribute value, read from the XML as written (regular expressions over the bytes are
# four times faster than listing the attributes through lxml; they also read the declaration and
# namespace URIs, which are checked too and name no one). Three searches, each for one way of
# writing a value, are five times faster than one search for all of them.
_VALUES = (re.compile(rb'="([^"]*)"'), re.compile(rb"='([^']*)'"), re.compile(rb"=\s+\"([^\"]*)\""),
           re.compile(rb"=\s+'([^']*)'"))

def _paragraphs(select: str) -> etree.XSLT:
    """Each paragraph's string value (its runs joined, as a reader sees it) then "|", the
    paragraphs being the elements ``select`` finds: a name split across runs is found too."""
    return etree.XSLT(etree.XML(f"""<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/"><xsl:for-each select="{select}">
    <xsl:value-of select="."/><xsl:text>|</xsl:text></xsl:for-each></xsl:template>
</xsl:stylesheet>""".encode()))


# The paragraphs of a part (and so the texts outside them) by where it is in the package: a
# Word part's are Word's and
# drawings' (each step of a union walks the whole tree: a 9 MB chronology is read in half the
# time without the spreadsheet's two); a workbook part's are shared and inline strings.
_PARAGRAPHS_BY_PART = {"word/": _paragraphs("//w:p|//a:p"), "xl/": _paragraphs("//s:si|//s:is|//a:p")}
_ANY_PARAGRAPHS = _paragraphs("//w:p|//a:p|//s:si|//s:is")


def xml_texts(data: bytes, part: str = "") -> Iterator[str]:
    """The text of an XML part as three strings: every text node outside a paragraph, every
    attribute value, and every paragraph's runs joined (so a name split across runs is found too).

    Each distinct piece is read once (a report repeats agency names, dates and style values
    thousands of times); "|" between pieces is neither a word character nor white space, so
    no name spans two of them.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    root = etree.fromstring(data, parser)
    yield _joined(dict.fromkeys(_by_part(_TEXTS_BY_PART, part, _ANY_TEXTS)(root)))
    values = {value for search in _VALUES for value in set(search.findall(data))}
    yield _joined(html.unescape(value.decode("utf-8", "replace")) for value in values)
    paragraphs = _by_part(_PARAGRAPHS_BY_PART, part, _ANY_PARAGRAPHS)
    yield _joined(dict.fromkeys(str(paragraphs(root)).split(_SEPARATOR)))


_Choice = TypeVar("_Choice")


def _by_part(choices: dict[str, _Choice], part: str, otherwise: _Choice) -> _Choice:
    return next((choice for prefix, choice in choices.items() if part.startswith(prefix)), otherwise)


def _joined(pieces: Iterable[str]) -> str:
    return _SEPARATOR.join(pieces)


def zip_findings(path: Path, privacy: ExportPrivacy, parts: Iterable[str] | None = None) -> list[Finding]:
    """Known names left in the XML parts of a docx or xlsx file (all parts, or ``parts``)."""
    found: list[Finding] = []
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        wanted = names if parts is None else [n for n in names if _wanted(n, parts)]
        for name in wanted:
            try:
                texts = list(xml_texts(archive.read(name), name))
            except etree.XMLSyntaxError:
                found.append(Finding(name, "(this part could not be read back)"))
                continue
            found.extend(finding for text in texts for finding in privacy.findings(name, text))
    return found


def _wanted(name: str, prefixes: Iterable[str]) -> bool:
    return any(name.startswith(prefix) for prefix in prefixes)


def text_findings(path: Path, privacy: ExportPrivacy) -> list[Finding]:
    """Known names left in a CSV file: every cell, each read as a text of its own, then the whole
    file as written (so a name split by the separators is found too)."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    cells = _JOIN.join(cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row)
    found = privacy.findings(path.name, cells)
    known = {finding.text for finding in found}
    return found + [Finding(path.name, leak.text) for leak in privacy.leaks(text) if leak.text not in known]


def check_file_name(path: Path, privacy: ExportPrivacy) -> None:
    """Refuse a file name that names someone (a published file's name is read too)."""
    leaks = privacy.leaks(path.stem) if privacy.anonymise else []
    if leaks:
        raise ExportRefused(
            f"The file name '{path.name}' contains '{leaks[0].text}', a name of {leaks[0].name}: "
            "choose a file name without names (e.g. 'Child T review for publication.docx'). Nothing was written.")


def refuse_if_found(findings: list[Finding], privacy: ExportPrivacy, shown_name: str) -> None:
    """Raise ExportRefused naming what was found (at most five of each kind), when anything was."""
    names = [finding for finding in findings if not finding.key]
    doubts = [finding for finding in findings if finding.key]
    if names:
        what = "known names" if privacy.anonymise else "the subject's real name"
        raise ExportRefused(
            f"Refused to write {shown_name}: it still contains {what}: {_listed(names)}. The file was deleted; "
            "add the missing aliases or pseudonyms and export again.", remedy=Remedy("add_aliases")
        )
    if doubts:
        reasons = "; ".join(dict.fromkeys(finding.reason for finding in doubts))
        raise ExportRefused(
            f"Refused to write {shown_name}: {len(doubts)} place(s) may be a name and need your decision: "
            f"{_listed(doubts)} ({_cut(reasons)}). The file was deleted. Decide each form once (keep it: "
            "not a name there; or replace it as the name), or add it to the person as an alias; then "
            "export again.", remedy=Remedy("decide_names")
        )


def _listed(findings: list[Finding]) -> str:
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        counts[(finding.text, finding.part)] = counts.get((finding.text, finding.part), 0) + 1
    shown = "; ".join(f"'{text}' in {part}" + (f" ({n} times)" if n > 1 else "")
                      for (text, part), n in list(counts.items())[:5])
    return shown + (f" and {len(counts) - 5} more" if len(counts) > 5 else "")


def _cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def _hits(pattern: re.Pattern[str], folded: str) -> set[int]:
    """The numbers of the NUL-joined texts in ``folded`` where ``pattern`` finds something."""
    hits: set[int] = set()
    index = last = 0
    for match in pattern.finditer(folded):
        index += folded.count(_JOIN, last, match.start())
        last = match.start()
        hits.add(index)
    return hits
