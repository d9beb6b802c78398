"""Same-event review: groups of entries that may be one event recorded by several
agencies, each agency's account side by side, to confirm or reject.

Proposals come from ``scrchron.chronology.merge`` (``refresh_proposals`` runs in the
background on its own connection); decisions are undoable commands. By hand, the
reviewer can take one account out of a group ("Not the same event" on its card)
or add another ("Add an entry…"); both are undoable (``group_commands``) and the
line under the heading says what happened, e.g. that a group left with one
agency's account was removed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.chronology import merge
from scrchron.errors import ScrchronError
from scrchron.records.case_records import Entry
from scrchron.store import EntryQuery, groups, list_entries
from scrchron.store.groups import SyncResult
from scrchron.ui.chronology.group_commands import AddGroupEntry, SplitEntry
from scrchron.ui.chronology.group_entry_dialog import AddEntryDialog
from scrchron.ui.chronology.same_event_lessons import LessonsBox
from scrchron.ui.widgets import commands, date_display
from scrchron.ui.widgets.commands import CaseCommand
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.jobs import Job, start_job
from scrchron.ui.widgets.table_model import HeaderedTableModel
from scrchron.ui.widgets.tasks import Task, with_case
from scrchron.ui.window.appearance import READABLE, contrast, follow_palette, is_dark, note_style, readable
from scrchron.ui.window.session import Session

#: The shading of a group whose dates conflict: cream on a light palette, brown on a dark one.
CONFLICT_COLOUR, CONFLICT_ON_DARK = QColor("#FCE8D5"), QColor("#5A3A1E")
#: The text that says the dates conflict: burnt orange on light, a soft orange on dark.
CONFLICT_TEXT, CONFLICT_TEXT_ON_DARK = QColor("#A04000"), QColor("#FFB070")
STATUS_CHOICES: tuple[tuple[str, list[str]], ...] = (("Proposed", ["proposed"]), ("Confirmed", ["confirmed"]),
                  ("Rejected", ["rejected"]), ("All", []))
NO_GROUP = "Choose a group on the left to compare the agencies' accounts."


class GroupModel(HeaderedTableModel[dict[str, Any]]):
    """The stored same-event groups, as ``merge.group_summaries`` gives them."""

    HEADERS = ("Group", "When", "Agencies", "Status")

    def set_groups(self, groups: list[dict[str, Any]]) -> None:
        """Show these groups."""
        self.set_items(groups)

    def group(self, row: int) -> dict[str, Any]:
        """The group on a row."""
        return self.item(row)

    def cell(self, group: dict[str, Any], column: int, role: int) -> object:
        """Cell text; conflicting groups are shaded and say so in their tooltip."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(group, column)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and group["conflict"]:
            text, background = conflict_colours(QGuiApplication.palette())
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.ToolTipRole and group["conflict"]:
            return "The agencies' dates for this event disagree."
        return None

    @staticmethod
    def _text(group: dict[str, Any], column: int) -> str:
        status = str(group["status"]) + (", dates conflict" if group["conflict"] else "")
        values = (str(group["id"]), date_display.interval(group["start"], group["end"]),
                  ", ".join(group["agencies"]), status)
        return values[column]


def conflict_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of a group whose dates conflict, the text readable on the shading."""
    background = CONFLICT_ON_DARK if is_dark(palette) else CONFLICT_COLOUR
    text = palette.color(QPalette.ColorRole.Text)
    return readable(text, background, palette.color(QPalette.ColorRole.WindowText)), background


def conflict_text(palette: QPalette) -> QColor:
    """The colour of words about conflicting dates, readable on the window (the heading)
    and on the base (the account cards) alike; the plain text colour if not."""
    wanted = CONFLICT_TEXT_ON_DARK if is_dark(palette) else CONFLICT_TEXT
    grounds = (QPalette.ColorRole.Window, QPalette.ColorRole.Base)
    if all(contrast(wanted, palette.color(ground)) >= READABLE for ground in grounds):
        return wanted
    return palette.color(QPalette.ColorRole.WindowText)


def account_card(entry: Entry, colour: str, conflict: bool, parent: QWidget,
                 split: Callable[[int], None] | None = None) -> QFrame:
    """One agency's account of the event; with ``split``, a "Not the same event" button."""
    card = QFrame(parent)
    card.setObjectName("account")
    card.setStyleSheet(f"#account {{ border: 1px solid palette(mid); border-top: 4px solid {colour};"
                       " border-radius: 4px; background: palette(base); }")
    warm = conflict_text(QGuiApplication.palette()).name()
    date_style = f"color:{warm};font-weight:bold" if conflict else "font-weight:bold"
    text = (f"<b>{html.escape(entry.agency)}</b><br>"
            f"<span style='{date_style}'>{html.escape(entry.date_text or '—')}</span> "
            f"({date_display.interval(entry.start, entry.end)})"
            f"{' ' + html.escape(entry.time_text) if entry.time_text else ''}"
            f"<p>{html.escape(entry.event)}</p>"
            + (f"<p><i>{html.escape(entry.action)}</i></p>" if entry.action else ""))
    label = QLabel(text, card)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout = QVBoxLayout(card)
    layout.addWidget(label)
    if split is not None:
        button = QPushButton("Not the same event", card)
        button.setObjectName("split")
        button.setAccessibleName(f"Not the same event: take {entry.agency}'s account out of the group")
        button.setToolTip("Take this account out of the group; it will not be proposed with the others again.")
        button.clicked.connect(lambda: split(entry.id))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return card


class SameEventPage(QWidget):
    """Groups on the left; the chosen group's accounts side by side on the right."""

    #: A search for same events started (True) or ended (False).
    looking = Signal(bool)
    #: What a search after an import found, in a sentence for the status bar.
    told = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.model = GroupModel(self)
        #: The "Not the same event" button of each account shown, by entry id.
        self.split_buttons: dict[int, QPushButton] = {}
        #: The open "Add an entry" dialog, if any.
        self.add_dialog: AddEntryDialog | None = None
        #: Set to stop the search for same events under way (None: none is).
        self._search: Task | None = None  # the search running, which Stop cancels
        self._build()

    def _build(self) -> None:
        self.status = QComboBox(self)
        self.status.setAccessibleName("Show groups")
        for text, _statuses in STATUS_CHOICES:
            self.status.addItem(text)
        self.status.currentIndexChanged.connect(self.reload)
        self.propose = QPushButton("Look for same events again", self)
        self.propose.clicked.connect(lambda _checked=False: self.refresh_proposals())
        self.lessons = LessonsBox(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_group())
        self.heading = QLabel(NO_GROUP, self)
        self.heading.setWordWrap(True)
        self.confirm = QPushButton("C&onfirm: one event", self)
        self.reject = QPushButton("&Reject: different events", self)
        self.confirm.clicked.connect(lambda: self.decide(True))
        self.reject.clicked.connect(lambda: self.decide(False))
        self.add_entry = QPushButton("Add an e&ntry…", self)
        self.add_entry.setToolTip("Add another agency's account of this event to the group.")
        self.add_entry.clicked.connect(self.choose_entry)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        follow_palette(self.notice, note_style)
        self.notice.hide()
        self.cards = QWidget(self)
        self.cards_layout = QHBoxLayout(self.cards)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        self._lay_out(scroll)

    def _lay_out(self, scroll: QScrollArea) -> None:
        left = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show:", self))
        top.addWidget(self.status, 1)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.lessons)
        left_layout.addWidget(self.propose)
        right = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.add_entry)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(scroll, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 820])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(splitter)

    def changeEvent(self, event: QEvent) -> None:
        """Light or dark changed: write the heading and cards again in colours that read on it."""
        super().changeEvent(event)
        changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if changed and self.session is not None:
            self._show_group()

    # -- the session -------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Review this case's groups (None: no case)."""
        self.session = session
        if session is not None:
            session.groups_changed.connect(self.reload)
            session.chronology_changed.connect(self.reload)
        writable = session is not None and not session.read_only
        for button in (self.confirm, self.reject, self.propose, self.add_entry):
            button.setEnabled(writable)
        self.reload()

    def reload(self) -> None:
        """Read the groups again, keeping the chosen one when it is still listed."""
        self.notice.hide()  # it told what the last change did; the list may now show another
        chosen = self.current_group()
        statuses = STATUS_CHOICES[self.status.currentIndex()][1]
        groups = merge.group_summaries(self.session.case, statuses=statuses) if self.session else []
        self.model.set_groups(groups)
        self.lessons.show_lessons(merge.case_learning(self.session.case) if self.session else merge.Learned())
        ids = [g["id"] for g in groups]
        if chosen is not None and chosen["id"] in ids:
            self.table.selectRow(ids.index(chosen["id"]))
        elif groups:
            self.table.selectRow(0)
        self._show_group()

    def current_group(self) -> dict[str, Any] | None:
        """The group chosen on the left."""
        index = self.table.currentIndex()
        return self.model.group(index.row()) if index.isValid() else None

    def _show_group(self) -> None:
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            card = item.widget() if item is not None else None
            if card is not None:
                card.hide()
                card.deleteLater()
        self.split_buttons = {}
        group = self.current_group()
        decidable = group is not None and self.session is not None and not self.session.read_only
        self.confirm.setEnabled(decidable and group is not None and group["status"] == "proposed")
        self.reject.setEnabled(decidable and group is not None and group["status"] != "rejected")
        editable = decidable and group is not None and group["status"] != "rejected"
        self.add_entry.setEnabled(editable)
        if group is None or self.session is None:
            self.heading.setText(NO_GROUP)
            return
        self.heading.setText(self._heading(group))
        colours = {a.id: a.colour for a in self.session.case.agencies()}
        query = EntryQuery(ids=list(group["entries"]), include_hidden=True)
        for entry in list_entries(self.session.case, query):
            card = account_card(entry, colours.get(entry.agency_id, "#7F7F7F"),
                                bool(group["conflict"]), self.cards, self.split if editable else None)
            self.cards_layout.addWidget(card, 1, Qt.AlignmentFlag.AlignTop)
            button = card.findChild(QPushButton, "split")
            if button is not None:
                self.split_buttons[entry.id] = button

    @staticmethod
    def _heading(group: dict[str, Any]) -> str:
        text = (f"<b>Group {group['id']}</b> · {group['status']} · "
                f"{html.escape(str(group['recorded_by']))}")
        if group.get("reason"):
            text += (f"<br>Why: {html.escape(str(group['reason']))}"
                     f" · primary record: entry {html.escape(str(group['primary']))}")
        if group["conflict"]:
            warm = conflict_text(QGuiApplication.palette()).name()
            text += (f"<br><span style='color:{warm}'>The dates these agencies give disagree: "
                     "check which is right before confirming.</span>")
        return text

    # -- decisions --------------------------------------------------------------------

    def decide(self, confirm: bool) -> None:
        """Confirm or reject the chosen group (undoable)."""
        group = self.current_group()
        if group is None or self.session is None:
            return
        error = commands.try_apply(commands.DecideGroup, self.session, int(group["id"]), confirm)
        if error is not None:
            show_error(self, error)

    def split(self, entry_id: int) -> None:
        """Take an account out of the chosen group (undoable), and say what became of the group."""
        group = self.current_group()
        if group is not None and self.session is not None:
            self._edit_group(SplitEntry, int(group["id"]), entry_id)

    def choose_entry(self) -> None:
        """Offer the entries near the chosen group's date; the one chosen is added (undoable)."""
        group = self.current_group()
        if group is None or self.session is None or self.session.read_only:
            return
        dialog = AddEntryDialog(self.session.case, group, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_chosen(int(group["id"]), dialog.chosen_id()))
        dialog.finished.connect(lambda _result: setattr(self, "add_dialog", None))
        self.add_dialog = dialog
        dialog.open()

    def _add_chosen(self, group_id: int, entry_id: int | None) -> None:
        if entry_id is not None:
            self._edit_group(AddGroupEntry, group_id, entry_id)

    def _edit_group(self, kind: Callable[[Session, int, int], CaseCommand], group_id: int,
                    entry_id: int) -> None:
        if self.session is None:
            return
        try:
            command = kind(self.session, group_id, entry_id)
            commands.apply(command)
        except ScrchronError as error:
            show_error(self, error)
            return
        self.select_group(group_id)
        self._tell(str(getattr(command, "message", "")))

    def select_group(self, group_id: int) -> None:
        """Show a group; when the list does not show its status, show the list that does."""
        if self.session is None:
            return
        ids = [self.model.group(row)["id"] for row in range(self.model.rowCount())]
        if group_id not in ids:
            status = groups.get_group(self.session.case, group_id).status
            if status == "rejected":
                return  # a removed group: the reviewer stays where they were
            self.status.setCurrentIndex(next(i for i, (_t, s) in enumerate(STATUS_CHOICES) if status in s))
            ids = [self.model.group(row)["id"] for row in range(self.model.rowCount())]
        if group_id in ids:
            self.table.selectRow(ids.index(group_id))

    def refresh_proposals(self) -> None:
        """Propose groups afresh, in the background with progress and Cancel; decisions are kept."""
        self._look(quiet=False)

    def look_after_import(self) -> None:
        """After imports: look for same events in the background, saying so without a dialog.

        ``looking`` tells the window to offer Stop; ``told`` says what was found.
        """
        self._look(quiet=True)

    def stop_looking(self) -> None:
        """Stop a search started after an import (nothing is written)."""
        if self._search is not None:
            self._search.cancel()

    def _look(self, quiet: bool) -> None:
        if self.session is None or self.session.read_only or self._search is not None:
            return
        session = self.session
        self.propose.setEnabled(False)
        learning = self.lessons.learning()
        self.looking.emit(True)

        def ended() -> None:
            self._search = None
            self.propose.setEnabled(True)
            self.looking.emit(False)

        def done(result: SyncResult) -> None:
            session.groups_changed.emit()
            session.chronology_changed.emit()  # the Flags column shows "same event"
            if quiet:
                proposed = len(result.added) + len(result.kept) + len(result.changed)
                self.told.emit(found_text(len(result.added), proposed))

        def cancelled(error: BaseException) -> None:
            self._tell(str(error))
            if quiet:
                self.told.emit("Stopped looking for same events; nothing was changed. "
                               "“Look for same events again” on the Same event tab starts again.")

        def work(case: Any, report: Callable[[int, int], None], stop: Callable[[], bool]) -> object:
            return merge.refresh_proposals(case, report, stop, learning)

        job = Job("Looking for entries that record the same event…", with_case(session.case, work),
                  title="Same event", progress=not quiet)
        task = start_job(self, job, done, on_cancelled=cancelled, on_ended=ended)
        self._search = None if task.done else task  # a synchronous runner has finished already

    def _tell(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))


def found_text(added: int, proposed: int) -> str:
    """What looking for same events after an import found, for the status bar."""
    if not proposed:
        return "Looked for same events after the import: none found."
    new = f"{added:,} new; " if added else ""
    return (f"Looked for same events after the import: {new}{proposed:,} "
            f"{'group' if proposed == 1 else 'groups'} to check on the Same event tab.")
