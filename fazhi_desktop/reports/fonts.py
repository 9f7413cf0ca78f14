"""The CJK font of the PDF reports and reportlab's Chinese line breaking.

The report embeds a subset of 文泉驿微米黑 (WenQuanYi Micro Hei, Apache-2.0, shipped in
``resources/fonts/`` with its licence) as a TrueType font, so a printout looks the same on
any PC. reportlab's built-in CID fonts (``STSong-Light``) are never embedded and must not be
used.

reportlab's CJK wrapping (``wordWrap='CJK'``) consults ``ALL_CANNOT_START`` to keep closing
punctuation off the start of a line; its default list lacks several full-width marks, so
:func:`setup` adds them to both copies of that list (``textsplit`` and ``paragraph`` each
hold one).
"""

from __future__ import annotations

import os
from pathlib import Path

from fazhi_desktop.paths import resource_dir

FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"

# Characters that must never begin a line (closing punctuation, full and half width).
CANNOT_START = "，。、；：？！）》」』】〕〉”’·…—％,.;:?!)]}%"

_SYSTEM_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)

_ready = False


class FontMissingError(RuntimeError):
    """The report font could not be found; the message says where it was looked for."""


def font_path() -> Path:
    """Where the shipped font is: ``$FAZHI_REPORT_FONT``, the app's ``resources/fonts``
    (source tree or a frozen build), then the system copy of fonts-wqy-microhei."""
    candidates: list[Path] = []
    if env := os.environ.get("FAZHI_REPORT_FONT"):
        candidates.append(Path(env))
    candidates.append(resource_dir() / "fonts" / FONT_FILE)
    candidates.extend(Path(p) for p in _SYSTEM_CANDIDATES)
    for path in candidates:
        if path.is_file():
            return path
    looked = "；".join(str(p) for p in candidates)
    raise FontMissingError(f"找不到报表所需的中文字体文件 {FONT_FILE}（已查找：{looked}）。"
                           "请重新安装本程序。")


def setup() -> str:
    """Register the font with reportlab (once) and fix CJK line breaking; return its name."""
    global _ready
    if _ready:
        return FONT_NAME
    from reportlab.lib import textsplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import paragraph

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    # Same face for bold/italic: the shipped font has no bold; headings use size instead.
    from reportlab.lib.fonts import addMapping

    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    # reportlab.graphics starts every drawing in Helvetica, which would put an unembedded
    # font into the file; our font is the only one a report uses.
    from reportlab import rl_config

    rl_config.defaultGraphicsFontName = FONT_NAME
    extra = "".join(ch for ch in CANNOT_START if ch not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START += extra
    extra = "".join(ch for ch in CANNOT_START if ch not in paragraph.ALL_CANNOT_START)
    paragraph.ALL_CANNOT_START += extra
    _ready = True
    return FONT_NAME
