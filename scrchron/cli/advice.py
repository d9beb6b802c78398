"""The command line's words for an error's next step (``scrchron.errors.Remedy``): the
commands and options that do it. The window words the same remedies with its menus
(``scrchron.ui.widgets.error_dialogs``)."""

from __future__ import annotations

from scrchron.errors import Remedy, ScrchronError

_ADVICE: dict[str, str] = {
    "create_case": "Create one with: scrchron new CASE --title TITLE --type TYPE.",
    "protect_case": 'Protect it with: scrchron encrypt "{case}".',
    "give_passphrase": "The command line asks for it on a terminal, or reads it with --passphrase-file FILE.",
    "list_backups": 'List its backups with: scrchron backups "{case}".',
    "restore_backup": 'Restore it with: scrchron restore "{case}" "{backup}" (the damaged file is kept aside).',
    "choose_sheet": 'Choose it with --sheet "{sheet}".',
    "choose_table": "Choose it with --table {table}.",
    "map_columns": 'Map them with --map start_date="Header" --map event="Header".',
    "name_agency": "Name the agency with --agency NAME.",
    "read_summary_form": "Read it with: scrchron summary read CASE FILE.",
    "replace_answers": "To replace them, read the forms again with --replace.",
    "import_chronologies": "Import them with: scrchron import CASE FILE.",
    "list_agencies": "See them with: scrchron info CASE.",
    "add_aliases": "Add them with: scrchron person add|edit CASE ... (see scrchron person --help).",
    "export_draft": "Export one with: scrchron export CASE DRAFT.docx.",
    "decide_names": "Decide each form with 'scrchron names keep CASE FORM' (not a name there) or "
                    "'scrchron names replace CASE FORM' (replace it as the name).",
}


def advice(remedy: Remedy | None) -> str:
    """The command line's sentence for a remedy ('' for none)."""
    if remedy is None:
        return ""
    return _ADVICE[remedy.kind].format_map(_Values(remedy.values))


def error_text(error: ScrchronError) -> str:
    """An error as the command line prints it: the message, then how to do the next step here."""
    told = advice(error.remedy)
    return f"{error} {told}" if told else str(error)


class _Values(dict[str, str]):
    """Values for a wording; one the error did not give reads as its placeholder (CASE...)."""

    def __missing__(self, key: str) -> str:
        return key.upper()
