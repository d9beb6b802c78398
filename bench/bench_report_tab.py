"""What the Report tab costs on the 10,000-entry case of ``bench_export.py``.

Measured in one run, best of RUNS:

- ``section_facts``: what the tab shows as "filled from the case" for every section, read
  once when the tab is first looked at (and again after the case changes while it is shown),
  beside ``write_report`` of the same case, the plain baseline (the facts are the report's
  own sections, written to nothing);
- choosing a section: ``report_sections`` and ``unknown_references`` of a written section.

Run: python bench/bench_report_tab.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench_export import _best, _line, build_case
from bench_report_prose import write_every_section

from scrchron.export import write_report
from scrchron.export.report_preview import section_facts
from scrchron.export.report_prose import report_sections, unknown_references
from scrchron.store import Case

RUNS = 3


def main() -> int:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        path = build_case(base / "bench.scrchron")
        with Case.open(path) as case:
            write_every_section(case, 4)
            facts, facts_cpu, _ = _best(lambda: section_facts(case), RUNS)
            report, report_cpu, _ = _best(lambda: write_report(case, base / "r.docx"), RUNS)
            text = next(s.text for s in report_sections(case) if s.key == "conclusion")
            choose, choose_cpu, _ = _best(lambda: (report_sections(case), unknown_references(case, text)), RUNS)
    _line("section_facts, 10,000 entries (tab first shown)", facts, facts_cpu)
    _line("baseline: write_report of the same case", report, report_cpu)
    print(f"{'ratio (section_facts / write_report)':<46} {facts / report:6.2f} x")
    _line("choosing a section (sections + references)", choose, choose_cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
