"""The filter bar over the chronology: search, agency, flags, dates, significance,
episode, theme, and saved views.

The bar only describes a ``ChronologyFilter``; ``scrchron.ui.chronology.filters`` turns it into
the store's query. Typing in the search box waits for a pause; everything else
filters at once.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.records.case_records import SIGNIFICANCE_LEVELS, Agency
from scrchron.store import Case
from scrchron.store import analysis as analysis_store
from scrchron.ui.chronology.chronology_model import colour_chip
from scrchron.ui.chronology.filters import FLAG_FILTERS, ChronologyFilter, save_view, saved_views
from scrchron.ui.widgets.date_field import OptionalDateField

SEARCH_DELAY_MS = 250
ALL_AGENCIES = "All agencies"
ANY = "Any"


#: The narrowest a filter's drop-down list is drawn, in characters.
COMBO_CHARS = 8


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    # Long theme and episode names must not widen the window past 1024 px: the box is at
    # least COMBO_CHARS wide and grows with the space there is; its list shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_CHARS)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo


class FilterBar(QWidget):
    """Describes which entries the chronology shows."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case: Case | None = None
        self._quiet = False
        self._build()
        self._lay_out()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search events, actions, sources and notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search entries")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._quiet or self.timer.start())
        self.search.returnPressed.connect(self._emit)
        self.agency = _combo(self, "Agency")
        self.flags_button = QToolButton(self)
        self.flags_button.setText("Show only")
        self.flags_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.flags_menu = QMenu(self)
        self.flag_actions: dict[str, QAction] = {}
        for key, label in FLAG_FILTERS.items():
            action = self.flags_menu.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(self._flags_toggled)
            self.flag_actions[key] = action
        self.flags_button.setMenu(self.flags_menu)
        self.date_from = OptionalDateField("first date shown", self, compact=True)
        self.date_to = OptionalDateField("last date shown", self, compact=True)
        self.significance = _combo(self, "Significance")
        self.episode = _combo(self, "Episode")
        self.theme = _combo(self, "Theme")
        self.views_button = QToolButton(self)
        self.views_button.setText("Views")
        self.views_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views_menu = QMenu(self)
        self.views_menu.aboutToShow.connect(self._fill_views)
        self.views_button.setMenu(self.views_menu)
        self._name_for_assistive_technology()
        for combo in (self.agency, self.significance, self.episode, self.theme):
            combo.currentIndexChanged.connect(self._emit)
        for field in (self.date_from, self.date_to):
            field.committed.connect(self._emit)  # typing "9 Mar 2015" filters once, when done

    def _name_for_assistive_technology(self) -> None:
        """Names screen readers announce for controls whose visible text does not say it all."""
        self.flags_button.setAccessibleName("Show only entries that are")
        self.views_button.setAccessibleName("Saved views")

    def _lay_out(self) -> None:
        first = QHBoxLayout()
        first.addWidget(self.search, 3)
        first.addWidget(QLabel("Agency:", self))
        first.addWidget(self.agency, 1)
        first.addWidget(self.flags_button)
        first.addWidget(self.views_button)
        second = QHBoxLayout()
        for label, widget, stretch in (("From:", self.date_from, 0), ("To:", self.date_to, 0),
                                       ("Significance:", self.significance, 0),
                                       ("Episode:", self.episode, 1), ("Theme:", self.theme, 1)):
            second.addWidget(QLabel(label, self))
            second.addWidget(widget, stretch)  # episodes and themes take the room there is
            second.addSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes along the first row, then along the second, as the bar reads."""
        chain: list[QWidget] = [self.search, self.agency, self.flags_button, self.views_button,
                                self.date_from.edit, self.date_to.edit, self.significance, self.episode, self.theme]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # -- filling -----------------------------------------------------------------

    def set_case(self, case: Case | None, agencies: list[Agency]) -> None:
        """Offer this case's agencies, episodes and themes; clear the filter."""
        self.case = case
        self._quiet = True
        self.timer.stop()
        self.search.clear()
        self.agency.clear()
        self.agency.addItem(ALL_AGENCIES, "")
        for agency in agencies:
            self.agency.addItem(colour_chip(agency.colour), agency.name, agency.name)
        self.significance.clear()
        self.significance.addItem(ANY, "")
        for level in SIGNIFICANCE_LEVELS:
            self.significance.addItem(level, level)
        for action in self.flag_actions.values():
            action.setChecked(False)
        self.date_from.set_iso(None)
        self.date_to.set_iso(None)
        self._quiet = False
        self.refresh_lists()

    def refresh_lists(self) -> None:
        """Read the episodes and themes again, keeping what is chosen."""
        case = self.case
        episodes = analysis_store.list_episodes(case) if case else []
        themes = analysis_store.list_themes(case) if case else []
        self._refill(self.episode, [(e.id, f"{e.number}. {e.title}") for e in episodes])
        self._refill(self.theme, [(t.id, t.name) for t in themes])

    def _refill(self, combo: QComboBox, items: list[tuple[int, str]]) -> None:
        chosen = combo.currentData()
        self._quiet = True
        combo.clear()
        combo.addItem(ANY, None)
        for item_id, text in items:
            combo.addItem(text, item_id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self._quiet = False

    # -- the filter ------------------------------------------------------------------

    def state(self) -> ChronologyFilter:
        """The filter the bar describes."""
        agency = str(self.agency.currentData() or "")
        return ChronologyFilter(
            search=self.search.text().strip(), agencies=[agency] if agency else [],
            date_from=self.date_from.iso(), date_to=self.date_to.iso(),
            flags=[key for key, action in self.flag_actions.items() if action.isChecked()],
            significance=str(self.significance.currentData() or ""),
            episode=self.episode.currentData(), theme=self.theme.currentData())

    def set_state(self, wanted: ChronologyFilter) -> None:
        """Show a filter (a saved view, "needs attention" after an import) and apply it."""
        self._quiet = True
        self.search.setText(wanted.search)
        name = wanted.agencies[0] if wanted.agencies else ""
        self.agency.setCurrentIndex(max(0, self.agency.findData(name)))
        for key, action in self.flag_actions.items():
            action.setChecked(key in wanted.flags)
        self.date_from.set_iso(wanted.date_from)
        self.date_to.set_iso(wanted.date_to)
        self.significance.setCurrentIndex(max(0, self.significance.findData(wanted.significance)))
        self.episode.setCurrentIndex(max(0, self.episode.findData(wanted.episode)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(wanted.theme)))
        self._quiet = False
        self._emit()

    def _flags_toggled(self) -> None:
        checked = [action.text() for action in self.flag_actions.values() if action.isChecked()]
        self.flags_button.setText("Show only: " + ", ".join(checked) if checked else "Show only")
        self._emit()

    def _emit(self) -> None:
        if self._quiet:
            return
        self.timer.stop()
        self.changed.emit()

    # -- saved views -------------------------------------------------------------------

    def _fill_views(self) -> None:
        self.views_menu.clear()
        views = saved_views(self.case) if self.case else {}
        for name, view in views.items():
            self.views_menu.addAction(name).triggered.connect(
                lambda _checked=False, v=view: self.set_state(v))
        if views:
            self.views_menu.addSeparator()
        save = self.views_menu.addAction("Save this view…")
        save.setEnabled(self.case is not None and not self.case.read_only)
        save.triggered.connect(self._ask_view_name)
        self.views_menu.addAction("Show everything").triggered.connect(
            lambda: self.set_state(ChronologyFilter()))

    def _ask_view_name(self) -> None:
        name, ok = QInputDialog.getText(self, "Save view", "Name for this view:")
        if ok and name.strip():
            self.save_view(name.strip())

    def save_view(self, name: str) -> None:
        """Keep the current filter in the case file under ``name``."""
        if self.case is not None:
            save_view(self.case, name, self.state())

