"""Icons that stay crisp on high-DPI screens and readable on dark palettes.

The style's standard icons come as 16, 32 and 128 pixel pictures; Qt picks the
nearest, so a 24-point tool bar icon at 200% (48 pixels) was the 32-pixel picture
blown up. ``crisp_icon`` always scales the next larger picture down instead, and
with ``tint=True`` paints a one-colour icon (the black arrows) in the palette's
button-text colour, read afresh at every paint, so it follows a change of palette.
scrchron's own icon is drawn at every size from 16 to 512 pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyleOption

from scrchron.runtime.resources import resource_path

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """scrchron's icon, with a drawn picture for every scale."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        path = resource_path("icons", f"scrchron-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def crisp_icon(source: QIcon, tint: bool = False) -> QIcon:
    """``source`` drawn from its next larger picture (tinted to the palette if asked)."""
    return QIcon(_CrispEngine(source, tint))


def tint_colour(mode: QIcon.Mode) -> QColor:
    """The colour a one-colour icon takes: the palette's button text (greyed when disabled)."""
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Normal
    return QGuiApplication.palette().color(group, QPalette.ColorRole.ButtonText)


def _source_size(source: QIcon, pixels: int) -> QSize:
    """The smallest picture of ``source`` at least ``pixels`` wide (else its largest)."""
    sizes = sorted(source.availableSizes(), key=lambda size: size.width())
    if not sizes:
        return QSize(pixels, pixels)
    return next((size for size in sizes if size.width() >= pixels), sizes[-1])


class _CrispEngine(QIconEngine):
    """Scales a standard icon's larger picture down to the exact device size."""

    def __init__(self, source: QIcon, tint: bool) -> None:
        super().__init__()
        self._source = source
        self._tint = tint

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        """The icon ``size`` points big on a screen with ``scale`` pixels per point."""
        pixels = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        picture = self._source.pixmap(_source_size(self._source, max(pixels.width(), pixels.height())),
                                      QIcon.Mode.Normal, state)
        pixmap = picture.scaled(pixels, Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
        pixmap = self._tinted(pixmap, mode) if self._tint else _in_mode(pixmap, mode)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def _tinted(self, pixmap: QPixmap, mode: QIcon.Mode) -> QPixmap:
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), tint_colour(mode))
        painter.end()
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The icon at one pixel per point."""
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the icon into ``rect`` at the painter's device pixel ratio."""
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        """The source's sizes (any size can be drawn)."""
        return list(self._source.availableSizes(mode, state))

    def clone(self) -> QIconEngine:
        """A copy (QIcon detaches its engine this way)."""
        return _CrispEngine(self._source, self._tint)


def _in_mode(pixmap: QPixmap, mode: QIcon.Mode) -> QPixmap:
    """The picture as the style shows it in ``mode`` (greyed when disabled)."""
    if mode == QIcon.Mode.Normal:
        return pixmap
    return QApplication.style().generatedIconPixmap(mode, pixmap, QStyleOption())
