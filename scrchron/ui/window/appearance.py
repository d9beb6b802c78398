"""Light or dark: the palette the app draws with, and colours chosen to read on it.

Qt follows the system's light or dark scheme by itself on Windows, macOS and most
Linux desktops ("Follow the system", the default). A reviewer can also choose
View ▸ Appearance ▸ Light or Dark (kept in QSettings); ``SCRCHRON_PALETTE=light``,
``dark`` or ``system`` overrides the choice for one run (screenshots, a quick check).
Light and Dark use the Fusion style with a palette of their own, the same everywhere.

Widgets do not hard-code text or background colours: they use palette roles, or a
colour chosen by the palette's lightness (``is_dark``) and chosen again whenever the
palette changes (``follow_palette``). Agency colour chips are the agencies' own.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget
from shiboken6 import isValid

SYSTEM, LIGHT, DARK = "system", "light", "dark"
#: The choices in View ▸ Appearance, in menu order, with their menu text.
CHOICES: dict[str, str] = {SYSTEM: "Follow the &system", LIGHT: "&Light", DARK: "&Dark"}
ENVIRONMENT = "SCRCHRON_PALETTE"
#: WCAG 2 AA: the least contrast for body text.
READABLE = 4.5
_SYSTEM_STYLE = "scrchron_system_style"  # the style Qt chose, kept on the QApplication

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

#: Dark palette: (role, normal colour, disabled colour or None for the same).
_DARK: tuple[tuple[QPalette.ColorRole, str, str | None], ...] = (
    (Role.Window, "#2B2D30", None), (Role.WindowText, "#E4E6EA", "#9499A0"),
    (Role.Base, "#1F2023", "#26282B"), (Role.AlternateBase, "#27292C", None),
    (Role.Text, "#E4E6EA", "#9499A0"), (Role.PlaceholderText, "#9A9EA5", "#7A7E85"),
    (Role.Button, "#36383C", "#2F3134"), (Role.ButtonText, "#E4E6EA", "#9499A0"),
    (Role.BrightText, "#FF8A80", None), (Role.ToolTipBase, "#3A3D41", None),
    (Role.ToolTipText, "#E4E6EA", None), (Role.Highlight, "#3874D8", "#45484D"),
    (Role.HighlightedText, "#FFFFFF", "#B0B3B8"), (Role.Link, "#7AB8FF", None),
    (Role.LinkVisited, "#C6A4FF", None), (Role.Light, "#4B4E53", None),
    (Role.Midlight, "#3E4145", None), (Role.Mid, "#74787F", None),
    (Role.Dark, "#1A1B1D", None), (Role.Shadow, "#0C0C0D", None),
)

#: Text that reports a problem: a dark red on light palettes, a soft red on dark ones.
ERROR_ON_LIGHT, ERROR_ON_DARK = QColor("#A4262C"), QColor("#FF9C94")


# -- reading a palette -----------------------------------------------------------------


def is_dark(palette: QPalette | None = None) -> bool:
    """True when windows are darker than their text (a dark palette)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(Role.Window).lightnessF() < palette.color(Role.WindowText).lightnessF()


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2): 0 for black, 1 for white."""
    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``first`` moved ``amount`` (0 to 1) of the way towards ``second``."""
    def between(a: float, b: float) -> float:
        return a + (b - a) * amount

    return QColor.fromRgbF(between(first.redF(), second.redF()), between(first.greenF(), second.greenF()),
                           between(first.blueF(), second.blueF()))


def readable(wanted: QColor, background: QColor, fallback: QColor) -> QColor:
    """``wanted`` when it reads on ``background``, otherwise ``fallback``."""
    return wanted if contrast(wanted, background) >= READABLE else fallback


# -- colours the app's widgets use ----------------------------------------------------------


def error_colour(palette: QPalette) -> QColor:
    """Text saying what is wrong, readable on the palette's window colour."""
    wanted = ERROR_ON_DARK if is_dark(palette) else ERROR_ON_LIGHT
    return readable(wanted, palette.color(Role.Window), palette.color(Role.WindowText))


def hint_colour(palette: QPalette) -> QColor:
    """Quieter text for a hint ("Reviews you open will be listed here."), still readable.

    Qt's disabled text is too faint to read on some palettes (Fusion's light one gives
    1.6:1), so hints are written in the text colour moved a little towards the window.
    """
    window, text = palette.color(Role.Window), palette.color(Role.WindowText)
    return readable(mix(text, window, 0.3), window, text)


def hint_style(palette: QPalette) -> str:
    """A style sheet for a hint label."""
    return f"color: {hint_colour(palette).name()};"


def note_colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(text, background, border) of a note box: a tint of the highlight over the base."""
    base, highlight = palette.color(Role.Base), palette.color(Role.Highlight)
    background = mix(base, highlight, 0.10)
    text = readable(palette.color(Role.Text), background, palette.color(Role.WindowText))
    return text, background, mix(base, highlight, 0.45)


def error_style(palette: QPalette) -> str:
    """A style sheet for a label that reports a problem."""
    return f"color: {error_colour(palette).name()};"


def note_style(palette: QPalette) -> str:
    """A style sheet for a note box (a hint above a list)."""
    text, background, border = note_colours(palette)
    return (f"padding: 6px; color: {text.name()}; background: {background.name()}; "
            f"border: 1px solid {border.name()}; border-radius: 3px;")


class _Restyler(QObject):
    """Sets a widget's style sheet from the app's palette, now and whenever it changes.

    A widget with a style sheet hears nothing when the app's palette changes; its
    window does. So the restyler watches the widget and, once it is shown, its window.
    """

    def __init__(self, widget: QWidget, make: Callable[[QPalette], str]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._make = make
        self._window: QWidget | None = None
        widget.installEventFilter(self)
        self.restyle()

    def restyle(self) -> None:
        """Set the style sheet for the palette in use (only when it differs)."""
        sheet = self._make(QGuiApplication.palette())
        if self._widget.styleSheet() != sheet:
            self._widget.setStyleSheet(sheet)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow palette changes; let every event through."""
        kind = event.type()
        if kind == QEvent.Type.Show and watched is self._widget:
            self._watch_window()
        if kind in _RESTYLE_ON:
            self.restyle()
        return False

    def _watch_window(self) -> None:
        window = self._widget.window()
        if window is not self._widget and window is not self._window:
            if self._window is not None and isValid(self._window):
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window


_RESTYLE_ON = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange, QEvent.Type.Show)


def follow_palette(widget: QWidget, make: Callable[[QPalette], str]) -> None:
    """Style ``widget`` with ``make(palette)``, again each time the palette changes."""
    _Restyler(widget, make)


# -- choosing the appearance ------------------------------------------------------------------


class DarkFusion(QProxyStyle):
    """Fusion, with tick boxes outlined so that they show on a dark palette.

    Fusion outlines a tick box in the window colour made darker, which vanishes on
    a dark base: an empty box in the entry panel's Themes list could not be seen.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        """Fusion's drawing, then a visible outline round every tick box not keyboard-focused."""
        super().drawPrimitive(element, option, painter, widget)
        focused = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if element != QStyle.PrimitiveElement.PE_IndicatorCheckBox or (option.state & focused) == focused:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(option.palette.color(Role.Mid))
        painter.drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5))
        painter.restore()


def dark_palette() -> QPalette:
    """The palette View ▸ Appearance ▸ Dark uses (with the Fusion style)."""
    palette = QPalette()
    for role, colour, disabled in _DARK:
        palette.setColor(Group.All, role, QColor(colour))
        if disabled is not None:
            palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def chosen(saved: str) -> str:
    """The appearance to use: ``SCRCHRON_PALETTE`` when set, else ``saved``, else the system's."""
    wanted = os.environ.get(ENVIRONMENT, "").strip().lower() or saved
    return wanted if wanted in CHOICES else SYSTEM


def apply_appearance(app: QApplication, choice: str) -> None:
    """Draw the whole app light, dark, or as the system does (``SYSTEM``)."""
    system_style = app.property(_SYSTEM_STYLE)
    if not isinstance(system_style, str):
        system_style = app.style().name()
        app.setProperty(_SYSTEM_STYLE, system_style)
    hints = app.styleHints()
    if choice not in (LIGHT, DARK):
        hints.unsetColorScheme()
        app.setStyle(system_style)
        app.setPalette(QPalette())  # an empty palette: the platform's own again
        return
    hints.setColorScheme(Qt.ColorScheme.Dark if choice == DARK else Qt.ColorScheme.Light)
    if choice == DARK:
        app.setStyle(DarkFusion())
        app.setPalette(dark_palette())
    else:
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
