"""Turning what is in a ledger cell into a typed field value.

Every parser returns a ``Parsed``: the value (or ``None``), and at most one Chinese message
saying what is wrong (``error``: the row cannot be imported as is) or worth a look
(``warning``). Messages describe the value only; ``convert`` adds the row and column.

Dates accept what people type: ``2025.3.5``, ``2025-03-05``, ``2025/3/5``, ``2025年3月5日``,
``20250305``, ``二〇二五年三月五日``, ``3月5日`` (year taken from the sheet title or name),
Excel serial numbers, and real date cells.

ID numbers typed into a number-formatted cell are the classic ledger accident: Excel keeps
15 significant digits, so an 18-digit number loses its last three (``6.32801199001011E+17``).
That cannot be repaired; it is flagged so the office re-types the column as text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi_desktop.domain.codes import CODESETS, label
from fazhi_desktop.ledger.synonyms import FALSE_WORDS, GUESSED_VALUES, TRUE_WORDS, VALUE_SYNONYMS
from fazhi_desktop.ledger.text import clean, nfkc, squash


@dataclass(frozen=True)
class Parsed:
    value: Any = None
    error: str | None = None
    warning: str | None = None


EMPTY = Parsed()

# --- dates --------------------------------------------------------------------------------

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MIN_YEAR, _MAX_YEAR = 1950, 2100
_FULL = re.compile(
    r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?"
    r"(?:[\sT]+\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?|\s*(?:上午|下午|晚上))?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?")
_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_in_text(text: str) -> int | None:
    """The year a title or sheet name speaks of (``2025年矛盾纠纷台账`` → 2025)."""
    text = nfkc(text)
    match = _YEAR_IN_TEXT.search(text) or _BARE_YEAR.search(text)
    return int(match.group(1)) if match else None


def _cn_number(text: str) -> str:
    """二〇二五年三月十五日 → 2025年3月15日 (tens written with 十 included)."""
    def tens(m: re.Match[str]) -> str:
        before, after = m.group(1), m.group(2)
        return f"{_CN_DIGITS.get(before, '1') if before else '1'}{_CN_DIGITS[after] if after else '0'}"

    text = re.sub(r"([一二三])?十([一二三四五六七八九])?", tens, text)
    return "".join(_CN_DIGITS.get(ch, ch) for ch in text)


def _make(year: int, month: int, day: int, shown: str) -> Parsed:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return Parsed(error=f"“{shown}”的年份 {year} 不合理")
    try:
        return Parsed(dt.date(year, month, day))
    except ValueError:
        return Parsed(error=f"“{shown}”不是存在的日期（{year}年没有{month}月{day}日）")


def parse_date(value: Any, year_hint: int | None = None) -> Parsed:
    if isinstance(value, dt.datetime):
        return _make(value.year, value.month, value.day, value.strftime("%Y-%m-%d"))
    if isinstance(value, dt.date):
        return _make(value.year, value.month, value.day, value.isoformat())
    if isinstance(value, bool):
        return Parsed(error=f"“{value}”不是日期")
    if isinstance(value, int | float):
        return _date_from_number(value)
    text = clean(value)
    if not text:
        return EMPTY
    shown = text
    text = _cn_number(nfkc(text)).strip()
    if match := _FULL.fullmatch(text):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), shown)
    if match := _COMPACT.fullmatch(text):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), shown)
    if match := _MONTH_DAY.fullmatch(text):
        if year_hint is None:
            return Parsed(error=f"“{shown}”没有写年份，表格标题和工作表名称里也找不到年份")
        return _make(year_hint, int(match.group(1)), int(match.group(2)), shown)
    if _YEAR_MONTH.fullmatch(text):
        return Parsed(error=f"“{shown}”只有年和月，缺少日")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _date_from_number(float(text))
    return Parsed(error=f"“{shown}”不是能识别的日期（可写成 2025-03-05、2025.3.5 或 2025年3月5日）")


def _date_from_number(number: float) -> Parsed:
    if float(number).is_integer() and 19000101 <= number <= 21001231:
        digits = str(int(number))
        return _make(int(digits[:4]), int(digits[4:6]), int(digits[6:]), digits)
    shown = clean(number)
    if not 1 <= number < 2958466:
        return Parsed(error=f"数字“{shown}”不是日期")
    day = _EXCEL_EPOCH + dt.timedelta(days=int(number))
    if not _MIN_YEAR <= day.year <= _MAX_YEAR:
        return Parsed(error=f"数字“{shown}”不像日期（按Excel日期算是{day.year}年）")
    return Parsed(day)


# --- identity numbers, phones, text -------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?e\+?\d+", re.IGNORECASE)
_LOST_DIGITS = (
    "身份证号被Excel当成数字保存，后几位已经丢失（显示为“{shown}”）。"
    "请把这一列设置为“文本”格式，重新填写正确的号码后再导入"
)


def id_check_digit_ok(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def parse_id_number(value: Any) -> Parsed:
    """An ID number as text; numbers that lost precision in Excel are an error."""
    if isinstance(value, bool):
        return Parsed(error=f"“{value}”不是身份证号")
    if isinstance(value, int | float):
        if value >= 1e15:
            # What Excel shows: 15 significant digits, the rest zeros.
            shown = str(int(Decimal(f"{value:.15g}")))
            return Parsed(error=_LOST_DIGITS.format(shown=shown))
        return Parsed(clean(value))
    text = re.sub(r"\s+", "", nfkc(clean(value))).upper()
    if not text:
        return EMPTY
    if _SCIENTIFIC.fullmatch(text):
        return Parsed(error=_LOST_DIGITS.format(shown=text))
    if len(text) == 18 and text.isdigit() and text.endswith("00") and not id_check_digit_ok(text):
        return Parsed(text, warning=(
            f"身份证号“{text}”末尾是0且校验位不对，很可能是从数字格式的单元格复制来的，"
            "后几位已经丢失"))
    return Parsed(text)


def parse_phone(value: Any) -> Parsed:
    """Phone text as written (spaces dropped, ``(0979)8412345`` → ``0979-8412345``)."""
    text = re.sub(r"\s+", "", nfkc(clean(value)))
    text = re.sub(r"^\((0\d{2,3})\)-?", r"\1-", text)
    text = text.removeprefix("+86")
    # A number cell keeps a mobile number intact, but drops a landline's leading 0.
    if value is not None and not isinstance(value, str) and text \
            and len(text) in (9, 10, 11) and not text.startswith(("1", "0")):
        return Parsed(text, warning=f"电话“{text}”存成了数字，区号前面的0可能已经丢失")
    return Parsed(text) if text else EMPTY


def parse_text(value: Any) -> Parsed:
    text = clean(value)
    return Parsed(text) if text else EMPTY


# --- numbers and booleans -----------------------------------------------------------------

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def parse_int(value: Any) -> Parsed:
    if isinstance(value, bool):
        return Parsed(error=f"“{value}”不是整数")
    if isinstance(value, int):
        return Parsed(value)
    if isinstance(value, float):
        if value.is_integer():
            return Parsed(int(value))
        return Parsed(error=f"“{clean(value)}”不是整数")
    text = nfkc(clean(value)).replace(",", "")
    if not text:
        return EMPTY
    text = re.sub(r"(人|名|条|天|日|件|户|次|个)$", "", text).strip()
    if re.fullmatch(r"[-+]?\d+", text):
        return Parsed(int(text))
    if re.fullmatch(r"[-+]?\d+\.0+", text):
        return Parsed(int(float(text)))
    return Parsed(error=f"“{clean(value)}”不是整数")


def parse_decimal(value: Any) -> Parsed:
    if isinstance(value, bool):
        return Parsed(error=f"“{value}”不是金额")
    if isinstance(value, int):
        return Parsed(Decimal(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            return Parsed(error="不是金额")
        return Parsed(_tidy(Decimal(repr(value))))
    text = nfkc(clean(value)).replace(",", "").replace("，", "")
    if not text:
        return EMPTY
    text = re.sub(r"^(约|人民币|rmb|¥|￥)", "", text, flags=re.IGNORECASE).strip()
    factor = Decimal(1)
    text = text.removesuffix("元")
    if text.endswith("万"):
        text, factor = text[:-1], Decimal(10000)
    if _NUMBER.fullmatch(text.strip()):
        try:
            return Parsed(_tidy(Decimal(text.strip()) * factor))
        except InvalidOperation:
            pass
    return Parsed(error=f"“{clean(value)}”不是金额（请只写数字，如 12000 或 1.2万）")


def _tidy(amount: Decimal) -> Decimal:
    """12000.0 → 12000; 12.50 stays 12.50 (cents are kept as written)."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount


def parse_bool(value: Any) -> Parsed:
    if isinstance(value, bool):
        return Parsed(value)
    if isinstance(value, int | float) and value in (0, 1):
        return Parsed(bool(value))
    text = squash(clean(value))
    if not text:
        return EMPTY
    if text in TRUE_WORDS:
        return Parsed(True)
    if text in FALSE_WORDS:
        return Parsed(False)
    return Parsed(error=f"“{clean(value)}”不是“是/否”")


# --- codes --------------------------------------------------------------------------------

_STRIP_SUFFIX = re.compile(r"(纠纷|矛盾|类|问题|方面|案件|事项|等)$")
_NEGATIONS = frozenset("未不没无非")
_LOOKUP_CACHE: dict[str, dict[str, str]] = {}


def code_lookup(codeset: str) -> dict[str, str]:
    """Every accepted spelling (normalised) → code, for one code set."""
    cached = _LOOKUP_CACHE.get(codeset)
    if cached is not None:
        return cached
    table: dict[str, str] = {}
    for text, code in VALUE_SYNONYMS.get(codeset, {}).items():
        table[squash(text)] = code
    for code in CODESETS[codeset]:
        # Labels win over synonyms; "土地/宅基地" also answers to 土地 and 宅基地 (unless taken).
        table[squash(code.zh)] = code.code
        table[squash(code.en)] = code.code
        table[code.code.lower()] = code.code
        for part in re.split(r"[/(（)）]", code.zh):
            if part:
                table.setdefault(squash(part), code.code)
    _LOOKUP_CACHE[codeset] = table
    return table


def parse_code(value: Any, codeset: str, overrides: dict[str, str] | None = None) -> Parsed:
    """Free text → code: user overrides, labels, synonyms, then a careful partial match."""
    raw = clean(value)
    if not raw:
        return EMPTY
    key = squash(raw)
    if overrides:
        for text, code in overrides.items():
            if squash(text) == key:
                return Parsed(code)
    table = code_lookup(codeset)
    code = table.get(key)
    if code is None:
        stripped = _STRIP_SUFFIX.sub("", key)
        code = table.get(stripped) if stripped else None
    if code is None:
        code = _partial(key, table)
    if code is None:
        choices = "、".join(c.zh for c in CODESETS[codeset])
        return Parsed(error=f"无法识别“{raw}”（可选：{choices}）")
    if (codeset, key) in GUESSED_VALUES:
        return Parsed(code, warning=f"“{raw}”按“{label(codeset, code)}”导入，请核对")
    return Parsed(code)


def _partial(key: str, table: dict[str, str]) -> str | None:
    """The code of the longest known spelling found inside ``key`` (or containing it).

    Skipped when the text has a negation that the spelling lacks (``未化解`` must never be
    read as 化解), and when two different codes tie.
    """
    best: list[tuple[int, str]] = []
    for text, code in table.items():
        if len(text) < 2 or text.isascii():
            continue
        if text in key:
            if any(ch in key and ch not in text for ch in _NEGATIONS):
                continue
            best.append((len(text), code))
    if not best:
        return None
    best.sort(reverse=True)
    top_len = best[0][0]
    codes = {code for length, code in best if length == top_len}
    return best[0][1] if len(codes) == 1 else None
