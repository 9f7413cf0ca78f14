"""Turning outside values (JSON, spreadsheet cells, bundle payloads) into typed record values.

``coerce`` is strict: it never guesses. A value of the wrong shape becomes a ``Problem`` that
names the field, so every importer refuses exactly what the editor would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.codes import is_code
from fazhi_desktop.domain.problems import Problem

READ_ONLY = frozenset({"id", "register", "deleted", "created_at", "created_by", "updated_at",
                       "updated_by", "origin_node", "serial", "defence_due"})


def coerce(register: R.Register, data: dict[str, Any], *,
           allow_read_only: bool = False) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, raw in data.items():
        if key in READ_ONLY:
            if not allow_read_only and key not in ("id", "register"):
                problems.append(Problem(key, f"“{key}”由系统生成，不能直接填写"))
            continue
        if not register.has_field(key):
            problems.append(Problem(key, f"{register.zh}台账没有字段“{key}”"))
            continue
        spec = register.field(key)
        try:
            values[key] = coerce_value(spec, raw)
        except ValueError as exc:
            problems.append(Problem(key, f"{spec.zh}：{exc}"))
    return values, problems


_ITEMS = {kind: (fields, frozenset(f.name for f in fields))
          for kind, fields in ((R.PARTIES, R.PARTY_FIELDS), (R.HEARINGS, R.HEARING_FIELDS))}


def coerce_value(spec: R.Field, raw: Any) -> Any:
    kind = spec.kind
    if kind == R.TEXT and type(raw) is str:  # the common case, as the TEXT branch below
        return raw.strip() or None
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and kind != R.TEXT):
        return [] if kind in (R.PARTIES, R.HEARINGS) else None
    if kind == R.TEXT:
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            raise ValueError("应为文字")
        text = str(raw).strip()
        return text or None
    if kind == R.DATE:
        return parse_date(raw)
    if kind == R.INT:
        if isinstance(raw, bool):
            raise ValueError("应为整数")
        try:
            number = int(str(raw).strip()) if not isinstance(raw, int) else raw
        except ValueError:
            raise ValueError(f"“{raw}”不是整数") from None
        if number < 0:
            raise ValueError("不能为负数")
        return number
    if kind == R.DECIMAL:
        if isinstance(raw, bool):
            raise ValueError("应为金额")
        try:
            amount = Decimal(str(raw).strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"“{raw}”不是金额") from None
        if not amount.is_finite() or amount < 0:
            raise ValueError("金额应为不小于0的数")
        return amount.quantize(Decimal("0.01"))
    if kind == R.BOOL:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "是", "y"):
            return True
        if text in ("0", "false", "no", "否", "n"):
            return False
        raise ValueError(f"“{raw}”应为 是/否")
    if kind == R.CODE:
        code = str(raw).strip()
        assert spec.codeset is not None
        if not is_code(spec.codeset, code):
            raise ValueError(f"代码“{code}”不在可选范围内")
        return code
    if kind in (R.PARTIES, R.HEARINGS):
        items, names = _ITEMS[kind]
        if not isinstance(raw, list):
            raise ValueError("应为列表")
        out = []
        for index, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                raise ValueError(f"第{index}项应为对象")
            if not names.issuperset(item):
                unknown = set(item) - names
                raise ValueError(f"第{index}项有未知字段“{sorted(unknown)[0]}”")
            row = {}
            for sub in items:
                try:
                    row[sub.name] = coerce_value(sub, item.get(sub.name))
                except ValueError as exc:
                    raise ValueError(f"第{index}项的{sub.zh}：{exc}") from None
            out.append(row)
        return out
    raise AssertionError(kind)


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError(f"“{raw}”不是有效日期（应为 YYYY-MM-DD）") from None


def jsonable(value: Any) -> Any:
    """A record value as JSON: dates ISO, money as a string with two decimals."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


_INTERNAL = ("num", "clocks")


def record_to_json(record: dict[str, Any]) -> dict[str, Any]:
    """A record as the CLI prints it: SPEC field names, ISO dates, no internal columns."""
    return {k: jsonable(v) for k, v in record.items() if k not in _INTERNAL}
