"""Reading a report PDF back the way a person would: its text, fonts and figure tables."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

from fazhi_desktop.domain.figures import FIGURES, REGISTER_ORDER, REGISTER_ZH

VALUE = re.compile(r"^(-?\d+(\.\d)?%?|—)$")
SECTION = {f"（{n}）{REGISTER_ZH[r]}": r for n, r in zip("一二三四", REGISTER_ORDER)}


def pages_text(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def fonts(pdf: bytes) -> list[dict[str, Any]]:
    """Every font used on any page: base name, subtype and whether a font file is embedded."""
    found: dict[str, dict[str, Any]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = {"subtype": str(font["/Subtype"]),
                                             "embedded": embedded}
    return [{"name": k, **v} for k, v in found.items()]


def current_figures(pdf: bytes) -> dict[str, dict[str, str]]:
    """The 本期 column of section 一, as printed: {register: {figure key: "97.9%"}}."""
    lines = [ln.strip() for text in pages_text(pdf) for ln in text.splitlines()]
    out: dict[str, dict[str, str]] = {}
    register = None
    labels: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if line in SECTION:
            register = SECTION[line]
            labels = {f.zh: f.key for f in FIGURES[register]}
            out[register] = {}
        elif line.startswith("二、"):
            break
        elif register and line in labels and labels[line] not in out[register]:
            j = i + 1
            while j < len(lines) and not VALUE.match(lines[j]):
                j += 1
            out[register][labels[line]] = lines[j]
            i = j
        i += 1
    return out
