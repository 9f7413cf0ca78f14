"""Render the application icon (``resources/icons/fazhi.svg``) for the installers.

Generated files are build output (never committed). Run with the build environment's Python
(it needs PySide6's SVG renderer; Pillow, which reportlab already brings, writes the .ico):

    python installers/make_icons.py OUT_DIR

writes ``OUT_DIR/hicolor/<N>x<N>/apps/fazhi-desktop.png`` for the freedesktop icon theme (plus
``scalable/apps/fazhi-desktop.svg``), the same images as the MIME-type icon
``application-x-fazhi-bundle`` (``…/mimetypes/``), and ``OUT_DIR/fazhi-desktop.ico``
(16–256 px, for the Windows executables, the installer and the ``.fzb`` file type).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "fazhi.svg"
APP_ICON = "fazhi-desktop"
MIME_ICON = "application-x-fazhi-bundle"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels, antialiased, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"无法读取图标文件 {svg}（不是有效的 SVG）")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(out: Path, svg: Path = SOURCE) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    written: list[Path] = []
    pngs: dict[int, bytes] = {}
    for size in PNG_SIZES:
        pngs[size] = render_png(svg, size)
        for kind, name in (("apps", APP_ICON), ("mimetypes", MIME_ICON)):
            target = out / "hicolor" / f"{size}x{size}" / kind / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pngs[size])
            written.append(target)
    for kind, name in (("apps", APP_ICON), ("mimetypes", MIME_ICON)):
        target = out / "hicolor" / "scalable" / kind / f"{name}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, target)
        written.append(target)
    from PIL import Image

    images = [Image.open(io.BytesIO(pngs[s] if s in pngs else render_png(svg, s)))
              for s in ICO_SIZES]
    ico = out / f"{APP_ICON}.ico"
    images[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    written.append(ico)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--svg", type=Path, default=SOURCE, help="source SVG")
    args = parser.parse_args(argv)
    written = make_icons(args.out, args.svg)
    print(f"{len(written)} icon files in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
