"""What the reviewer's decisions teach the Same event page's proposals, shown and undoable.

Confirmed and rejected groups teach the case's later proposals (``merge.case_learning``):
a rejected pair of kinds on one day is not proposed again, a confirmed one is proposed
more readily. The box lists each lesson in the words ``scrchron dupes`` prints, and its
check box turns learning off for the next "Look for same events again" (as
``dupes --no-learning`` does); undoing the decision that taught a lesson removes it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from scrchron.chronology.same_event_reasons import Learned

NOTHING_LEARNED = "Nothing learned yet: confirm or reject groups and later proposals follow your decisions."
LEARNED = "Learned from your decisions (the next search uses them):"
NOT_LEARNING = ("Not learning from your decisions: “Look for same events again” proposes "
                "as if none had been made (they are kept).")


class LessonsBox(QWidget):
    """The lessons drawn from the case's decisions, and whether proposals use them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.use = QCheckBox("&Learn from my decisions", self)
        self.use.setChecked(True)
        self.use.setToolTip("Rejected groups stop similar proposals; confirmed ones raise them. "
                            "Untick to look for same events without them.")
        self.lessons = QLabel(NOTHING_LEARNED, self)
        self.lessons.setWordWrap(True)
        self.lessons.setAccessibleName("What your decisions taught")
        self.use.toggled.connect(lambda _on: self._say())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.use)
        layout.addWidget(self.lessons)
        self._lines: list[str] = []

    def learning(self) -> bool:
        """Whether the next search for same events uses the lessons."""
        return self.use.isChecked()

    def show_lessons(self, learned: Learned) -> None:
        """Show these lessons (read afresh from the case after every change)."""
        self._lines = learned.lines()
        self._say()

    def _say(self) -> None:
        if not self.use.isChecked():
            self.lessons.setText(NOT_LEARNING)
        elif self._lines:
            self.lessons.setText(LEARNED + "\n" + "\n".join(f"• {line}" for line in self._lines))
        else:
            self.lessons.setText(NOTHING_LEARNED)
