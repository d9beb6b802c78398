"""The Report tab: every section of the review's report, written in the window.

On the left the review type's sections in report order (a tick on those the
reviewer has written), filtered by a search of their words; on the right the
chosen section's guidance, what the case fills it with (read-only), and an
editor for the reviewer's words in the report's markdown subset (**bold**,
*italic*, "- " bullets, [E42] references). The words are saved when the
reviewer leaves the editor or presses Save, as one undoable change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.errors import ScrchronError
from scrchron.export.report_preview import section_facts
from scrchron.export.report_prose import (
    ReportSection,
    check_text,
    report_sections,
    search_sections,
    section_text,
    unknown_references,
)
from scrchron.ui.report.report_undo import WriteSection
from scrchron.ui.widgets import commands
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.window import appearance
from scrchron.ui.window.session import Session

KEY_ROLE = Qt.ItemDataRole.UserRole
WRITTEN_MARK = "✓"
#: As wide as the tick, so the numbers line up.
NOT_WRITTEN = "\u2002"
MARKERS = {Qt.Key.Key_B: "**", Qt.Key.Key_I: "*"}
NO_FACTS = "Nothing in this section is filled from the case: it is the reviewer's words alone."


def item_text(section: ReportSection) -> str:
    """A section as the list shows it: a tick when written, its number and heading."""
    return f"{WRITTEN_MARK if section.written else NOT_WRITTEN}  {section.number}  {section.heading}"


class SectionEditor(QPlainTextEdit):
    """The reviewer's words; Ctrl+B and Ctrl+I wrap the selection in ** or *; leaving it saves."""

    left = Signal()

    def event(self, event: QEvent) -> bool:
        """Ctrl+B and Ctrl+I are the editor's while it has the focus (not Import's Ctrl+I)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._marker(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Wrap the selection on Ctrl+B / Ctrl+I; every other key types as usual."""
        marker = self._marker(event)
        if marker:
            self.wrap(marker)
            return
        super().keyPressEvent(event)

    @staticmethod
    def _marker(event: QKeyEvent) -> str:
        if event.modifiers() != Qt.KeyboardModifier.ControlModifier:
            return ""
        return MARKERS.get(Qt.Key(event.key()), "")

    def wrap(self, marker: str) -> None:
        """Put ``marker`` either side of the selection (or two of them around the cursor)."""
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        chosen = cursor.selectedText().replace("\u2029", "\n")
        cursor.insertText(f"{marker}{chosen}{marker}")
        if not chosen:
            cursor.movePosition(cursor.MoveOperation.Left, n=len(marker))
        self.setTextCursor(cursor)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the editor saves the words (a menu opening over it does not)."""
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.left.emit()


class ReportPage(QWidget):
    """The report's sections, each with its guidance, its facts and the reviewer's words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self._facts: dict[str, list[str]] | None = None
        self._key = ""
        self._loaded = ""
        self._build()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(250)
        self._check_timer.timeout.connect(self._check_references)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_section())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _build_list(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(box)
        self.search.setAccessibleName("Search the report's sections")
        self.search.setPlaceholderText("Search the sections' words")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._filter())
        look = QLabel("Loo&k for:", box)
        look.setBuddy(self.search)
        self.sections = QListWidget(box)
        self.sections.setAccessibleName("Report sections")
        self.sections.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        self.settings_button = QPushButton("Report setti&ngs…", box)
        self.settings_button.setAccessibleName("Report settings")
        self.settings_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(look)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.settings_button)
        return box

    def _build_section(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(box)
        self.heading.setAccessibleName("Section heading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.guidance = QLabel(box)
        self.guidance.setAccessibleName("Guidance")
        self.guidance.setWordWrap(True)
        appearance.follow_palette(self.guidance, appearance.note_style)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QPlainTextEdit(box)
        self.facts.setAccessibleName("Filled from the case")
        self.facts.setReadOnly(True)
        self.facts.setMaximumHeight(150)
        self.editor = SectionEditor(box)
        self.editor.setAccessibleName("Reviewer's words")
        self.editor.setPlaceholderText("Write this section here. **bold**, *italic*, a line starting "
                                       "\"- \" is a bullet, [E42] [Ep2] [F1] [R3] refer to the case.")
        self.editor.left.connect(self.save)
        self.editor.textChanged.connect(self._check_timer.start)
        layout.addWidget(self.heading)
        layout.addWidget(self.guidance)
        layout.addWidget(QLabel("Filled from the case (read-only):", box))
        layout.addWidget(self.facts)
        layout.addLayout(self._tool_row(box))
        layout.addWidget(self.editor, 1)
        layout.addLayout(self._save_row(box))
        return box

    def _tool_row(self, box: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("The reviewer's words:", box))
        row.addStretch(1)
        for text, name, tip, marker in (("B", "Bold", "Bold the selection: **words** (Ctrl+B)", "**"),
                                        ("I", "Italic", "Italicise the selection: *words* (Ctrl+I)", "*")):
            button = QToolButton(box)
            button.setText(text)
            button.setAccessibleName(name)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the selection stays in the editor
            button.clicked.connect(lambda _checked=False, m=marker: self.editor.wrap(m))
            row.addWidget(button)
        return row

    def _save_row(self, box: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.notice = QLabel(box)
        self.notice.setAccessibleName("References not in the case")
        self.notice.setWordWrap(True)
        appearance.follow_palette(self.notice, appearance.error_style)
        self.save_button = QPushButton("Save &words", box)
        self.save_button.setAccessibleName("Save words")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        row.addWidget(self.notice, 1)
        row.addWidget(self.save_button)
        return row

    # -- the case ---------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Show another case's report (or none); words typed and not yet saved are saved first."""
        if self.session is not None and self.session is not session:
            self.save()
        self.session = session
        self.settings_button.setEnabled(session is not None and not session.read_only)
        self._facts = None
        self._key = ""
        self._loaded = ""
        self.search.clear()
        if session is not None:
            session.report_changed.connect(self._report_changed)
            for signal in (session.analysis_changed, session.chronology_changed, session.groups_changed):
                signal.connect(self._case_changed)
            session.entries_changed.connect(lambda _ids: self._case_changed())
        self._fill()

    def _case_changed(self) -> None:
        self._facts = None
        if self.isVisible() and self._key:
            self._show_facts(self._key)

    def _report_changed(self, settings: bool) -> None:
        """Words or settings changed (a save, an undo, a read-back): marks and the shown words again."""
        if settings:
            self._facts = None  # the panel and timescales sections are filled from them
        if self.session is None:
            return
        found = {s.key: s for s in report_sections(self.session.case)}
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            section = found.get(str(item.data(KEY_ROLE)))
            if section is not None:
                item.setText(item_text(section))
        self._filter()
        shown = found.get(self._key)
        if shown is not None and shown.text != self._loaded:
            self._show(shown)
        elif shown is not None and settings:
            self._show_facts(shown.key)

    def showEvent(self, event: QShowEvent) -> None:
        """The facts are read when the tab is first looked at, not when the case opens."""
        super().showEvent(event)
        if self._key:
            self._show_facts(self._key)

    def _fill(self) -> None:
        """List the sections again, keeping the chosen one."""
        self.sections.blockSignals(True)
        self.sections.clear()
        found = report_sections(self.session.case) if self.session is not None else []
        for section in found:
            item = QListWidgetItem(item_text(section), self.sections)
            item.setData(KEY_ROLE, section.key)
            item.setToolTip(f"{section.heading}: {section.words} words" if section.written
                            else f"{section.heading}: not written yet")
        self.sections.blockSignals(False)
        self._filter()
        keys = [s.key for s in found]
        chosen = self._key if self._key in keys else (keys[0] if keys else "")
        self._key = ""
        if chosen:
            self.show_section(chosen)
        else:
            self._show(None)

    def _filter(self) -> None:
        words = self.search.text().strip()
        hits = {}
        if words and self.session is not None:
            hits = {hit.key: hit.snippet for hit in search_sections(self.session.case, words)}
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            key = str(item.data(KEY_ROLE))
            shown = not words or key in hits or words.lower() in item.text().lower()
            item.setHidden(not shown)
            if key in hits:
                item.setToolTip(hits[key])

    # -- one section ---------------------------------------------------------------

    def show_section(self, key: str) -> None:
        """Choose section ``key`` in the list and show it (after an undo, too)."""
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            if item.data(KEY_ROLE) == key:
                item.setHidden(False)
                if self.sections.currentItem() is item:
                    self._chosen(item)
                else:
                    self.sections.setCurrentItem(item)
                self.sections.scrollToItem(item)
                return

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None or self.session is None:
            return
        key = str(item.data(KEY_ROLE))
        if key != self._key:
            self.save()
        section = next((s for s in report_sections(self.session.case) if s.key == key), None)
        self._show(section)

    def _show(self, section: ReportSection | None) -> None:
        self._key = section.key if section is not None else ""
        self.heading.setText(f"{section.number}  {section.heading}" if section is not None else "")
        self.guidance.setText(section.guidance if section is not None else "")
        self._loaded = section.text if section is not None else ""
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._loaded)
        self.editor.blockSignals(False)
        writable = section is not None and self.session is not None and not self.session.read_only
        self.editor.setReadOnly(not writable)
        self.save_button.setEnabled(writable)
        self._check_references()
        if section is not None:
            self._show_facts(section.key)
        else:
            self.facts.clear()

    def _show_facts(self, key: str) -> None:
        if not self.isVisible() or self.session is None:
            return
        if self._facts is None:
            try:
                self._facts = section_facts(self.session.case)
            except ScrchronError as error:
                self.facts.setPlainText(str(error))
                return
        lines = self._facts.get(key, [])
        self.facts.setPlainText("\n".join(lines) if lines else NO_FACTS)

    def _check_references(self) -> None:
        if self.session is None:
            self.notice.clear()
            return
        missing = unknown_references(self.session.case, self.editor.toPlainText())
        self.notice.setText(f"Not in the case: {', '.join(f'[{m}]' for m in missing)}" if missing else "")

    # -- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the editor's words for the shown section as one undoable change (if they changed)."""
        if self.session is None or not self._key or self.editor.isReadOnly():
            return False
        key, text = self._key, self.editor.toPlainText()
        if text == self._loaded:  # nothing typed since the words were shown or saved
            return False
        try:
            if check_text(key, text) == section_text(self.session.case, key):
                return False
            command = WriteSection(self.session, key, self.heading.text().split("  ", 1)[-1], text)
            self._loaded = text
            commands.apply(command)
        except ScrchronError as error:
            show_error(self, error)
            return False
        self.editor.document().clearUndoRedoStacks()  # Ctrl+Z now undoes the saved change
        return True
