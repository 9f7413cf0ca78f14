"""The rules of SPEC §1 that every record must pass — in the editor, Excel and bundle import.

``validate_record`` takes a whole record (typed values, see ``domain.convert``) and returns
every problem at once, so an editor can mark all the fields together. Warnings do not stop a
save; errors do.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from operator import mul
from typing import Any

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.problems import ERROR, WARNING, Problem

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
_CASE_NO = re.compile(r"[（(]\d{4}[）)][\u4e00-\u9fff]{1,2}\d{0,6}[\u4e00-\u9fff]{1,4}\d{1,6}号")


def id_number_problem(value: str) -> Problem | None:
    """None when ``value`` is a valid resident ID number (GB 11643), else what is wrong."""
    text = value.strip().upper()
    if len(text) == 15 and text.isdigit():
        if _birth_date(("19" + text[6:12])) is None:
            return Problem("id_number", "15位身份证号中的出生日期无效")
        return Problem("id_number", "15位旧身份证号，建议更换为18位号码", WARNING)
    if len(text) != 18 or not text[:17].isdigit() or text[17] not in "0123456789X":
        return Problem("id_number", "身份证号应为18位（最后一位可为X）")
    if _birth_date(text[6:14]) is None:
        return Problem("id_number", "身份证号中的出生日期无效")
    if id_check_digit(text[:17]) != text[17]:
        return Problem("id_number", "身份证号校验位不正确，请核对")
    return None


def id_check_digit(first17: str) -> str:
    return _ID_CHECK[sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11]


def _birth_date(yyyymmdd: str) -> dt.date | None:
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    return born if dt.date(1900, 1, 1) <= born else None


def phone_problem(value: str) -> Problem | None:
    text = value.strip().replace(" ", "")
    if text.startswith("+86"):
        text = text[3:]
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return None
    return Problem("phone", "电话号码格式不对：手机为1开头的11位数字，座机需带区号（如0979-8412345）")


def case_no_problem(value: str) -> Problem | None:
    if _CASE_NO.fullmatch(value.strip()):
        return None
    return Problem("case_no", "案号格式不常见（如（2025）青2801行初12号），请核对", WARNING)


def status_move_allowed(register: R.Register, old: str, new: str) -> bool:
    """Forward along the register's transitions, or back to any status it came through."""
    if old == new or new in register.transitions.get(old, frozenset()):
        return True
    return old in _reachable(register, new)


def _reachable(register: R.Register, start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in register.transitions.get(todo.pop(), frozenset()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def validate_record(register: R.Register, record: dict[str, Any], today: dt.date,
                    previous_status: str | None = None) -> list[Problem]:
    """Every problem of ``record``; ``previous_status`` is the stored status on an update."""
    problems: list[Problem] = []
    add = problems.append
    label, dated = _labels_and_dates(register.name)

    for name in ("unit_code", "summary", "received_on", "status"):
        if record.get(name) in (None, ""):
            add(Problem(name, f"{label[name]}不能为空"))

    status = record.get("status")
    if status and previous_status and not status_move_allowed(register, previous_status, status):
        add(Problem("status", f"状态不能从“{_status_label(register, previous_status)}”"
                              f"直接改为“{_status_label(register, status)}”"))

    closed = status in register.closed_statuses
    if closed and record.get("closed_on") is None:
        add(Problem("closed_on", f"状态为“{_status_label(register, status)}”时必须填写办结日期"))
    if not closed and status and record.get("closed_on") is not None:
        add(Problem("closed_on", f"状态为“{_status_label(register, status)}”（未办结）时不能填写办结日期"))

    for spec in dated:
        value = record.get(spec.name)
        if isinstance(value, dt.date) and value > today:
            add(Problem(spec.name, f"{spec.zh}不能晚于今天（{today.isoformat()}）"))

    _date_order(register, record, add, label)

    for index, party in enumerate(record.get("parties") or [], start=1):
        where = f"第{index}位当事人的"
        if not party.get("name"):
            add(Problem("parties", f"{where}姓名不能为空"))
        for key, check in (("id_number", id_number_problem), ("phone", phone_problem)):
            if party.get(key):
                found = check(party[key])
                if found:
                    add(Problem("parties", where + found.message, found.severity))

    for index, hearing in enumerate(record.get("hearings") or [], start=1):
        held = hearing.get("held_on")
        if held is None:
            add(Problem("hearings", f"第{index}次开庭的开庭日期不能为空"))
        elif held > today:
            add(Problem("hearings", f"第{index}次开庭的开庭日期不能晚于今天"))
        if hearing.get("head_attended") and not hearing.get("attendee_name"):
            add(Problem("hearings", f"第{index}次开庭：负责人出庭时请填写出庭负责人姓名", WARNING))
        if hearing.get("head_attended") is False and not hearing.get("absence_reason"):
            add(Problem("hearings", f"第{index}次开庭：负责人未出庭时请填写理由", WARNING))

    _register_rules(register, record, add)
    return problems


@functools.cache
def _labels_and_dates(register: str) -> tuple[dict[str, str], tuple[R.Field, ...]]:
    """Field labels of ``register``, and its date fields that may not lie in the future (a
    deadline may). Worked out once: a bundle import validates thousands of records."""
    fields = R.REGISTERS[register].fields
    return ({f.name: f.zh for f in fields},
            tuple(f for f in fields if f.kind == R.DATE and f.name not in ("due_on", "defence_due")))


def _status_label(register: R.Register, code: str) -> str:
    from fazhi_desktop.domain.codes import label

    return label(register.status_codeset, code)


_DATE_CHAINS = {
    "disputes": ("received_on", "closed_on"),
    "petitions": ("received_on", "decided_on", "replied_on"),
    "lawsuits": ("received_on", "judged_on", "closed_on"),
    "reviews": ("received_on", "closed_on"),
}


def _date_order(register: R.Register, record: dict[str, Any], add: Any,
                label: dict[str, str]) -> None:
    received = record.get("received_on")
    chain = [n for n in _DATE_CHAINS[register.name] if record.get(n) is not None]
    for earlier, later in zip(chain, chain[1:]):
        if record[later] < record[earlier]:
            add(Problem(later, f"{label[later]}不能早于{label[earlier]}"))
    if received is not None:
        for name in ("closed_on", "decided_on", "follow_up_on", "defence_submitted_on"):
            value = record.get(name)
            if register.has_field(name) and value is not None and value < received \
                    and name not in chain:
                add(Problem(name, f"{label[name]}不能早于{label['received_on']}"))
    if register.name == "petitions":
        replied, requested = record.get("replied_on"), record.get("review_requested_on")
        answered = record.get("review_replied_on")
        if replied and record.get("closed_on") and record.get("status") == "replied" \
                and record["closed_on"] != replied:
            add(Problem("closed_on", "状态为“已答复”时，办结日期应为处理意见书日期"))
        if requested and replied and requested < replied:
            add(Problem("review_requested_on", "复查复核申请日期不能早于处理意见书日期"))
        if answered and requested and answered < requested:
            add(Problem("review_replied_on", "复查复核答复日期不能早于申请日期"))
    if register.name == "lawsuits":
        served, submitted = record.get("served_on"), record.get("defence_submitted_on")
        if served and submitted and submitted < served:
            add(Problem("defence_submitted_on", "提交答辩日期不能早于收到起诉状副本日期"))


def _register_rules(register: R.Register, record: dict[str, Any], add: Any) -> None:
    name = register.name
    if name == "petitions":
        days = record.get("extension_days") or 0
        if days > 30:
            add(Problem("extension_days", "延长期限最多30日（信访工作条例）"))
        if days and not record.get("extension_reason"):
            add(Problem("extension_reason", "延长办理期限须写明理由"))
        if record.get("acceptance") and record.get("decided_on") is None:
            add(Problem("decided_on", "已作出受理决定时请填写受理告知日期", WARNING))
        if record.get("collective") and (record.get("people_count") or 0) < 5:
            add(Problem("people_count", "集体访指5人以上，请核对人数", WARNING))
        stage = record.get("review_stage")
        if stage in ("review", "recheck") and record.get("review_requested_on") is None:
            add(Problem("review_requested_on", "进入复查/复核时请填写申请日期"))
    if name == "lawsuits":
        if record.get("case_no"):
            found = case_no_problem(record["case_no"])
            if found:
                add(found)
        if record.get("outcome") and record.get("judged_on") is None:
            add(Problem("judged_on", "填写裁判结果时请填写判决/裁定日期", WARNING))
    if name == "reviews":
        count, adopted = record.get("opinions_count"), record.get("opinions_adopted")
        if count is not None and adopted is not None and adopted > count:
            add(Problem("opinions_adopted", "采纳条数不能多于提出法律意见条数"))
        if record.get("status") == "completed" and not record.get("conclusion"):
            add(Problem("conclusion", "已出具意见时请选择审查结论"))
    if name == "disputes":
        if record.get("status") == "resolved" and record.get("agreement_form") is None:
            add(Problem("agreement_form", "调解成功时请注明协议形式（书面/口头）", WARNING))
    amounts = [f for f in ("people_involved", "people_count") if register.has_field(f)]
    for field in amounts:
        if record.get(field) is not None and record[field] > 100000:
            add(Problem(field, "人数过大，请核对", ERROR))
