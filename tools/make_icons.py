"""Make the app icon's PNG sizes and Windows .ico from the SVG master, with Qt.

    .venv/bin/python tools/make_icons.py

Reads resources/icons/scrchron.svg; writes resources/icons/scrchron-<size>.png
for every size in SIZES and resources/icons/scrchron.ico (PNG-compressed
entries, which Windows Vista and later read). The output is committed; run this
again after changing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
MASTER = ICONS / "scrchron.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can describe


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs say bytes; PySide6 wants str
        raise RuntimeError(f"Qt could not encode the {size} px icon as PNG")
    return bytes(data.data())


def ico_bytes(pngs: Sequence[tuple[int, bytes]]) -> bytes:
    """An .ico container holding PNG images: ICONDIR, one ICONDIRENTRY each, then the PNGs."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def main() -> int:
    """Write the PNGs and the .ico; list them."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        print(f"Cannot read {MASTER} as SVG.", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in SIZES}
    for size, png in pngs.items():
        path = ICONS / f"scrchron-{size}.png"
        path.write_bytes(png)
        print(f"wrote {path} ({len(png):,} bytes)")
    ico = ICONS / "scrchron.ico"
    ico.write_bytes(ico_bytes([(size, pngs[size]) for size in ICO_SIZES]))
    print(f"wrote {ico} ({ico.stat().st_size:,} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
