"""The entry panel: one entry of the chronology, every field editable, and where it came from.

The date as written is read again as the reviewer types (``entry_edits.interpret``,
no file access) so the interval shows before anything is saved; leaving the field
or pressing Enter saves it through an undoable ``CorrectDate``. Every other field
is saved the same way when the reviewer leaves it: one command per change.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from scrchron.analysis import operations
from scrchron.chronology import entry_edits
from scrchron.dates import reader
from scrchron.errors import ScrchronError
from scrchron.names.anonymise import Anonymiser
from scrchron.records.case_records import SIGNIFICANCE_LEVELS, Entry
from scrchron.store import analysis as analysis_store
from scrchron.store import get_entry
from scrchron.ui.analysis.analysis_undo import EditRecord
from scrchron.ui.widgets import commands, date_display
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.window.session import Session

IdRole = Qt.ItemDataRole.UserRole + 1
NOTHING_CHOSEN = "Choose an entry in the chronology to see and edit it here."
#: Sizes in characters or lines of the reviewer's font, so large fonts still fit.
PANEL_CHARS, FIELD_CHARS, LIST_ROWS = 54, 20, 5
WIDEST_TIME = "00:00 pm"
#: The agency's one-line fields, shown below the reviewer's own.
AGENCY_LINES = {"practitioner_role": "Practitioner role:", "contact_type": "Contact type:",
                "source": "Source / record:"}


def chars(widget: QWidget, count: int) -> int:
    """The width of ``count`` average characters in the widget's font."""
    return widget.fontMetrics().averageCharWidth() * count


class TextBox(QPlainTextEdit):
    """A few lines of text that say when the reviewer has left them."""

    editing_finished = Signal()

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() * lines + 14))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the box saves it."""
        super().focusOutEvent(event)
        self.editing_finished.emit()


def reading_text(entry_like: Any) -> str:
    """'1–31 Mar 2015 · month · uncertain date' for a reading or an entry."""
    parts = [date_display.interval(entry_like.start, entry_like.end)]
    if entry_like.start:
        parts.append(entry_like.precision)
    flags = ", ".join(date_display.flag_label(f) for f in entry_like.flags)
    if getattr(entry_like, "uncertain", False) and "uncertain" not in entry_like.flags:
        flags = ", ".join(filter(None, ["uncertain date", flags]))
    if flags:
        parts.append(flags)
    return "  ·  ".join(parts)


def checkable(list_widget: QListWidget, items: list[tuple[int, str]], checked: set[int]) -> None:
    """Fill a list of tick boxes (ticking in place when the items are the same)."""
    list_widget.blockSignals(True)
    current = [(list_widget.item(n).data(IdRole), list_widget.item(n).text())
               for n in range(list_widget.count())]
    if current == items:  # e.g. after the reviewer ticked one: keep the items alive
        for n, (item_id, _text) in enumerate(items):
            state = Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked
            list_widget.item(n).setCheckState(state)
        list_widget.blockSignals(False)
        return
    list_widget.clear()
    for item_id, text in items:
        item = QListWidgetItem(text)
        item.setToolTip(text)  # long titles are cut short in the narrow list
        item.setData(IdRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)
        list_widget.addItem(item)
    list_widget.blockSignals(False)


class EntryPanel(QScrollArea):
    """Shows and edits the entry chosen in the chronology."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.entry: Entry | None = None
        #: View > Show pseudonyms: the entry is shown as the published report writes it, read-only.
        self.pseudonyms: Anonymiser | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumWidth(chars(self, PANEL_CHARS))
        self._build()
        self._connect()
        self.show_entry(None)

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        self.heading = QLabel(NOTHING_CHOSEN, body)
        self.heading.setWordWrap(True)
        self.date = QLineEdit(body)
        self.date.setAccessibleName("Date as written")
        self.time = QLineEdit(body)
        self.time.setAccessibleName("Time")
        self.time.setMaximumWidth(self.time.fontMetrics().horizontalAdvance(WIDEST_TIME) + 24)
        self.reading = QLabel(body)
        self.reading.setAccessibleName("Interpreted date")
        self.offer = QPushButton(body)  # "Use 1–31 Mar 2016 (from the date of birth)"
        self.offer.setAccessibleName("Use the offered reading")
        self.offer.setAutoDefault(False)
        self.offer.hide()
        self.offered: reader.DateReading | None = None
        self.reading.setWordWrap(True)
        self.reading.setMinimumWidth(chars(self, FIELD_CHARS))
        self.event_box = TextBox(4, body)
        self.action_box = TextBox(2, body)
        self.note = TextBox(3, body)
        self.note.setPlaceholderText("Your own note: analysis, questions to ask…")
        self.significance = QComboBox(body)
        self.significance.addItem("not set", "")
        for level in SIGNIFICANCE_LEVELS:
            self.significance.addItem(level, level)
        self.child_seen = QCheckBox("Child seen", body)
        self.child_views = QCheckBox("Child's views recorded", body)
        self.good_practice = QCheckBox("Good practice", body)
        self.themes = QListWidget(body)
        self.themes.setAccessibleName("Themes")
        self.episodes = QListWidget(body)
        self.episodes.setAccessibleName("Episodes")
        self.findings = QListWidget(body)
        self.findings.setAccessibleName("Findings this entry evidences")
        for box in (self.themes, self.episodes, self.findings):
            box.setMaximumHeight((box.fontMetrics().lineSpacing() + 6) * LIST_ROWS + 2 * box.frameWidth())
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            box.setTextElideMode(Qt.TextElideMode.ElideRight)
            box.setMinimumWidth(chars(self, FIELD_CHARS))
        self.agency_fields = {name: QLineEdit(body) for name in AGENCY_LINES}
        for name, field in self.agency_fields.items():
            field.setAccessibleName(AGENCY_LINES[name].rstrip(":"))
        self.comment_box = TextBox(2, body)
        self.comment_box.setAccessibleName("Agency comment")
        self.origin = QLabel(body)
        self.origin.setWordWrap(True)
        self.origin.setMinimumWidth(chars(self, FIELD_CHARS))
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget, name in ((self.heading, "Chosen entry"), (self.event_box, "Event"),
                             (self.action_box, "Action or outcome"),
                             (self.note, "Reviewer's note"), (self.significance, "Significance"),
                             (self.origin, "Came from")):
            widget.setAccessibleName(name)
        self._lay_out(body)
        self.setWidget(body)

    def _lay_out(self, body: QWidget) -> None:
        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(QLabel("Time:", body))
        date_row.addWidget(self.time)
        ticks = QVBoxLayout()
        ticks.setSpacing(2)
        for box in (self.child_seen, self.child_views, self.good_practice):
            ticks.addWidget(box)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        read_as = QVBoxLayout()
        read_as.setSpacing(2)
        read_as.addWidget(self.reading)
        read_as.addWidget(self.offer, 0, Qt.AlignmentFlag.AlignLeft)
        for label, field in (("Date as written:", date_row), ("Read as:", read_as),
                             ("Event:", self.event_box), ("Action / outcome:", self.action_box),
                             ("Reviewer's note:", self.note), ("Significance:", self.significance),
                             ("", ticks), ("Themes:", self.themes), ("Episodes:", self.episodes),
                             ("Findings:", self.findings)):
            self.form.addRow(label, field)
        more = QLabel("<b>Also recorded by the agency</b>", body)
        self.form.addRow(more)
        for name, line in self.agency_fields.items():
            self.form.addRow(AGENCY_LINES[name], line)
        self.form.addRow("Agency comment:", self.comment_box)
        self.form.addRow("Came from:", self.origin)
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.offer.clicked.connect(lambda _checked=False: self._accept_offer())
        self.date.textEdited.connect(self._show_reading)
        self.time.textEdited.connect(self._show_reading)
        self.date.editingFinished.connect(self._save_date)
        self.time.editingFinished.connect(self._save_date)
        for name, box in self._text_boxes():
            box.editing_finished.connect(lambda n=name, b=box: self._save_text(n, b))
        for name, field in self.agency_fields.items():
            field.editingFinished.connect(lambda n=name, f=field: self._save({n: f.text().strip()}))
        self.significance.activated.connect(
            lambda _i: self._save({"significance": self.significance.currentData()}))
        for name, tick in (("child_seen", self.child_seen), ("child_views", self.child_views),
                           ("good_practice", self.good_practice)):
            tick.clicked.connect(lambda checked, n=name: self._save({n: checked}))
        self.themes.itemChanged.connect(lambda _item: self._save_themes())
        self.episodes.itemChanged.connect(self._save_episode)
        self.findings.itemChanged.connect(self._save_finding)

    def _text_boxes(self) -> tuple[tuple[str, TextBox], ...]:
        return (("event", self.event_box), ("action", self.action_box), ("reviewer_note", self.note),
                ("agency_comment", self.comment_box))

    # -- showing -----------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Edit entries of this case (or none)."""
        self.session = session
        if session is not None:
            session.entries_changed.connect(self._entries_changed)
            session.analysis_changed.connect(self.reload)
        self.show_entry(None)

    def show_entry(self, entry_id: int | None) -> None:
        """Show one entry (None shows the hint)."""
        self.entry = None
        if entry_id is not None and self.session is not None:
            self.entry = get_entry(self.session.case, entry_id)
        editable = self.entry is not None and self.may_write()
        body = self.widget()
        if body is not None:
            body.setEnabled(self.entry is not None)
        for line in (self.date, self.time, *self.agency_fields.values()):
            line.setReadOnly(not editable)
        for _name, box in self._text_boxes():
            box.setReadOnly(not editable)
        for widget in (self.significance, self.child_seen, self.child_views, self.good_practice,
                       self.themes, self.episodes, self.findings):
            widget.setEnabled(editable)
        self._fill()

    def may_write(self) -> bool:
        """True when what the panel shows may be saved: a writable case, real names shown.

        With pseudonyms shown the boxes hold anonymised text; saving it would put the
        pseudonyms into the agency's record, so the panel is read-only until they are off.
        """
        return self.session is not None and not self.session.read_only and self.pseudonyms is None

    def show_pseudonyms(self, anonymiser: Anonymiser | None) -> None:
        """Show the entry through ``anonymiser`` (read-only), or as written again (None)."""
        self.pseudonyms = anonymiser
        self.reload()

    def reload(self) -> None:
        """Read the shown entry again (after an undo, an import...)."""
        self.show_entry(self.entry.id if self.entry else None)

    def _entries_changed(self, ids: list[int]) -> None:
        if self.entry is not None and self.entry.id in ids:
            self.reload()

    def _fill(self) -> None:
        entry = self.entry
        if entry is not None and self.pseudonyms is not None:
            entry = self.pseudonyms.anonymise_entry(entry)
        if entry is None or self.session is None:
            self.heading.setText(NOTHING_CHOSEN)
            for field in (self.date, self.time, *self.agency_fields.values()):
                field.clear()
            for _name, box in self._text_boxes():
                box.clear()
            for widget in (self.reading, self.origin, self.themes, self.episodes, self.findings):
                widget.clear()
            return
        self.heading.setText(f"<b>{html.escape(entry.agency)}</b> · entry {entry.id}"
                             + (" · <i>withdrawn</i>" if entry.withdrawn else "")
                             + (" · <i>pseudonyms shown: read-only (View ▸ Show pseudonyms)</i>"
                                if self.pseudonyms is not None else ""))
        self.date.setText(entry.date_text)
        self.date.setCursorPosition(0)  # a long date shows its beginning, not its last letters
        self.time.setText(entry.time_text)
        self.reading.setText(reading_text(entry) + ("  ·  set by hand" if entry.date_manual else "")
                             + agency_wording(entry))
        self._set_texts(entry)
        self.significance.setCurrentIndex(max(0, self.significance.findData(entry.significance)))
        self.child_seen.setChecked(entry.child_seen)
        self.child_views.setChecked(entry.child_views)
        self.good_practice.setChecked(entry.good_practice)
        self._fill_links(entry)
        self.origin.setText(self._origin_text(entry))
        self._offer_reading()

    def _offer_reading(self) -> None:
        """An age or a relative date with an anchor: offer its reading, one click to accept."""
        entry, session = self.entry, self.session
        self.offered = None
        if entry is not None and session is not None and self.may_write():
            self.offered = entry_edits.offered_reading(session.case, entry)
        if self.offered is not None:
            source = "the date of birth" if "from-age" in self.offered.flags else "the entry before"
            self.offer.setText(f"Use {reading_text(self.offered)} (worked out from {source})")
        self.offer.setVisible(self.offered is not None)

    def _accept_offer(self) -> None:
        entry, session, reading = self.entry, self.session, self.offered
        if entry is not None and session is not None and reading is not None and self.may_write():
            self._run(lambda: commands.EditEntry(session, entry.id, entry_edits.accepted_changes(reading)))

    def _set_texts(self, entry: Entry) -> None:
        for name, box in self._text_boxes():
            text = getattr(entry, name)
            if box.toPlainText() != text:
                box.setPlainText(text)
        for name, field in self.agency_fields.items():
            field.setText(getattr(entry, name))

    def _fill_links(self, entry: Entry) -> None:
        assert self.session is not None
        case = self.session.case
        names = set(analysis_store.entry_theme_names(case, entry.id))
        themes = analysis_store.list_themes(case)
        checkable(self.themes, [(t.id, t.name) for t in themes], {t.id for t in themes if t.name in names})
        episodes = analysis_store.list_episodes(case)
        checkable(self.episodes, [(e.id, f"{e.number}. {e.title}") for e in episodes],
                  {e.id for e in episodes if entry.id in e.entries})
        findings = analysis_store.list_findings(case)
        checkable(self.findings, [(f.id, f"{f.number}. {f.title}") for f in findings],
                  {f.id for f in findings if entry.id in f.entries})

    def _origin_text(self, entry: Entry) -> str:
        assert self.session is not None
        if entry.submission_id is None:
            return "Added by hand."
        files = {s.id: s.file_name for s in self.session.case.submissions(entry.agency_id)}
        place = f"{html.escape(files.get(entry.submission_id, 'an earlier file'))}, "
        place += html.escape(f"{entry.sheet}, row {entry.row}" if entry.sheet else f"row {entry.row}")
        cells = "".join(f"<br><b>{html.escape(header)}:</b> {html.escape(text)}"
                        for header, text in entry.original.items())
        return place + cells

    def _show_reading(self) -> None:
        if self.session is None:
            return
        reading = entry_edits.interpret(self.session.review(), self.date.text(), self.time.text())
        self.reading.setText(reading_text(reading) + (agency_wording(self.entry) if self.entry else ""))

    # -- saving -------------------------------------------------------------------------

    def _run(self, make: Callable[[], commands.CaseCommand]) -> None:
        try:
            commands.apply(make())
        except ScrchronError as error:
            show_error(self, error)
            self.reload()

    def _save(self, changes: dict[str, Any]) -> None:
        entry, session = self.entry, self.session
        if entry is None or session is None or not self.may_write():
            return
        if all(getattr(entry, name) == value for name, value in changes.items()):
            return
        self._run(lambda: commands.EditEntry(session, entry.id, changes))

    def _save_text(self, name: str, box: TextBox) -> None:
        self._save({name: box.toPlainText().strip()})

    def _save_date(self) -> None:
        entry, session = self.entry, self.session
        if entry is None or session is None or not self.may_write():
            return
        date_text, time_text = self.date.text().strip(), self.time.text().strip()
        if (date_text, time_text) == (entry.date_text, entry.time_text):
            return
        self._run(lambda: commands.CorrectDate(session, entry.id, date_text, time_text))

    def _save_themes(self) -> None:
        entry, session = self.entry, self.session
        if entry is None or session is None or not self.may_write():
            return
        chosen = [self.themes.item(n).text() for n in range(self.themes.count())
                  if self.themes.item(n).checkState() == Qt.CheckState.Checked]
        self._run(lambda: commands.SetEntryThemes(session, entry.id, chosen))

    def _save_episode(self, item: QListWidgetItem) -> None:
        entry, session = self.entry, self.session
        if entry is None or session is None or not self.may_write():
            return
        episode = analysis_store.get_episode(session.case, int(item.data(IdRole)))
        members = [i for i in episode.entries if i != entry.id]
        if item.checkState() == Qt.CheckState.Checked:
            members.append(entry.id)
        self._run(lambda: commands.EditEpisode(session, episode.id, {"entries": members}))

    def _save_finding(self, item: QListWidgetItem) -> None:
        entry, session = self.entry, self.session
        if entry is None or session is None or not self.may_write():
            return
        finding = operations.get_finding(session.case, int(item.data(IdRole)))
        evidence = [i for i in finding.entries if i != entry.id]
        ticked = item.checkState() == Qt.CheckState.Checked
        if ticked:
            evidence.append(entry.id)
        text = (f"Cite entry {entry.id} in finding {finding.number}" if ticked
                else f"Stop citing entry {entry.id} in finding {finding.number}")
        self._run(lambda: EditRecord(session, text, operations.get_finding, operations.update_finding,
                                     finding.id, {"entries": evidence}))


def agency_wording(entry: Entry) -> str:
    """"\nThe agency wrote: “late March 2015”" for an entry whose date was corrected ('' otherwise)."""
    wrote = entry.extra.get(entry_edits.AGENCY_DATE)
    return f"\nThe agency wrote: “{wrote}”" if wrote else ""
