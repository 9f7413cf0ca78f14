"""Masking of parties' personal data in printed reports and exports (SPEC §4). Stdlib only.

Names keep the first and last character (张小三 → 张*三; two characters: 张三 → 张*),
ID numbers keep the first 6 and last 4 (632801********1234), phone numbers keep the first 3
and last 4 digits (138****5678; separators of landlines are kept). Masking never reveals
more than the original and never changes the length of an ID or phone number, so a printed
table keeps its shape. Empty values stay empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "*"


def mask_name(name: str | None) -> str:
    """张小三 → 张*三, 张三 → 张*, 欧阳娜娜 → 欧**娜, 李 → *."""
    text = (name or "").strip()
    if not text:
        return ""
    if len(text) == 1:
        return MASK
    if len(text) == 2:
        return text[0] + MASK
    return text[0] + MASK * (len(text) - 2) + text[-1]


def mask_id_number(value: str | None) -> str:
    """632801199001011234 → 632801********1234; short values keep only their last 2."""
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) >= 11:
        return text[:6] + MASK * (len(text) - 10) + text[-4:]
    if len(text) <= 2:
        return MASK * len(text)
    return MASK * (len(text) - 2) + text[-2:]


def mask_phone(value: str | None) -> str:
    """13812345678 → 138****5678; 0979-8412345 → 097*-***2345 (digits masked, separators kept)."""
    text = (value or "").strip()
    if not text:
        return ""
    digit_positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    n = len(digit_positions)
    if n >= 8:
        hidden = set(digit_positions[3:n - 4])
    elif n > 2:
        hidden = set(digit_positions[:n - 2])
    else:
        hidden = set(digit_positions)
    return "".join(MASK if i in hidden else ch for i, ch in enumerate(text))


def mask_address(value: str | None) -> str:
    """Keep the first 6 characters (province/county), mask the rest."""
    text = (value or "").strip()
    if len(text) <= 6:
        return text
    return text[:6] + MASK * min(len(text) - 6, 6)


_ID_IN_TEXT = re.compile(r"(?<![0-9])(\d{17}[0-9Xx]|\d{15})(?![0-9Xx])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9]\d{9})(?![0-9])")


def mask_text(text: str | None, names: Iterable[str | None] = ()) -> str:
    """Free text (a summary, a note) with the given names, and any ID or mobile number
    written in it, masked: "张小三与李四因借款…" → "张*三与李*因借款…"."""
    out = text or ""
    for name in sorted({(n or "").strip() for n in names}, key=len, reverse=True):
        if len(name) >= 2:
            out = out.replace(name, mask_name(name))
    out = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(1)), out)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group(1)), out)


def mask_party(party: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a party dict with name, ID number, phone and address masked."""
    out = dict(party)
    out["name"] = mask_name(party.get("name"))
    out["id_number"] = mask_id_number(party.get("id_number"))
    out["phone"] = mask_phone(party.get("phone"))
    out["address"] = mask_address(party.get("address"))
    return out
