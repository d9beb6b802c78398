"""The Timetable tab: the review's statutory clock, the reviewer's own milestones, late returns.

What is shown comes from ``scrchron.review.timetable.build_timetable`` (working days with
the bank holidays of England or Wales); the page only lays it out. Every change
(add, change, mark done, remove) is one undoable command
(``scrchron.ui.review.timetable_commands``). Removing asks first, and its default answer
is Cancel, so Enter never removes a milestone.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.errors import ScrchronError
from scrchron.review import timetable
from scrchron.review.timetable import Timetable, TimetableRow
from scrchron.store import milestones as stored
from scrchron.ui.review.timetable_commands import AddMilestone, ChangeMilestone, RemoveMilestone, SetClock
from scrchron.ui.widgets import commands, date_display
from scrchron.ui.widgets.date_field import OptionalDateField, check_dates
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.table_model import HeaderedTableModel
from scrchron.ui.window.session import Session

KIND_WORDS = {"statutory": "Statutory", "local": "Local", "return": "Agency return"}
#: The status column's column number (tests and the reader's eye start there).
STATUS, DUE, DONE, NAME, LEFT, KIND, TIMING = range(7)


def day_text(value: str | None) -> str:
    """'Tue 14 Apr 2026' for an ISO day, '' for none."""
    if not value:
        return ""
    day = date.fromisoformat(value[:10])
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')}"


def left_text(row: TimetableRow) -> str:
    """'3 working days', 'due today', '4 working days late', or ''."""
    left = row.working_days_left
    if row.status in ("done", "no date") or left is None:
        return ""
    if row.status == "overdue":
        late = max(-left, 1)
        return f"{late} working {'day' if late == 1 else 'days'} late"
    if left == 0:
        return "due today"
    return f"{left} working {'day' if left == 1 else 'days'}"


class TimetableModel(HeaderedTableModel[TimetableRow]):
    """One row per milestone, in due order; overdue ones in bold."""

    HEADERS = ("Status", "Due", "Done", "Milestone", "Time left", "Kind", "Timing and basis")

    def cell(self, row: TimetableRow, column: int, role: int) -> object:
        """Cell text; overdue rows bold; the basis in full as the tooltip."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.FontRole and row.status == "overdue":
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "done":
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (row.name, row.timing, row.basis) if part)
        return None

    @staticmethod
    def text(row: TimetableRow, column: int) -> str:
        """What a cell shows."""
        name = f"{row.name} ({row.agency})" if row.agency and row.agency not in row.name else row.name
        timing = "; ".join(part for part in (row.timing, row.basis) if part)
        values = (row.status, day_text(row.due) or date_display.UNKNOWN, day_text(row.done), name,
                  left_text(row), KIND_WORDS.get(row.kind, row.kind), timing)
        return values[column]


class MilestoneDialog(QDialog):
    """A milestone's name, due date, date done and note (a statutory one's name is fixed)."""

    def __init__(self, title: str, row: TimetableRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name = QLineEdit(row.name if row else "", self)
        self.name.setAccessibleName("Milestone name")
        self.name.setPlaceholderText("e.g. Panel meeting 2, Practitioner learning event")
        self.name.setEnabled(row is None or row.kind == "local")
        self.due_field = OptionalDateField("due date", self)
        self.done_field = OptionalDateField("date done", self)
        self.note = QLineEdit(row.basis if row and row.kind == "local" else "", self)
        self.note.setAccessibleName("Milestone note")
        self.note.setEnabled(row is None or row.kind == "local")
        if row is not None:
            self.due_field.set_iso(row.due)
            self.done_field.set_iso(row.done)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for text, field in (("&Name:", self.name), ("D&ue:", self.due_field), ("&Done on:", self.done_field),
                            ("Not&e:", self.note)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def _save(self) -> None:
        try:
            check_dates(self.due_field, self.done_field)
        except ScrchronError as error:
            show_error(self, error)
            return
        if self.name.isEnabled() and not self.name.text().strip():
            show_error(self, "A milestone needs a name, e.g. 'Panel meeting 2'.")
            return
        self.accept()

    def values(self) -> dict[str, str | None]:
        """The fields as typed (only those this kind of milestone lets the reviewer change)."""
        found: dict[str, str | None] = {"due": self.due_field.iso(), "done": self.done_field.iso()}
        if self.name.isEnabled():
            found["name"] = self.name.text()
            found["note"] = self.note.text()
        return found


class ClockDialog(QDialog):
    """The day the local authority or board became aware, and the nation whose bank holidays count."""

    def __init__(self, table: Timetable, chosen_nation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set the statutory clock")
        self.aware = OptionalDateField("date of becoming aware", self)
        self.aware.set_iso(table.aware)
        self.nation = QComboBox(self)
        self.nation.setAccessibleName("Bank holidays of")
        self.nation.addItem("The review type's own (England, or Wales for a Welsh review)", "")
        self.nation.addItem("England", "england")
        self.nation.addItem("Wales", "wales")
        self.nation.setCurrentIndex(max(0, self.nation.findData(chosen_nation)))
        hint = QLabel("The clock counts from this day; when it is not known the incident date is used.", self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for text, field in (("Became &aware on:", self.aware), ("&Bank holidays of:", self.nation)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(hint)
        form.addRow(buttons)

    def _save(self) -> None:
        try:
            check_dates(self.aware)
        except ScrchronError as error:
            show_error(self, error)
            return
        self.accept()


class TimetablePage(QWidget):
    """The timetable of the open review, with buttons to change it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.table_shown: Timetable | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Timetable summary")
        self.late = QLabel(self)
        self.late.setWordWrap(True)
        self.late.setAccessibleName("Late agency returns")
        self.model = TimetableModel(self)
        self.view = QTableView(self)
        self.view.setAccessibleName("Timetable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(lambda _index: self.edit_milestone())
        self.add_button = self._button("Add &milestone…", self.add_milestone)
        self.edit_button = self._button("Change &dates…", self.edit_milestone)
        self.done_button = self._button("Mark d&one today", self.mark_done)
        self.remove_button = self._button("&Remove milestone…", self.remove_milestone)
        self.clock_button = self._button("Set the c&lock…", self.set_clock)
        self._lay_out()
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.done_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.clock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.late)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    # -- showing ------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Show another review's timetable (or none)."""
        if self.session is not None:
            for signal in (self.session.timetable_changed, self.session.chronology_changed):
                signal.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.timetable_changed.connect(self.refresh)
            session.chronology_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the timetable again, keeping the milestone chosen."""
        chosen = self.selected()
        key = (chosen.id, chosen.rule, chosen.name) if chosen else None
        table = timetable.build_timetable(self.session.case) if self.session is not None else None
        self.table_shown = table
        self.model.set_items(table.rows if table else [])
        self.heading.setText(_heading(table) if table else "")
        late = table.late_returns if table else []
        self.late.setText(f"<b>Late agency returns:</b> {', '.join(late)}." if late else "")
        self.late.setVisible(bool(late))
        self._size_columns()
        if key is not None:
            self._select(lambda row: (row.id, row.rule, row.name) == key)
        self._update_buttons()

    def overdue(self) -> int:
        """How many milestones shown are overdue."""
        return sum(1 for row in self.model.items() if row.status == "overdue")

    def _size_columns(self) -> None:
        """Short columns fit their text, the milestone up to a width; the timing and basis
        take what is left (cut short, whole in the tooltip), so no column hides off the side."""
        header = self.view.horizontalHeader()
        self.view.resizeColumnsToContents()
        widest = self.fontMetrics().averageCharWidth() * 44
        if header.sectionSize(NAME) > widest:
            header.resizeSection(NAME, widest)
        header.setSectionResizeMode(TIMING, QHeaderView.ResizeMode.Stretch)

    def _select(self, wanted: object) -> bool:
        for number, row in enumerate(self.model.items()):
            if wanted(row):  # type: ignore[operator]
                self.view.selectRow(number)
                self.view.scrollTo(self.model.index(number, 0))
                return True
        return False

    def select_milestone(self, milestone_id: int) -> bool:
        """Choose the row of a stored milestone (after undo or redo)."""
        return self._select(lambda row: row.id == milestone_id)

    def selected(self) -> TimetableRow | None:
        """The milestone chosen, if any."""
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        index: QModelIndex | None = rows[0] if rows else None
        return self.model.item(index.row()) if index is not None else None

    def _update_buttons(self) -> None:
        writable = self.session is not None and not self.session.read_only
        row = self.selected()
        self.add_button.setEnabled(writable)
        self.clock_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and row is not None)
        self.done_button.setEnabled(writable and row is not None and row.status != "done")
        self.remove_button.setEnabled(writable and row is not None and row.kind != "statutory")
        self.remove_button.setToolTip("" if row is None or row.kind != "statutory" else
                                      "A statutory milestone stays in the timetable; change its dates instead.")

    # -- changing -----------------------------------------------------------------

    def add_milestone(self) -> None:
        """Ask for a local milestone and add it (undoable)."""
        if self.session is None:
            return
        self._ask(MilestoneDialog("Add milestone", None, self), self._add)

    def _ask(self, dialog: MilestoneDialog, then: object) -> None:
        """Open the dialog (window-modal); ``then(dialog)`` once it is saved."""
        dialog.accepted.connect(lambda: then(dialog))  # type: ignore[operator]
        dialog.finished.connect(lambda _result: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _add(self, dialog: MilestoneDialog) -> None:
        if self.session is None:
            return
        values = dialog.values()
        name = " ".join(str(values["name"]).split())
        self._apply(AddMilestone(self.session, name, values["due"], str(values["note"] or "")),
                    lambda: self._select(lambda row: row.kind == "local" and row.name == name))

    def edit_milestone(self) -> None:
        """Change the chosen milestone's dates (and a local one's name and note)."""
        row = self.selected()
        if self.session is None or self.session.read_only or row is None:
            return
        self._ask(MilestoneDialog(f"Change “{row.name}”", row, self), lambda dialog: self._change(row, dialog))

    def _change(self, row: TimetableRow, dialog: MilestoneDialog) -> None:
        if self.session is None:
            return
        values = dialog.values()
        changes = {name: value for name, value in values.items() if value != _current(row, name)}
        if row.id is None:  # a statutory milestone not stored yet: only dates that were set
            changes = {name: value for name, value in changes.items() if value}
        if changes:
            self._apply(ChangeMilestone(self.session, row, changes), lambda: None)

    def set_clock(self) -> None:
        """Ask when the clock started and whose bank holidays count (undoable)."""
        if self.session is None or self.session.read_only or self.table_shown is None:
            return
        chosen = self.session.case.setting(stored.NATION_SETTING)
        dialog = ClockDialog(self.table_shown, chosen, self)
        dialog.accepted.connect(lambda: self._clock_set(dialog))
        dialog.finished.connect(lambda _result: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _clock_set(self, dialog: ClockDialog) -> None:
        if self.session is None or self.table_shown is None:
            return
        aware, nation = dialog.aware.iso(), str(dialog.nation.currentData() or "")
        if aware == self.table_shown.aware and nation == self.session.case.setting(stored.NATION_SETTING):
            return  # nothing changed: nothing to undo
        self._apply(SetClock(self.session, aware, nation), lambda: None)

    def mark_done(self) -> None:
        """The chosen milestone was met today (undoable)."""
        row = self.selected()
        if self.session is None or row is None or row.status == "done":
            return
        today = date.today().isoformat()
        self._apply(ChangeMilestone(self.session, row, {"done": today}, f"Mark “{row.name}” done"), lambda: None)

    def remove_milestone(self) -> None:
        """Remove the chosen local milestone or return date, after asking (Cancel is the default)."""
        row = self.selected()
        if self.session is None or row is None or row.id is None or row.kind == "statutory":
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Remove milestone",
                          f"Remove “{row.name}” from the timetable? Edit > Undo puts it back.",
                          QMessageBox.StandardButton.Cancel, self)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is remove:
            self._apply(RemoveMilestone(self.session, row.id), lambda: None)

    def _apply(self, command: commands.CaseCommand, then: object) -> None:
        try:
            commands.apply(command)
        except ScrchronError as error:
            show_error(self, error)
            return
        then()  # type: ignore[operator]
        self._update_buttons()


def _current(row: TimetableRow, name: str) -> str | None:
    value = {"due": row.due, "done": row.done, "name": row.name, "note": row.basis}.get(name)
    return value or None


def _heading(table: Timetable) -> str:
    started = day_text(table.aware) or "not set (the incident date is used when there is one)"
    decision = day_text(table.decision) or "not set"
    overdue = sum(1 for row in table.rows if row.status == "overdue")
    soon = sum(1 for row in table.rows if row.status == "due soon")
    return (f"<b>{overdue} overdue, {soon} due in the next {timetable.SOON} working days.</b> "
            f"Today is {day_text(table.today)}; working days count the bank holidays of "
            f"{table.nation.title()}. The clock started {started}; the decision to hold the review: {decision}.")
