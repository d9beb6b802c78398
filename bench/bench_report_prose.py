"""Report figures with the reviewer's words in every section, and reading back an edited draft.

Measured in one run:

- ``write_report`` of the 10,000-entry case of ``bench_export.py`` with every section
  of the report written (several paragraphs each, bold, italic, bullets and references),
  beside the same export with no words written, and beside the plain python-docx way of
  writing the same words (``add_paragraph`` and ``add_run`` per span, into a new document,
  saved): the cost of the words, and the ratio of that cost to python-docx's.
- ``read_back`` of an edited draft of about 60 pages (a 600-entry case, every section
  written, then a paragraph changed, one added, one deleted and a comment added in five
  sections with python-docx), beside python-docx opening the same file and reading every
  paragraph's text. The pages are counted with LibreOffice when it is installed.

Each figure is the best of RUNS runs (wall clock; CPU time beside it).

Run: python bench/bench_report_prose.py   (targets: report with words < 1 s; read-back < 2 s)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_export import _best, _line, build_case
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from scrchron.export import write_report
from scrchron.export.data import gather
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.prose import parse
from scrchron.export.read_back import read_back
from scrchron.export.report_draft import DraftFrame
from scrchron.export.report_prose import report_sections, set_section_texts
from scrchron.export.report_writer import ReportWriter
from scrchron.store import Case

RUNS = 5
REPORT_TARGET = 1.0
READ_BACK_TARGET = 2.0
DRAFT_ENTRIES = 600

PARAGRAPH = ("Agencies saw **parts** of the picture: the health visitor saw *Child T* at home, the police "
             "attended the incidents, and housing knew who lived at the flat [F1]. Nobody brought these "
             "together before the case was stepped down [Ep2], and the child was not seen [E40].")
BULLETS = "- who lived in the household\n- what the child's day was like\n- what Mother's partner said"


def section_words(paragraphs: int) -> str:
    """A section's words: ``paragraphs`` paragraphs and a bullet list."""
    return "\n\n".join([PARAGRAPH] * paragraphs + [BULLETS])


def write_every_section(case: Case, paragraphs: int) -> int:
    """Write words in every section of the case's report; the number of sections."""
    keys = [s.key for s in report_sections(case)]
    set_section_texts(case, {key: section_words(paragraphs) for key in keys})
    return len(keys)


def plain_python_docx(texts: list[str], target: Path) -> float:
    """Seconds python-docx takes to write the same words as plain runs into a new document, saved."""
    blocks = [parse(text) for text in texts]
    started = time.perf_counter()
    document = Document()
    for section in blocks:
        document.add_heading("Section", 1)
        for block in section:
            paragraph = document.add_paragraph(style="List Bullet" if block.bullet else None)
            for span in block.spans:
                run = paragraph.add_run(span.text)
                run.bold, run.italic = span.bold or None, span.italic or None
    document.save(str(target))
    return time.perf_counter() - started


def our_words(case: Case, texts: dict[str, str], target: Path) -> float:
    """Seconds scrchron takes to write the same words (markdown, controls, links) into a new document, saved."""
    data = gather(case, ExportPrivacy.for_case(case, False), analysis=False)
    data.texts = texts
    started = time.perf_counter()
    document = Document()
    writer = ReportWriter(document, data)
    writer.controls = True
    for key in texts:
        writer.heading("Section", 1)
        writer.written(key, key)
    document.save(str(target))
    return time.perf_counter() - started


def panel_edits(draft: Path, out: Path, sections: int = 5) -> None:
    """In the first ``sections`` sections with words: change, add and delete a paragraph; comment."""
    document = Document(str(draft))
    done = 0
    for sdt in document.element.body.iter(qn("w:sdt")):
        paragraphs = [Paragraph(p, document._body) for p in sdt.iter(qn("w:p"))]
        if len(paragraphs) < 3 or done == sections:
            continue
        paragraphs[0].runs[0].text = "Changed in Word: "
        paragraphs[1].insert_paragraph_before("A paragraph the panel added.")
        paragraphs[2]._p.getparent().remove(paragraphs[2]._p)
        document.add_comment(paragraphs[1].runs, text="Which agency?", author="Panel chair", initials="PC")
        done += 1
    document.save(str(out))


def pages(docx: Path) -> str:
    """The draft's page count by LibreOffice, or '?' without it."""
    if shutil.which("soffice") is None or shutil.which("pdfinfo") is None:
        return "?"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                   capture_output=True, timeout=300, check=False)
    info = subprocess.run(["pdfinfo", str(docx.with_suffix(".pdf"))], capture_output=True, text=True, check=False)
    return next((line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")), "?")


def plain_read(path: Path) -> int:
    """python-docx opening the file and reading every paragraph's text (the baseline of a read-back)."""
    document = Document(str(path))
    return sum(len(p.text) for p in document.element.body.iter(qn("w:p")) for p in [Paragraph(p, document._body)])


class FinishTimer:
    """Times :meth:`DraftFrame.finish` (contents page, comments, fingerprints) inside an export."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.original = DraftFrame.finish

    def __enter__(self) -> FinishTimer:
        original, seconds = self.original, self.seconds

        def timed(frame: DraftFrame, writer: Any, toc: Any) -> None:
            started = time.perf_counter()
            original(frame, writer, toc)
            seconds.append(time.perf_counter() - started)

        DraftFrame.finish = timed  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        DraftFrame.finish = self.original  # type: ignore[method-assign]


def report_figures(base: Path) -> bool:
    path = build_case(base / "bench.scrchron")
    with Case.open(path) as case, FinishTimer() as finish:
        bare, bare_cpu, _ = _best(lambda: write_report(case, base / "bare.docx"), RUNS)
        count = write_every_section(case, 4)
        texts = [s.text for s in report_sections(case)]
        full, full_cpu, _ = _best(lambda: write_report(case, base / "full.docx"), RUNS)
        by_key = {sec.key: sec.text for sec in report_sections(case)}
        ours = min(our_words(case, by_key, base / "ours.docx") for _ in range(RUNS))
    plain = min(plain_python_docx(texts, base / "plain.docx") for _ in range(RUNS))
    words = sum(len(t.split()) for t in texts)
    _line("write_report, 10,000 entries, no words written", bare, bare_cpu)
    _line(f"write_report, every section written ({count})", full, full_cpu, f"{words:,} words")
    _line("  of which the draft's frame (contents, fingerprints)", min(finish.seconds), 0.0,
          "(best of the exports)")
    _line("the words alone, as scrchron writes them, saved", ours, 0.0, "(markdown, controls, links; wall only)")
    _line("baseline: python-docx, the same words, saved", plain, 0.0, "(plain runs; wall only)")
    print(f"{'ratio (python-docx / scrchron, the words alone)':<46} {plain / ours:6.2f} x")
    print(f"{'ratio (report with words / without)':<46} {full / bare:6.2f} x  "
          f"(CPU {full_cpu / max(bare_cpu, 1e-9):.2f} x)")
    ok = full < REPORT_TARGET
    print(f"report with every section written under {REPORT_TARGET:.0f} s: " + ("met" if ok else "MISSED"))
    return ok


def read_back_figures(base: Path) -> bool:
    path = build_case(base / "draft.scrchron", entries=DRAFT_ENTRIES)
    with Case.open(path) as case:
        write_every_section(case, 6)
        write_report(case, base / "draft.docx")
    panel_edits(base / "draft.docx", base / "edited.docx")
    count = pages(base / "edited.docx")
    with Case.open(path, read_only=True) as case:
        seconds, cpu, result = _best(lambda: read_back(case, base / "edited.docx"), RUNS)
    changed = len(getattr(result, "changes", []))
    plain, plain_cpu, _ = _best(lambda: plain_read(base / "edited.docx"), RUNS)
    _line(f"read_back of an edited draft ({count} pages)", seconds, cpu, f"{changed} sections changed")
    _line("baseline: python-docx opens it, reads every text", plain, plain_cpu)
    print(f"{'ratio (read_back / python-docx reading)':<46} {seconds / plain:6.2f} x")
    ok = seconds < READ_BACK_TARGET
    print(f"read-back under {READ_BACK_TARGET:.0f} s: " + ("met" if ok else "MISSED"))
    return ok


def main() -> int:
    """Print the figures; exit 1 when a target is missed."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        ok = report_figures(base)
        ok = read_back_figures(base) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
