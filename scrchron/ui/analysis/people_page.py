"""The People tab: everyone named in the case and the pseudonym that replaces them
in anonymised exports, with their aliases (other spellings and nicknames).

The core refuses people who would defeat anonymisation (an alias shared by two
people, a pseudonym used twice or naming someone); the reason is shown under the
form and nothing is written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from scrchron.analysis import operations
from scrchron.names.anonymise import Anonymiser
from scrchron.records.case_records import Person
from scrchron.ui.analysis.analysis_editors import save_command
from scrchron.ui.analysis.analysis_models import person_model
from scrchron.ui.analysis.analysis_section import RecordEditor, RecordSection
from scrchron.ui.widgets.commands import CaseCommand
from scrchron.ui.widgets.date_field import OptionalDateField, check_dates
from scrchron.ui.window.appearance import follow_palette, note_style
from scrchron.ui.window.session import Session

NOTE = ("Pseudonyms replace these names in anonymised exports. Add every spelling and "
        "nickname an agency uses as an alias (separated by commas), so none is missed.")


TRY_PLACEHOLDER = "e.g. Shaz said Tommy had been at his nan's all weekend."


def split_aliases(text: str) -> list[str]:
    """'Tom, Tommy ,' -> ['Tom', 'Tommy']."""
    return [part.strip() for part in text.split(",") if part.strip()]


class PersonEditor(RecordEditor):
    """A person: name, role, pseudonym, aliases, date of birth, whether they are the subject."""

    noun = "person"
    table = "people"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.role = QLineEdit(self)
        self.role.setPlaceholderText("e.g. mother, partner, sibling")
        self.pseudonym = QLineEdit(self)
        self.pseudonym.setPlaceholderText("e.g. Mother, Child T, Adult A")
        self.aliases = QLineEdit(self)
        self.aliases.setPlaceholderText("other names, separated by commas")
        self.dob = OptionalDateField("date of birth", self)
        self.subject = QCheckBox("The subject of the review", self)
        for label, field in (("Name", self.name), ("Role", self.role), ("Pseudonym", self.pseudonym),
                             ("Aliases", self.aliases), ("Date of birth", self.dob), ("", self.subject)):
            self.form.addRow(label, field)

    def load(self, record: Person | None) -> None:
        """Show a person (None: a new one)."""
        person = record or Person(0, "", "")
        self.name.setText(person.name)
        self.role.setText(person.role)
        self.pseudonym.setText(person.pseudonym)
        self.aliases.setText(", ".join(person.aliases))
        self.dob.set_iso(person.dob)
        self.subject.setChecked(person.is_subject)

    def values(self) -> dict[str, Any]:
        """The form's values as ``update_person`` names them."""
        check_dates(self.dob)
        return {"name": self.name.text(), "pseudonym": self.pseudonym.text(), "role": self.role.text(),
                "aliases": split_aliases(self.aliases.text()), "dob": self.dob.iso(),
                "is_subject": self.subject.isChecked()}

    def command(self, session: Session) -> CaseCommand | None:
        """Add or edit the person."""
        values = self.values()
        if self.record is None:
            values["subject"] = values.pop("is_subject")
        return save_command(session, self.record, "person", values, operations.add_person, operations.remove_person,
                     _get_person, operations.update_person, "name", "pseudonym")


def _get_person(case: Any, person_id: int) -> Person:
    return next(p for p in operations.list_people(case) if p.id == person_id)


class PeoplePage(QWidget):
    """People and pseudonyms, with a form to add or edit one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(NOTE, self)
        self.note.setWordWrap(True)
        follow_palette(self.note, note_style)  # a tint of the palette's highlight, light or dark
        self.editor = PersonEditor()
        self.section = RecordSection(person_model(self), self.editor, stretch_column=0, parent=self)
        self.section.reader = lambda s: operations.list_people(s.case)
        self.model = self.section.model
        self.session: Session | None = None
        self._anonymiser: Anonymiser | None = None
        self.try_text = QLineEdit(self)
        self.try_text.setPlaceholderText(TRY_PLACEHOLDER)
        self.try_text.setAccessibleName("Try a sentence")
        self.try_text.setClearButtonEnabled(True)
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setAccessibleName("As an anonymised export writes it")
        self.try_text.textChanged.connect(lambda _text: self.update_preview())
        trial = QGroupBox("Anonymised preview", self)
        form = QFormLayout(trial)
        form.addRow("Try a sentence:", self.try_text)
        form.addRow("Anonymised:", self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.section, 1)
        layout.addWidget(trial)

    def set_session(self, session: Session | None) -> None:
        """Show this case's people (None: no case open)."""
        if session is not None:
            session.analysis_changed.connect(self.section.refresh)
            session.analysis_changed.connect(self._people_changed)
        self.session = session
        self.section.set_session(session)
        self._people_changed()

    def _people_changed(self) -> None:
        self._anonymiser = None  # made again from the case's people when next needed
        self.update_preview()

    def update_preview(self) -> None:
        """Show the sentence as an anonymised export would write it (the core's anonymiser)."""
        text = self.try_text.text()
        if self.session is None or not text.strip():
            self.preview.setText("")
            return
        if self._anonymiser is None:
            self._anonymiser = Anonymiser.from_case(self.session.case)
        self.preview.setText(self._anonymiser.anonymise(text))
