"""One list-and-editor screen, shared by episodes, findings, recommendations,
actions and people: a table on the left, the chosen record's form on the right.

The form's Save makes one undoable command (``RecordEditor.command``) and applies
it; a change the core refuses is explained under the form and nothing is written.
Delete (the button or the Delete key on the table) first says what goes with the
record (``scrchron.analysis.deletion.preview_deletion``), then deletes it as one
undoable command: undo puts it back with its number and every link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.analysis.deletion import DeletionPreview, preview_deletion
from scrchron.errors import ScrchronError
from scrchron.ui.analysis.analysis_models import RecordModel
from scrchron.ui.analysis.analysis_undo import DeleteRecord
from scrchron.ui.widgets import commands
from scrchron.ui.widgets.commands import CaseCommand
from scrchron.ui.window.appearance import error_colour, error_style, follow_palette, mix, readable
from scrchron.ui.window.session import Session

#: How far the error box's background is tinted towards the error colour (its border further).
ERROR_TINT, ERROR_EDGE = 0.07, 0.45


def error_box_style(palette: QPalette) -> str:
    """The box under a form that says why a change was refused: the error colour on a faint
    tint of it, framed in it, readable on light and dark palettes alike."""
    window, wanted = palette.color(QPalette.ColorRole.Window), error_colour(palette)
    background = mix(window, wanted, ERROR_TINT)
    if readable(wanted, background, window) != wanted:
        background = window  # error_colour reads on the window itself
    return (f"{error_style(palette)} font-weight:bold; padding:4px; border-radius:3px; "
            f"border:1px solid {mix(window, wanted, ERROR_EDGE).name()}; background:{background.name()};")


MAX_COLUMN = 170


def text_box(parent: QWidget, lines: int = 4) -> QPlainTextEdit:
    """A plain multi-line text field about ``lines`` lines high."""
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class CheckList(QListWidget):
    """A list of choices with tick boxes (themes, episodes, findings)."""

    def __init__(self, parent: QWidget | None = None, lines: int = 5) -> None:
        super().__init__(parent)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_choices(self, choices: Sequence[tuple[Any, str]], checked: Sequence[Any] = ()) -> None:
        """Show ``(value, label)`` choices, ticking those whose value is in ``checked``."""
        self.clear()
        for value, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)

    def set_checked(self, values: Sequence[Any]) -> None:
        """Tick exactly the choices whose value is in ``values``."""
        for row in range(self.count()):
            item = self.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in values
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        first = next((self.item(row) for row in range(self.count())
                      if self.item(row).checkState() == Qt.CheckState.Checked), None)
        self.scrollToItem(first) if first is not None else self.scrollToTop()

    def checked(self) -> list[Any]:
        """The values ticked, in list order."""
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())
                if self.item(row).checkState() == Qt.CheckState.Checked]


class RecordEditor(QWidget):
    """The form for one kind of record; subclasses lay out fields and make commands."""

    noun = "record"
    #: The table its records live in (what Delete removes); empty: they cannot be deleted here.
    table = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # fields keep their height; the space goes below them
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.record: Any = None

    def refresh_choices(self, session: Session) -> None:
        """Read the lists the form offers (themes, episodes...) from the case."""

    def load(self, record: Any) -> None:
        """Show a record (None: an empty form for a new one)."""
        raise NotImplementedError

    def command(self, session: Session) -> CaseCommand | None:
        """The command saving the form (None when nothing changed); may raise ScrchronError."""
        raise NotImplementedError

    def move_command(self, session: Session, to: int) -> CaseCommand | None:
        """The command giving the record number ``to`` (None: this kind is not numbered)."""
        return None


def deletion_box(parent: QWidget, preview: DeletionPreview, noun: str) -> tuple[QMessageBox, QAbstractButton]:
    """'Delete Finding 3 and its links to...?' with what stays below; Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, f"Delete {noun}", f"Delete {preview.headline}?",
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText("\n\n".join([*preview.notes, "Edit > Undo (Ctrl+Z) puts it all back."]))
    delete = box.addButton(f"Delete {noun}", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box, delete


class RecordSection(QWidget):
    """A table of records beside the form that edits the chosen one."""

    saved = Signal(int)

    def __init__(self, model: RecordModel[Any], editor: RecordEditor, *, movable: bool = False,
                 stretch_column: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.editor = model, editor
        name_fields(editor.form)
        self.session: Session | None = None
        self.reader: Callable[[Session], Sequence[Any]] = lambda _s: []
        self._build_table(stretch_column)
        self._build_buttons(movable)
        self._lay_out()
        self.new_record()

    def _build_table(self, stretch_column: int) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.stretch_column = stretch_column
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self.model.modelReset.connect(self._size_columns)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_row(cur.row()))
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_chosen)
        save_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)  # Ctrl+S in the form
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)

    def _size_columns(self) -> None:
        """Short columns fit their text; long texts are cut at MAX_COLUMN (tooltips show all)."""
        for column in range(self.model.columnCount()):
            if column != self.stretch_column:
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN))

    def _build_buttons(self, movable: bool) -> None:
        noun = self.editor.noun
        self.new_button = QPushButton(f"&New {noun}", self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move do&wn", self)
        self.save_button = QPushButton(f"Save {noun}", self)
        self.save_button.setDefault(True)
        save_key = QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText)
        self.save_button.setToolTip(f"Save the {noun} ({save_key})")
        self.delete_button = QPushButton(f"Delete {noun}", self)
        self.delete_button.setVisible(bool(self.editor.table))
        self.delete_button.setToolTip(f"Delete the chosen {noun} (Delete key); Edit > Undo puts it back.")
        self.delete_button.clicked.connect(self.delete_chosen)
        #: The open "Delete ...?" question, if any.
        self.confirm_box: QMessageBox | None = None
        for button in (self.up_button, self.down_button):
            button.setVisible(movable)
        self.new_button.clicked.connect(self.new_record)
        self.up_button.clicked.connect(lambda: self.move_by(-1))
        self.down_button.clicked.connect(lambda: self.move_by(1))
        self.save_button.clicked.connect(self.save)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        follow_palette(self.error, error_box_style)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight:bold; font-size:11pt")

    def _lay_out(self) -> None:
        left = QWidget(self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)  # apart from the others: a slip is less likely
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([3000, 2000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    # -- the case ---------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Show this case's records (None: no case open)."""
        self.session = session
        writable = session is not None and not session.read_only
        for button in (self.new_button, self.up_button, self.down_button, self.save_button):
            button.setEnabled(writable)
        self.refresh()

    def refresh(self) -> None:
        """Read the records again, keeping the chosen one chosen."""
        chosen = self.current_id()
        self.model.set_records(self.reader(self.session) if self.session else [])
        if self.session is not None:
            self.editor.refresh_choices(self.session)
        if not self.select_id(chosen):
            self.new_record()

    def current_id(self) -> int:
        """The id of the record in the form (0 for a new one)."""
        record = self.editor.record
        return int(record.id) if record is not None else 0

    def select_id(self, record_id: int) -> bool:
        """Choose the record with this id; False when it is not listed."""
        for row, record in enumerate(self.model.records()):
            if record_id and record.id == record_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self._show_row(row)
                return True
        return False

    def _show_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._load(self.model.record(row))

    def _load(self, record: Any) -> None:
        self.editor.load(record)
        self.editor.record = record
        self.error.hide()
        noun = self.editor.noun
        number = getattr(record, "number", 0) if record is not None else 0
        self.heading.setText(f"New {noun}" if record is None else
                             f"{noun.capitalize()} {number}" if number else f"Edit {noun}")
        self.up_button.setEnabled(self._writable() and number > 1)
        self.down_button.setEnabled(self._writable() and 0 < number < self.model.rowCount())
        self.delete_button.setEnabled(self._writable() and record is not None)

    def _writable(self) -> bool:
        return self.session is not None and not self.session.read_only

    # -- the reviewer's actions ---------------------------------------------------------

    def new_record(self) -> None:
        """Clear the form for a new record."""
        self.table.clearSelection()
        self._load(None)

    def save(self) -> bool:
        """Save the form as one undoable change; explain a refusal under the form."""
        if self.session is None:
            return False
        try:
            command = self.editor.command(self.session)
            if command is not None:
                _place(command, self.editor.table)
                commands.apply(command)
        except ScrchronError as error:
            self.error.setText(str(error))
            self.error.show()
            return False
        record_id = getattr(command, "record_id", 0) or self.current_id()
        self.refresh()
        self.select_id(record_id)
        self.saved.emit(record_id)
        return True

    def move_by(self, step: int) -> None:
        """Move the chosen record up (-1) or down (+1) the numbered list."""
        record = self.editor.record
        if self.session is None or record is None:
            return
        try:
            command = self.editor.move_command(self.session, record.number + step)
            if command is not None:
                _place(command, self.editor.table)
                commands.apply(command)
        except ScrchronError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.refresh()

    def delete_chosen(self) -> None:
        """Ask before deleting the chosen record, saying what goes with it."""
        record = self.editor.record
        if not self._writable() or record is None or not self.editor.table or self.session is None:
            return
        try:
            preview = preview_deletion(self.session.case, self.editor.table, record.id)
        except ScrchronError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        box, delete = deletion_box(self, preview, self.editor.noun)
        delete.clicked.connect(lambda: self.delete(record))
        box.finished.connect(lambda _result: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def delete(self, record: Any) -> bool:
        """Delete a record as one undoable change (no question asked), then choose the next one."""
        if self.session is None:
            return False
        row = next((r for r, shown in enumerate(self.model.records()) if shown.id == record.id), 0)
        number = getattr(record, "number", "")
        text = f"Delete {self.editor.noun} {number}".rstrip()
        try:
            commands.apply(DeleteRecord(self.session, text, self.editor.table, record.id))
        except ScrchronError as error:
            self.error.setText(str(error))
            self.error.show()
            return False
        self.refresh()
        if self.model.rowCount():
            self.select_id(self.model.record(min(row, self.model.rowCount() - 1)).id)
        return True


def _place(command: CaseCommand, table: str) -> None:
    """Tell a command which table its record is in (undo brings the record into view)."""
    if hasattr(command, "table") and not getattr(command, "table", ""):
        command.table = table  # type: ignore[attr-defined]


def name_fields(form: QFormLayout) -> None:
    """Give each field of a form the name its label shows, for screen readers (and tests that
    find a field by what a person reads). A field named already keeps its name."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        shown = label.widget() if label is not None else None
        text = shown.text() if isinstance(shown, QLabel) else ""
        widget = field.widget() if field is not None else None
        if text and widget is not None and not widget.accessibleName():
            name = text.replace("&", "").rstrip(":").strip()
            widget.setAccessibleName(name)
            proxy = widget.focusProxy()
            if proxy is not None and not proxy.accessibleName():
                proxy.setAccessibleName(name)
