"""The narrative paragraph (SPEC §4): the figures as Chinese sentences in the style of the
district's annual report, ready to paste ("排查矛盾纠纷502起，调处率100%；…").

Built only from a :class:`~fazhi_desktop.reports.model.Figures` structure, so the numbers are
the ones in the tables, the workbook and ``fazhi stats --json``. Rates use the compact
written style ("100%", "97.9%"); a rate with a zero denominator is left out of the sentence
rather than printed as "—". Clauses about registers with nothing in the period are dropped.
"""

from __future__ import annotations

from typing import Any

from fazhi_desktop.domain.figures import format_rate

from .model import Figures, ReportData

_INSPECTION = (("central_inspection", "中央巡视转办件"), ("provincial_inspection", "省委巡视转办件"))


def _pct(value: float | None) -> str:
    return format_rate(value, compact=True)


def _with_rate(text: str, label: str, value: float | None) -> str:
    return f"{text}，{label}{_pct(value)}" if value is not None else text


def _disputes(d: dict[str, Any]) -> str | None:
    if not d["intake"]:
        return None
    s = f"排查矛盾纠纷{d['intake']}起，调处{d['handled']}起"
    s = _with_rate(s, "调处率", d["handled_rate"])
    if d["handled"]:
        s += f"，其中调解成功{d['resolved']}起"
        s = _with_rate(s, "调解成功率", d["success_rate"])
    return s


def _petitions(p: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if p["intake"]:
        s = f"依法处置信访事项{p['intake']}件，受理{p['accepted']}件，办结{p['closed']}件"
        s = _with_rate(s, "办结率", p["closed_rate"])
        s = _with_rate(s, "群众回访满意率", p["satisfaction_rate"])
        out.append(s)
    by_channel = p.get("by_channel", {})
    hotline = by_channel.get("hotline_12345")
    if hotline and hotline["intake"]:
        s = f"其中办理12345政务服务热线转办件{hotline['intake']}件，办结{hotline['closed']}件"
        s = _with_rate(s, "办结率", hotline["closed_rate"])
        s = _with_rate(s, "群众回访满意率", hotline["satisfaction_rate"])
        out.append(s)
    parts = []
    for code, name in _INSPECTION:
        ch = by_channel.get(code)
        if ch and ch["intake"]:
            parts.append(f"{name}{ch['intake']}件（办结{ch['closed']}件）")
    if parts:
        out.append("办理" + "、".join(parts))
    return out


def _reviews(r: dict[str, Any]) -> str | None:
    if not (r["intake"] or r["completed"]):
        return None
    s = f"开展重大行政决策等合法性审查{r['legality']}件、合同审查{r['contract']}份"
    if r["completed"]:
        s += f"，出具审查意见{r['completed']}件，提出法律意见{r['opinions']}条"
        s = _with_rate(s, "采纳率", r["adoption_rate"])
        s = _with_rate(s, "审查通过率", r["approval_rate"])
    return s


def _lawsuits(w: dict[str, Any]) -> str | None:
    if not (w["intake"] or w["heard"] or w["judged"]):
        return None
    parts = []
    if w["intake"]:
        parts.append(f"新收行政应诉案件{w['intake']}件")
    if w["heard"]:
        s = f"行政机关负责人出庭应诉{w['attended']}次"
        parts.append(_with_rate(s, "出庭应诉率", w["attendance_rate"]))
    if w["judged"]:
        s = f"审结{w['judged']}件，败诉{w['lost']}件"
        parts.append(_with_rate(s, "败诉率", w["loss_rate"]))
    return "，".join(parts)


def narrative(figures: Figures, *, lead: str = "") -> str:
    """The paragraph for one set of figures; ``lead`` starts it ("2025年11月，某某街道")."""
    clauses: list[str] = []
    if (d := _disputes(figures["disputes"])) is not None:
        clauses.append(d)
    clauses.extend(_petitions(figures["petitions"]))
    if (r := _reviews(figures["reviews"])) is not None:
        clauses.append(r)
    if (w := _lawsuits(figures["lawsuits"])) is not None:
        clauses.append(w)
    if not clauses:
        body = "未登记矛盾纠纷、信访、行政应诉和合法性审查事项"
    else:
        body = "；".join(clauses)
    return f"{lead}{body}。"


def report_narrative(data: ReportData) -> str:
    """The paragraph of a report, led by its period and unit."""
    lead = f"{data.period.zh}，{data.unit_name}"
    if data.as_of < data.period.end:
        lead = f"{data.period.zh}（截至{data.as_of.month}月{data.as_of.day}日），{data.unit_name}"
    return narrative(data.current, lead=lead)
