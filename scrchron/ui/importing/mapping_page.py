"""The import wizard's column page: every column of the file, three of its values, and what it is.

Each column the file has is one row: its heading, its first three values (so a
reviewer sees that "Contact" holds "Tenancy", "Repairs" and "Notes" holds the
story), and a choice of field, any field for any column, service / team and
contact type included. Where the core chose a column by what it holds rather than
by its heading (``scrchron.importers.content``), the row says why. A field is on
one column at a time: until the reviewer takes it off one of two, the page says so
and waits (nothing is unmapped behind their back).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from scrchron.importers import FIELDS, ParsedSubmission
from scrchron.ui.chronology.chronology_model import one_line
from scrchron.ui.importing.import_pages import NOT_USED, _ReadingPage
from scrchron.ui.importing.import_plan import FIELD_LABELS, headers_of, parse_work

#: How many values are shown under each column, and how much of each.
SAMPLES = 3
SAMPLE_CHARS = 60


def samples(parsed: ParsedSubmission, header: str) -> list[str]:
    """The first ``SAMPLES`` different values of a column, each on one short line."""
    found: list[str] = []
    for row in parsed.rows:
        value = one_line(row.original.get(header, ""))
        if value and value not in found:
            found.append(value if len(value) <= SAMPLE_CHARS else value[: SAMPLE_CHARS - 1] + "…")
            if len(found) == SAMPLES:
                break
    return found


def in_file_order(parsed: ParsedSubmission, headers: list[str]) -> list[str]:
    """The headings left to right as the file has them (a row lists its cells in column order)."""
    order: list[str] = []
    for row in parsed.rows[:200]:
        order.extend(header for header in row.original if header in headers and header not in order)
    return order + [header for header in headers if header not in order]


def reasons_for(parsed: ParsedSubmission, header: str) -> list[str]:
    """Why the core chose this column by its content (``Column 'Notes' was taken as the event: …``)."""
    return [warning for warning in parsed.warnings if warning.startswith(f"Column '{header}'")]


class MappingPage(_ReadingPage):
    """Which column is which: the automatic match, column by column, any field for any column."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Which column is which?")
        self.setSubTitle("scrchron matched the columns by their headings and by what they hold. Change any "
                         "that are wrong; a date column and an event column are needed.")
        self.combos: dict[str, QComboBox] = {}
        self.rows = QWidget(self)
        self.grid = QGridLayout(self.rows)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rows)
        scroll.setAccessibleName("Columns of the file")
        self.clash = self.note()
        self.clash.setAccessibleName("Columns on one field")
        self.clash.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.clash)

    def initializePage(self) -> None:
        """Read the chosen table and show the automatic match."""
        self.read(parse_work(self.wizard_().plan), self._show)

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}

    def _show(self, parsed: ParsedSubmission) -> None:
        plan = self.wizard_().plan
        plan.headers = headers_of(parsed)
        plan.automatic = dict(parsed.mapping)
        field_of = {header: name for name, header in parsed.mapping.items()}
        self._clear()
        self.clash.hide()
        for number, title in enumerate(("Column", "Its first values", "Is the")):
            self.grid.addWidget(_bold(title), 0, number)
        for number, header in enumerate(in_file_order(parsed, plan.headers), start=1):
            self._add_row(2 * number - 1, header, field_of.get(header, ""), parsed)
        self.grid.setRowStretch(2 * len(plan.headers) + 1, 1)  # rows keep their height; space goes below
        changed = plan.template.words() if plan.template.ours else ""
        chosen_by_content = any(reasons_for(parsed, header) for header in plan.headers)
        because = " Where a heading and its values disagreed, the values won: those columns say why." \
            if chosen_by_content else ""
        self.status.setText(html.escape(f"{parsed.rows_read:,} rows under the headings in "
                                        f"{', '.join(parsed.tables_used)}.{because} {changed}".strip(), quote=False))

    def _add_row(self, row: int, header: str, current: str, parsed: ParsedSubmission) -> None:
        heading = QLabel(header.replace("&", "&&"), self.rows)  # a buddy's label: '&' would be a mnemonic
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setFont(_font(heading, bold=True))
        values = QLabel("\n".join(samples(parsed, header)) or "(empty)", self.rows)
        values.setAccessibleName(f"Values of column {header}")
        values.setTextFormat(Qt.TextFormat.PlainText)
        combo = QComboBox(self.rows)
        combo.setAccessibleName(f"Field for column {header}")
        combo.addItem(NOT_USED, "")
        for name in FIELDS:
            combo.addItem(FIELD_LABELS[name], name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.currentIndexChanged.connect(lambda _i, h=header: self._chosen_for(h))
        heading.setBuddy(combo)
        self.combos[header] = combo
        self.grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(values, row, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(combo, row, 2, Qt.AlignmentFlag.AlignTop)
        why = reasons_for(parsed, header)
        if why:
            reason = QLabel(" ".join(why), self.rows)
            reason.setTextFormat(Qt.TextFormat.PlainText)
            reason.setWordWrap(True)
            reason.setAccessibleName(f"Why column {header}")
            reason.setFont(_font(reason, italic=True))
            self.grid.addWidget(reason, row + 1, 1, 1, 2)

    def _chosen_for(self, _header: str) -> None:
        """A field is on one column at a time: two columns on one field are named, and wait for a choice.

        Nothing is taken off the other column by itself: stepping through the list with the
        arrow keys must not quietly unmap the column a field passed over.
        """
        twice = self.doubled()
        self.clash.setText("" if not twice else "<b>" + html.escape(" ".join(
            f"{FIELD_LABELS[name]} is chosen for {len(headers)} columns ({', '.join(headers)}): "
            "choose it for one of them." for name, headers in twice.items()), quote=False) + "</b>")
        self.clash.setVisible(bool(twice))
        self.completeChanged.emit()

    def doubled(self) -> dict[str, list[str]]:
        """Fields chosen for more than one column, with those columns."""
        columns: dict[str, list[str]] = {}
        for header, combo in self.combos.items():
            name = str(combo.currentData() or "")
            if name:
                columns.setdefault(name, []).append(header)
        return {name: headers for name, headers in columns.items() if len(headers) > 1}

    def chosen(self) -> dict[str, str]:
        """Field -> heading as now chosen ('' for a field on no column)."""
        found = dict.fromkeys(FIELDS, "")
        for header, combo in self.combos.items():
            name = str(combo.currentData() or "")
            if name:
                found[name] = header
        return found

    def isComplete(self) -> bool:
        """A date and an event column are needed."""
        chosen = self.chosen()
        return self.ready and bool(chosen["start_date"]) and bool(chosen["event"]) and not self.doubled()

    def validatePage(self) -> bool:
        """Keep the mapping in the plan."""
        self.wizard_().plan.chosen = self.chosen()
        return True


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(_font(label, bold=True))
    return label


def _font(label: QLabel, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(label.font())
    font.setBold(bold)
    font.setItalic(italic)
    return font
