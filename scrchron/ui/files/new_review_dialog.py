"""The "New review" dialog: the review's details and where to keep its case file.

The dialog checks nothing itself: it builds a ``Review`` and lets the core say
what is wrong (``ValidationError``, ``CaseFileError``), showing that message
inside the dialog and keeping it open so nothing typed is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.errors import ScrchronError, ValidationError
from scrchron.records.case_records import REVIEW_TYPES, Review
from scrchron.store import SUFFIX, Case
from scrchron.store.protection import check_new_passphrase
from scrchron.ui.widgets.date_field import OptionalDateField, check_dates
from scrchron.ui.window.appearance import error_style, follow_palette

FILE_FILTER = f"scrchron case files (*{SUFFIX})"
#: Wide enough for a folder path and a long title, in the reviewer's font.
MIN_WIDTH_CHARS = 92
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def file_name_for(title: str) -> str:
    """A case file name made from a review title ('Child T' -> 'Child T.scrchron')."""
    stem = " ".join(_NOT_IN_FILE_NAMES.sub(" ", title).split()).strip(" .")
    return f"{stem or 'New review'}{SUFFIX}"


class NewReviewDialog(QDialog):
    """Asks for a new review's details and creates its case file on OK."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New review")
        self.created_path: Path | None = None
        #: The passphrase the new review was protected with (the window opens it with it), or None.
        self.created_passphrase: str | None = None
        self._folder = folder
        self._location_chosen = False
        self._build()
        self.title.textChanged.connect(self._suggest_location)
        self._suggest_location()

    # -- building the form ----------------------------------------------------

    def _build(self) -> None:
        self.review_type = QComboBox(self)
        for code, name in REVIEW_TYPES.items():
            self.review_type.addItem(name, code)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("e.g. Child T: Child Safeguarding Practice Review")
        self.subject_name = QLineEdit(self)
        self.subject_name.setToolTip("The real name. scrchron replaces it with the pseudonym in exports.")
        self.pseudonym = QLineEdit(self)
        self.pseudonym.setPlaceholderText("e.g. Child T, Adult A")
        self.dob = OptionalDateField("date of birth", self)
        self.scope_from = OptionalDateField("start of the scope period", self)
        self.scope_to = OptionalDateField("end of the scope period", self)
        self.incident = OptionalDateField("incident date", self)
        self.location_row = self._location_row()  # made here: Tab follows the form down
        self.location_row.setFocusProxy(self.location)  # Alt+S lands in the file name
        self.protect = QCheckBox("Protect this review with a passphrase", self)
        self.protect.setToolTip("The case file and its backups are encrypted; it opens only with the "
                                "passphrase. A forgotten passphrase cannot be recovered.")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase_again = QLineEdit(self)
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setAccessibleName("Passphrase again")
        self.protect_note = QLabel("<b>A forgotten passphrase cannot be recovered</b>: nobody can open "
                                   "the review without it. Write it down somewhere safe, apart from "
                                   "this computer.", self)
        self.protect_note.setWordWrap(True)
        self.protect.toggled.connect(self._show_protection)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        follow_palette(self.problem, error_style)  # dark red, or a soft red on a dark palette
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create review")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Review &type:", self.review_type)
        form.addRow("T&itle:", self.title)
        form.addRow("Subject's &name:", self.subject_name)
        form.addRow("&Pseudonym:", self.pseudonym)
        form.addRow("Date of &birth:", self.dob)
        form.addRow("Scope &from:", self.scope_from)
        form.addRow("Scope t&o:", self.scope_to)
        form.addRow("In&cident date:", self.incident)
        form.addRow("&Save as:", self.location_row)
        form.addRow(self.protect)
        form.addRow("Passphrase:", self.passphrase)
        form.addRow("Passphrase again:", self.passphrase_again)
        form.addRow(self.protect_note)
        self._form = form
        self._show_protection(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS)

    def _location_row(self) -> QWidget:
        row = QWidget(self)
        self.location = QLineEdit(row)
        self.location.textEdited.connect(self._mark_location_chosen)
        self.choose = QPushButton("Choose…", row)
        self.choose.setAutoDefault(False)  # Enter anywhere in the form means Create review
        self.choose.clicked.connect(lambda _checked=False: self._choose_location())
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.location, 1)
        layout.addWidget(self.choose)
        return row

    # -- the file location ----------------------------------------------------

    def _suggest_location(self) -> None:
        if not self._location_chosen:
            self.location.setText(str(self._folder / file_name_for(self.title.text())))

    def _mark_location_chosen(self) -> None:
        self._location_chosen = True

    def _choose_location(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the case file as", self.location.text(),
                                              FILE_FILTER)
        if path:
            self.location.setText(path)
            self._location_chosen = True

    def target_path(self) -> Path:
        """Where the case file will be written ('.scrchron' added when missing)."""
        text = self.location.text().strip()
        if not text:
            raise ValidationError("Choose where to save the case file.")
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)

    # -- creating the case ----------------------------------------------------

    def review(self) -> Review:
        """The review as typed in (not yet checked)."""
        return Review(
            title=self.title.text().strip(), review_type=str(self.review_type.currentData()),
            subject_name=self.subject_name.text().strip(),
            subject_pseudonym=self.pseudonym.text().strip(), subject_dob=self.dob.iso(),
            scope_from=self.scope_from.iso(), scope_to=self.scope_to.iso(),
            incident_date=self.incident.iso(),
        )

    def accept(self) -> None:
        """Create the case file; on a problem, say what it is and stay open."""
        try:
            check_dates(self.dob, self.scope_from, self.scope_to, self.incident)
            review = self.review().validate()
            path = self.target_path()
            passphrase = self.chosen_passphrase()
            Case.create(path, review, passphrase=passphrase).close()
        except ScrchronError as error:
            self.show_problem(str(error))
            return
        self.created_path = path
        self.created_passphrase = passphrase
        super().accept()

    def _show_protection(self, shown: bool) -> None:
        for row in (self.passphrase, self.passphrase_again, self.protect_note):
            self._form.setRowVisible(row, shown)

    def chosen_passphrase(self) -> str | None:
        """The passphrase to protect the review with (None: not protected); refuses a mismatch."""
        if not self.protect.isChecked():
            return None
        chosen = check_new_passphrase(self.passphrase.text())
        if chosen != self.passphrase_again.text():
            raise ValidationError("The two passphrases differ: type the same one twice.")
        return chosen

    def show_problem(self, message: str) -> None:
        """Show what stops the review being created, inside the dialog."""
        self.problem.setText(message)
        self.problem.show()
