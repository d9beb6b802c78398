"""What the window shows when no case is open: three ways in, the recent reviews, and what is
due or overdue in the most recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.review.timetable import TimetableRow
from scrchron.ui.review.due_list import DueNow
from scrchron.ui.review.timetable_page import day_text, left_text
from scrchron.ui.window.appearance import follow_palette, hint_style

PathRole = Qt.ItemDataRole.UserRole + 1
RECENT_ROWS_SHOWN = 8
NO_DEMO = "The demo review is not installed with this copy of scrchron."


class StartPage(QWidget):
    """A calm first page: New review, Open review, the demo, and recent reviews."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, demo_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = QPushButton("New review…", self)
        self.open_button = QPushButton("Open review…", self)
        self.demo_button = QPushButton("Open demo review", self)
        self.new_button.setDefault(True)
        self.demo_button.setEnabled(demo_available)
        self.demo_button.setToolTip(
            "A made-up review to try things out on." if demo_available else NO_DEMO
        )
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent reviews")
        self.recent.setSpacing(3)
        self.recent.itemActivated.connect(self._choose)
        self.no_recent = QLabel("Reviews you open will be listed here.", self)
        follow_palette(self.no_recent, hint_style)  # quieter than text, unlike disabled grey
        self.due_heading = _label("", 1.0, bold=True)
        self.due_heading.setAccessibleName("Due and overdue in")
        self.due = QLabel(self)
        self.due.setAccessibleName("Due and overdue")
        self.due.setTextFormat(Qt.TextFormat.PlainText)
        self.due.setWordWrap(True)
        self._lay_out()
        self.set_due(None)

    def _lay_out(self) -> None:
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(_label("scrchron", 2.0, bold=True))
        column.addWidget(_label("Multi-agency chronologies for statutory case reviews", 1.1))
        column.addSpacing(24)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            buttons.addWidget(button)
        column.addLayout(buttons)
        column.addSpacing(28)
        column.addWidget(_label("Recent reviews", 1.0, bold=True))
        column.addWidget(self.recent, 3)
        column.addWidget(self.no_recent)
        column.addSpacing(16)
        column.addWidget(self.due_heading)
        column.addWidget(self.due)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def set_recent(self, paths: list[Path]) -> None:
        """List recent case files; ones that have gone missing are shown greyed out."""
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}\n{path.parent}")
            item.setData(PathRole, path)
            item.setToolTip(str(path))
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{path} (not found: moved or deleted?)")
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent.setMaximumHeight(self._list_height(min(len(paths), RECENT_ROWS_SHOWN)))
        self.no_recent.setVisible(not paths)

    def set_due(self, due: DueNow | None) -> None:
        """Show what is overdue or due soon in a review (nothing when None or nothing is due)."""
        shown = due is not None and bool(due.rows)
        self.due_heading.setVisible(shown)
        self.due.setVisible(shown)
        if due is None or not due.rows:
            return
        self.due_heading.setText(f"Due and overdue in {due.title}")
        lines = [_due_line(row) for row in due.rows]
        if due.more:
            lines.append(f"…and {due.more} more: open the review and see its Timetable tab.")
        self.due.setText("\n".join(lines))

    def _list_height(self, rows: int) -> int:
        row = self.recent.sizeHintForRow(0) if self.recent.count() else 0
        return rows * (row + 2 * self.recent.spacing()) + 2 * self.recent.frameWidth()

    def _choose(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(item.data(PathRole))


def _due_line(row: TimetableRow) -> str:
    """'Overdue: Rapid review completed (due Mon 7 Dec 2026, 3 working days late)'."""
    when = f"due {day_text(row.due)}" + (f", {left_text(row)}" if left_text(row) else "")
    return f"{row.status.capitalize()}: {row.name} ({when})"


def _label(text: str, scale: float, bold: bool = False) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label
