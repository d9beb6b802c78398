"""Reading back a draft report the reviewer or panel edited in Word.

:func:`read_back` opens the edited ``.docx`` with the importers' protections
(zip limits, no DTDs, a locked-down XML parser), checks it is a draft of this
review, and returns, section by section, what changed in Word: the words now in
each section's content control (tracked insertions accepted, deletions left
out), the tracked changes and comments found there, and any text edited outside
every section. Nothing is stored: :func:`accept_read_back` takes the changes the
reviewer accepts into the case in one transaction.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from scrchron.errors import Remedy, ValidationError
from scrchron.export import report_controls as rc
from scrchron.export.guidance import guidance_for, section_keys
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.prose import Block, Span, normalised, to_text
from scrchron.export.report_prose import report_sections, set_section_texts
from scrchron.export.report_writer import GUIDANCE_LABEL
from scrchron.importers import cage, limits, safety, xmlsafe
from scrchron.importers.parsed import SubmissionError
from scrchron.review import review_types
from scrchron.store import milestones as milestone_store
from scrchron.store import report_texts
from scrchron.store.case import CASE_ID_SETTING, Case

COMMENTS_PREFIX = "report_comments."
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CLIP = 300


@dataclass(frozen=True)
class TrackedChange:
    """A change Word tracked: 'inserted' or 'deleted' text, by whom and when."""

    kind: str
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class Comment:
    """A comment in the draft: who wrote it, on which words, what it says."""

    author: str
    initials: str
    text: str
    on: str = ""
    date: str = ""


@dataclass
class SectionChange:
    """One section as the edited draft has it, against the case."""

    key: str
    heading: str
    #: The words in the case now.
    before: str
    #: The words in the edited draft (tracked changes accepted).
    after: str
    #: 'unchanged', 'changed' (in Word), or 'changed in both' (in Word, and in scrchron since the export).
    status: str
    tracked: list[TrackedChange] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comments_changed: bool = False

    @property
    def changed(self) -> bool:
        """True when the draft's words differ from the case's."""
        return self.status != "unchanged"


@dataclass(frozen=True)
class OutsideEdit:
    """Text in the draft outside every section that the exported draft did not have."""

    near: str
    text: str


@dataclass
class ReadBack:
    """What an edited draft holds, section by section (nothing stored yet)."""

    file: str
    sections: list[SectionChange]
    outside: list[OutsideEdit] = field(default_factory=list)
    #: Paragraphs or table rows of the exported draft, outside the sections, no longer there.
    removed_outside: int = 0
    outside_comments: list[Comment] = field(default_factory=list)
    outside_checked: bool = True
    anonymised: bool = False

    @property
    def changes(self) -> list[SectionChange]:
        """The sections whose words or comments changed in Word."""
        return [s for s in self.sections if s.changed or s.comments_changed]


# -- opening the file safely ---------------------------------------------------------------------


def _parts(path: Path) -> dict[str, Any]:
    """The draft's XML parts that a read-back needs, parsed safely."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            safety.check_zip(archive, name)
            return _read_parts(archive, name)
    except SubmissionError as error:
        raise ValidationError(_for_a_draft(str(error))) from None
    except safety.ZIP_READ_ERRORS:
        raise ValidationError(f"{name} is damaged or not a Word document; nothing was read. Open it in Word "
                              "and save it again as .docx.") from None


def _read_parts(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise ValidationError(f"{name} is not a Word document (it has no document part); nothing was read.")
    parts: dict[str, Any] = {}
    for part in ("word/document.xml", "word/settings.xml", "word/comments.xml", "docProps/core.xml"):
        if part in names:
            root = xmlsafe.parse_bytes(archive.read(part))
            if root is None:
                raise ValidationError(f"{name} is damaged (its part {part} is not well-formed XML); nothing was "
                                      "read. Open it in Word and save it again.")
            parts[part] = root
    for part in sorted(n for n in names if n.startswith("customXml/") and n.endswith(".xml")):
        root = xmlsafe.parse_bytes(archive.read(part))
        if root is not None and root.tag == f"{{{rc.DRAFT_NAMESPACE}}}draft":
            parts["draft"] = root
    return parts


def _draft_record(parts: dict[str, Any]) -> dict[str, Any]:
    root = parts.get("draft")
    if root is None:
        return {}
    try:
        record = json.loads(root.text or "{}")
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def _check_review(case: Case, draft: DraftContent, name: str) -> None:
    if draft.review_id is not None and draft.review_id != case.setting(CASE_ID_SETTING):
        title = f" ({draft.title})" if draft.title else ""
        raise ValidationError(f"{name} is a draft of another review{title}; nothing was read. Read it back "
                              "into that review's case file.")


def _core_title(parts: dict[str, Any]) -> str:
    core = parts.get("docProps/core.xml")
    if core is None:
        return ""
    for element in core.iter("{http://purl.org/dc/elements/1.1/}title"):
        return " ".join((element.text or "").split())[:80]
    return ""


# -- the sections ------------------------------------------------------------------------------


def _keys_by_title(record: dict[str, Any]) -> dict[str, str]:
    """Control title -> section key, for a draft whose controls lost their tags (LibreOffice drops them)."""
    titles = record.get("titles")
    if not isinstance(titles, dict):
        return {}
    counts = Counter(str(t) for t in titles.values())
    return {str(title): str(key) for key, title in titles.items() if counts[str(title)] == 1}


def _control_key(sdt: Any, by_title: dict[str, str]) -> str | None:
    key = rc.section_key(sdt)
    if key is None and by_title:
        alias = sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
        key = by_title.get(alias.get(qn("w:val")) or "") if alias is not None else None
    return key


def _section_controls(body: Any, name: str, by_title: dict[str, str] | None = None) -> dict[str, Any]:
    """Section key -> its content control; ValidationError when controls were nested or copied."""
    by_title = by_title or {}
    found: dict[str, Any] = {}
    for sdt in body.iter(qn("w:sdt")):
        key = _control_key(sdt, by_title)
        if key is None:
            continue
        outer = sdt.getparent()
        while outer is not None and outer is not body:
            if outer.tag == qn("w:sdt") and _control_key(outer, by_title) is not None:
                raise ValidationError(f"In {name} the section '{key}' was put inside the section "
                                      f"'{_control_key(outer, by_title)}' by hand, so scrchron cannot tell whose "
                                      "words are whose; nothing was read. Move it back out in Word, or export a new "
                                      "draft.")
            outer = outer.getparent()
        if key in found:
            raise ValidationError(f"In {name} the section '{key}' appears twice (copied in Word); nothing was "
                                  "read. Keep one copy, or export a new draft.")
        found[key] = sdt
    return found


def _paragraphs(sdt: Any) -> list[Any]:
    inside, _ = rc.split_control(sdt)
    return [p for element in inside for p in element.iter(qn("w:p"))]


def _is_guidance(paragraph: Any, text: str) -> bool:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style is not None and style.get(qn("w:val")) == "Guidance" and text.startswith(GUIDANCE_LABEL.strip())


def _is_bullet(paragraph: Any) -> bool:
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        return False
    style = properties.find(qn("w:pStyle"))
    name = style.get(qn("w:val")) if style is not None else ""
    return properties.find(qn("w:numPr")) is not None or name.startswith("ListBullet") or name == "ListParagraph"


def _on(properties: Any, tag: str) -> bool:
    element = properties.find(qn(tag)) if properties is not None else None
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _run_spans(run: Any) -> list[Span]:
    properties = run.find(qn("w:rPr"))
    bold, italic = _on(properties, "w:b"), _on(properties, "w:i")
    text = []
    for child in run:
        if child.tag == qn("w:t"):
            text.append(child.text or "")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            text.append("\n")
        elif child.tag == qn("w:tab"):
            text.append("\t")
    joined = "".join(text)
    return [Span(joined, bold, italic)] if joined else []


def _paragraph_spans(paragraph: Any) -> list[Span]:
    """The paragraph's spans as Word shows it with every tracked change accepted."""
    found: list[Span] = []
    for run in paragraph.iter(qn("w:r"), qn("w:hyperlink")):
        if _inside(run, (qn("w:del"), qn("w:moveFrom"), qn("w:instrText"))):
            continue
        if run.tag == qn("w:hyperlink"):
            anchor = run.get(qn("w:anchor")) or ""
            if anchor.startswith(rc.BOOKMARK_PREFIX):
                reference = anchor[len(rc.BOOKMARK_PREFIX):]
                found.append(Span(f"[{reference}]", reference=reference))
            continue
        if not _inside(run, (qn("w:hyperlink"),), rc.BOOKMARK_PREFIX):
            found.extend(_run_spans(run))
    return found


def _inside(element: Any, tags: tuple[str, ...], anchor_prefix: str = "") -> bool:
    parent = element.getparent()
    while parent is not None and parent.tag != qn("w:p"):
        if parent.tag in tags and (not anchor_prefix or (parent.get(qn("w:anchor")) or "").startswith(
                anchor_prefix)):
            return True
        parent = parent.getparent()
    return False


def _tracked(sdt: Any) -> list[TrackedChange]:
    found = []
    for element in sdt.iter(qn("w:ins"), qn("w:del")):
        kind = "inserted" if element.tag == qn("w:ins") else "deleted"
        tag = qn("w:t") if kind == "inserted" else qn("w:delText")
        text = "".join(t.text or "" for t in element.iter(tag))
        if text.strip():
            found.append(TrackedChange(kind, element.get(qn("w:author")) or "", element.get(qn("w:date")) or "",
                                       _clip(text)))
    return found


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _CLIP else flat[:_CLIP] + "…"


def section_words(sdt: Any, prompt: str = "") -> tuple[str, list[str]]:
    """The words in a section's control as markup, and notes on what could not be kept.

    A guidance prompt left as written (``prompt``) is not the reviewer's words; one typed
    into is taken, with a note, so that no word written in Word is lost.
    """
    blocks: list[Block] = []
    notes: list[str] = []
    for paragraph in _paragraphs(sdt):
        spans = _paragraph_spans(paragraph)
        text = "".join(s.text for s in spans)
        if not text.strip():
            continue
        if _is_guidance(paragraph, text):
            if " ".join(text.split()) == " ".join((GUIDANCE_LABEL + prompt).split()):
                continue
            notes.append("words typed into the guidance prompt were taken with it: check them")
        blocks.append(Block(spans, bullet=_is_bullet(paragraph)))
    inside, _ = rc.split_control(sdt)
    if any(e.tag == qn("w:tbl") or e.find(f".//{qn('w:tbl')}") is not None for e in inside):
        notes.append("a table added in Word is kept as its text, one paragraph a cell")
    return to_text(blocks), notes


# -- comments -------------------------------------------------------------------------------------


def _comments(parts: dict[str, Any]) -> dict[str, Comment]:
    root = parts.get("word/comments.xml")
    if root is None:
        return {}
    found = {}
    for comment in root.iter(qn("w:comment")):
        text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in comment.iter(qn("w:p")))
        found[comment.get(qn("w:id")) or ""] = Comment(
            comment.get(qn("w:author")) or "", comment.get(qn("w:initials")) or "", text.strip()[:10_000],
            date=comment.get(qn("w:date")) or "")
    return found


def _comment_ids(element: Any) -> list[str]:
    ids = [e.get(qn("w:id")) or "" for e in element.iter(qn("w:commentRangeStart"), qn("w:commentReference"))]
    return list(dict.fromkeys(ids))


def _commented_words(body: Any, comment_id: str) -> str:
    """The words a comment is on (between its range start and end)."""
    words: list[str] = []
    inside = False
    for element in body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
        if element.tag == qn("w:commentRangeStart") and element.get(qn("w:id")) == comment_id:
            inside = True
        elif element.tag == qn("w:commentRangeEnd") and element.get(qn("w:id")) == comment_id:
            break
        elif inside and element.tag == qn("w:t"):
            words.append(element.text or "")
            if sum(len(w) for w in words) > _CLIP:
                break
    return _clip("".join(words))


def stored_comments(case: Case, key: str) -> list[Comment]:
    """The Word comments kept with section ``key`` (from an earlier read-back)."""
    try:
        rows = json.loads(case.setting(COMMENTS_PREFIX + key, "[]") or "[]")
        return [Comment(str(r["author"]), str(r.get("initials", "")), str(r["text"]), str(r.get("on", "")),
                        str(r.get("date", ""))) for r in rows]
    except (ValueError, KeyError, TypeError):
        return []


# -- reading back --------------------------------------------------------------------------------


@dataclass
class DraftSection:
    """A section as read from the draft, before it is compared with the case."""

    after: str
    notes: list[str]
    tracked: list[TrackedChange]
    comments: list[Comment]


@dataclass
class DraftContent:
    """What a draft holds, read in the cage (plain data: nothing of the case, no XML)."""

    review_id: str | None
    title: str
    record: dict[str, Any]
    sections: dict[str, DraftSection]
    outside: list[OutsideEdit] = field(default_factory=list)
    removed_outside: int = 0
    outside_checked: bool = True
    outside_comments: list[Comment] = field(default_factory=list)


class _Refused(Exception):
    """A draft refused in the cage: carried back as a value, raised again as ValidationError."""


def read_back(case: Case, path: Path | str) -> ReadBack:
    """What the edited draft at ``path`` holds against ``case``; nothing is stored.

    The draft is read in a child process with hard limits on memory and time (the importers'
    cage), as any file from outside is.

    Raises:
        ValidationError: the file is missing, corrupt, not a scrchron draft, a draft of another
            review, or its section controls were deleted, nested or copied by hand.
    """
    path = Path(path)
    _check_path(path)
    review = case.review()
    subject = review.subject_pseudonym or review_types.default_subject(review.review_type,
                                                                       milestone_store.criteria(case))
    prompts = {key: guidance_for(key, review.review_type, subject) for key in section_keys()}
    draft = _read_caged(path, prompts)
    _check_review(case, draft, path.name)
    anonymised = bool(draft.record.get("anonymised"))
    privacy = ExportPrivacy.for_case(case, anonymised)
    exported = _exported(draft.record)
    headings = {s.key: s.heading for s in report_sections(case)}
    texts = report_texts.section_texts(case)
    sections = [_section_change(case, key, found, headings.get(key, key), texts.get(key, ""), exported.get(key),
                                privacy) for key, found in draft.sections.items()]
    return ReadBack(path.name, sections, draft.outside, draft.removed_outside, draft.outside_comments,
                    draft.outside_checked, anonymised)


def _check_path(path: Path) -> None:
    name = path.name
    if not path.is_file():
        raise ValidationError(f"There is no file {name}. Give the edited draft (.docx) to read back.")
    if path.suffix.lower() != ".docx":
        raise ValidationError(f"{name} is not a Word document (.docx); save the edited draft as .docx first.")
    if path.stat().st_size > limits.MAX_FILE_BYTES:
        raise ValidationError(f"{name} is larger than {limits.human_bytes(limits.MAX_FILE_BYTES)}; it is not a "
                              "draft scrchron wrote.")


def _exported(record: dict[str, Any]) -> dict[str, str]:
    sections = record.get("sections")
    return {str(k): str(v) for k, v in sections.items()} if isinstance(sections, dict) else {}


def _read_caged(path: Path, prompts: dict[str, str]) -> DraftContent:
    def task() -> DraftContent | _Refused:
        try:
            return read_draft(path, prompts)
        except ValidationError as error:
            return _Refused(str(error))

    try:
        found = cage.run_caged(path.name, task)
    except SubmissionError as error:
        raise ValidationError(_for_a_draft(str(error))) from None
    if isinstance(found, _Refused):
        raise ValidationError(str(found))
    return found


def _for_a_draft(message: str) -> str:
    """An importer's message said of a draft report: what to do is not to ask an agency."""
    for ending in (" Nothing was imported.", " Ask the agency"):
        if ending in message:
            message = message[:message.index(ending)]
    return message + " Nothing was read and the case is unchanged; open the draft in Word and save it again."


def read_draft(path: Path, prompts: dict[str, str]) -> DraftContent:
    """Read a draft's sections, comments and outside text (no case needed; ``prompts`` by section key).

    Raises:
        ValidationError: see :func:`read_back`.
    """
    parts = _parts(path)
    body = parts["word/document.xml"].find(qn("w:body"))
    if body is None:
        raise ValidationError(f"{path.name} has no body; it is not a draft scrchron wrote.")
    record = _draft_record(parts)
    by_title = _keys_by_title(record)
    controls = _section_controls(body, path.name, by_title)
    settings = parts.get("word/settings.xml")
    review_id = rc.review_variable(settings) if settings is not None else None
    if review_id is None and isinstance(record.get("review"), str):
        review_id = record["review"]  # LibreOffice drops document variables, keeps the draft's part
    if review_id is None and not controls:
        raise ValidationError(f"{path.name} is not a draft scrchron wrote (it has no report sections); nothing was "
                              "read. Read back a Word draft scrchron exported.", remedy=Remedy("export_draft"))
    missing = [key for key in _exported(record) if key not in controls]
    if missing:
        raise ValidationError(f"In {path.name} the content controls of {len(missing)} section(s) ("
                              f"{', '.join(missing[:6])}) were deleted in Word, so their words cannot be told "
                              "from the rest; nothing was read. Undo that in Word, or export a new draft.")
    comments = _comments(parts)
    sections = {key: _draft_section(sdt, prompts.get(key, ""), comments, body) for key, sdt in controls.items()}
    draft = DraftContent(review_id, _core_title(parts), record, sections)
    _outside(draft, body, record, comments, lambda sdt: _control_key(sdt, by_title) is not None)
    return draft


def _draft_section(sdt: Any, prompt: str, comments: dict[str, Comment], body: Any) -> DraftSection:
    after, notes = section_words(sdt, prompt)
    found = [_with_words(comments[i], body, i) for i in _comment_ids(sdt) if i in comments]
    return DraftSection(after, notes, _tracked(sdt), found)


def _section_change(case: Case, key: str, found: DraftSection, heading: str, before: str, exported: str | None,
                    privacy: ExportPrivacy) -> SectionChange:
    after = found.after
    was = normalised(privacy.text(before)) if before.strip() else ""
    in_word = rc.fingerprint(after) != exported if exported is not None else after != was
    in_case = exported is not None and rc.fingerprint(was) != exported
    status = "unchanged" if not in_word else ("changed in both" if in_case else "changed")
    change = SectionChange(key, heading, before, after, status, found.tracked, found.comments, found.notes)
    change.comments_changed = _gist(found.comments) != _gist(stored_comments(case, key))
    return change


def _gist(comments: list[Comment]) -> list[tuple[str, str]]:
    """What makes two lists of comments the same: who said what (Word may move or re-date them)."""
    return [(c.author, " ".join(c.text.split())) for c in comments]


def _with_words(comment: Comment, body: Any, comment_id: str) -> Comment:
    return Comment(comment.author, comment.initials, comment.text, _commented_words(body, comment_id), comment.date)


def _outside(result: DraftContent, body: Any, record: dict[str, Any], comments: dict[str, Comment],
             is_section: Callable[[Any], bool]) -> None:
    """Text and comments outside every section that the exported draft did not have."""
    for element in rc.outside_elements(body, is_section):
        result.outside_comments.extend(_with_words(comments[i], body, i) for i in _comment_ids(element)
                                       if i in comments)
    original = record.get("outside")
    if not isinstance(original, list):
        result.outside_checked = False
        return
    left = Counter(str(f) for f in original)
    near = ""
    for element in rc.outside_elements(body, is_section):
        for text, shown in _outside_texts(element):
            if not text.strip():
                continue
            digest = rc.fingerprint(text)
            if left[digest] > 0:
                left[digest] -= 1
            else:
                result.outside.append(OutsideEdit(near, _clip(shown)))
        if element.tag == qn("w:p") and _is_heading(element):
            near = _clip(rc.element_text(element))
    result.removed_outside = sum(left.values())


def _outside_texts(element: Any) -> list[tuple[str, str]]:
    """(the text fingerprinted, the text shown) of a paragraph, or of each row of a table."""
    if element.tag == qn("w:tbl"):
        return [(rc.element_text(row), " | ".join(rc.element_text(cell) for cell in row.iter(qn("w:tc"))))
                for row in element.iter(qn("w:tr"))]
    text = rc.element_text(element)
    return [(text, text)]


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style is not None and (style.get(qn("w:val")) or "").startswith("Heading")


# -- taking the changes into the case ---------------------------------------------------------------


def accept_read_back(case: Case, result: ReadBack, keys: list[str] | None = None) -> list[str]:
    """Store the draft's words (and comments) of the changed sections, or only of ``keys``, in one transaction.

    Returns:
        The keys of the sections taken.

    Raises:
        ValidationError: a key names no section of the draft.
    """
    wanted = result.changes
    if keys is not None:
        known = {s.key for s in result.sections}
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise ValidationError(f"The draft has no section '{unknown[0]}'. Its sections: {', '.join(known)}.")
        wanted = [s for s in wanted if s.key in keys]
    with case.write():
        if wanted:
            case.audit("read-back", "settings", None, "report", None, result.file)
        set_section_texts(case, {s.key: s.after for s in wanted if s.changed})
        for section in wanted:
            if section.comments_changed:
                case.set_setting(COMMENTS_PREFIX + section.key, json.dumps([vars(c) for c in section.comments]))
    return [s.key for s in wanted]
