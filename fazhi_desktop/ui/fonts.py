"""The shipped CJK font (文泉驿微米黑, ``resources/fonts/``) registered with Qt.

A PC without any Chinese system font (a fresh English Windows, a minimal Linux) would show
boxes; registering the shipped font and putting it after the system's default family in the
application font's family list makes Qt fall back to it for every Chinese character, while
Latin text keeps the system look.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from fazhi_desktop.paths import resource_dir

log = logging.getLogger(__name__)

FONT_FILE = "wqy-microhei.ttc"


def register_cjk_font(app: QApplication) -> str | None:
    """Register the shipped font; returns its family name, or None when it is missing."""
    path = resource_dir() / "fonts" / FONT_FILE
    if not path.is_file():
        log.warning("CJK font %s not found; Chinese may not render without a system font", path)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("Qt could not load the CJK font %s", path)
        return None
    family = families[0]
    font = app.font()
    current = [f for f in font.families() if f != family] or [font.family()]
    font.setFamilies(current + [family])
    app.setFont(font)
    QFont.insertSubstitution(font.family(), family)
    return family
