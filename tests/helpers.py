"""Builders for valid records, shared by tests of every layer."""

from __future__ import annotations

from typing import Any

from fazhi_desktop.domain.validation import id_check_digit


def id_number(birth: str = "19900101", seq: str = "123", region: str = "632801") -> str:
    first = region + birth + seq
    return first + id_check_digit(first)


def party(name: str = "王小明", role: str = "applicant", **extra: Any) -> dict[str, Any]:
    return {"name": name, "role": role, "id_number": id_number(), "phone": "13800138000", **extra}


def dispute(**fields: Any) -> dict[str, Any]:
    return {"summary": "邻里漏水纠纷", "received_on": "2026-11-01", "category": "neighbor",
            "parties": [party()], **fields}


def petition(**fields: Any) -> dict[str, Any]:
    return {"summary": "反映宅基地审批问题", "received_on": "2026-11-02", "channel": "visit",
            "topic": "homestead", "parties": [party("李秀英", "petitioner")], **fields}


def lawsuit(**fields: Any) -> dict[str, Any]:
    return {"summary": "赵某诉本机关行政处罚一案", "received_on": "2026-11-03",
            "case_no": "（2026）青2801行初12号", "served_on": "2026-11-03", "cause": "penalty",
            "parties": [party("赵强", "plaintiff")], **fields}


def review(**fields: Any) -> dict[str, Any]:
    return {"summary": "物业服务采购合同审查", "received_on": "2026-11-04",
            "review_type": "contract", **fields}


BUILDERS = {"disputes": dispute, "petitions": petition, "lawsuits": lawsuit, "reviews": review}
