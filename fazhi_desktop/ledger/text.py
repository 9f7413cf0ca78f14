"""Small helpers shared by the ledger modules: the error type, text normalisation, cell names.

Nothing here knows about registers; everything is stdlib only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any


class LedgerError(Exception):
    """A problem with a whole file or sheet, with a Chinese message fit to show a user.

    Row-level problems are not exceptions: they are collected per row (see ``convert``).
    """


_SPACE = re.compile(r"\s+")
# Marks people put on headers: required-field stars, trailing colons, numbering like "1." .
_HEADER_NOISE = re.compile(r"[*＊:：※△▲★☆]")


def nfkc(text: str) -> str:
    """Full-width digits, letters and brackets to half-width; ideographs untouched."""
    return unicodedata.normalize("NFKC", text)


def clean(value: Any) -> str:
    """A cell value as stripped text ('' for empty); floats that are whole lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value).strip()


def squash(text: str) -> str:
    """Text normalised for comparing names: NFKC, no whitespace at all, lower case."""
    return _SPACE.sub("", nfkc(text)).lower()


def header_key(text: str) -> str:
    """A header cell normalised for matching synonyms.

    Drops whitespace (headers are often wrapped onto two lines), stars and colons, and a
    bracketed unit or hint at the end: ``涉及金额（元）`` and ``纠纷类型(婚姻/邻里…)`` become
    ``涉及金额`` and ``纠纷类型``.
    """
    key = _HEADER_NOISE.sub("", squash(text))
    key = re.sub(r"\([^()]*\)$", "", key)
    return key


def column_letter(index: int) -> str:
    """0-based column index to the letters Excel shows (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel column letters to a 0-based index (A → 0); raises ``ValueError`` otherwise."""
    letters = letters.strip().upper()
    if not letters or not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        raise ValueError(letters)
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
