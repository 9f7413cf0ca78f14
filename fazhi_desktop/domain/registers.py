"""The four registers (SPEC §2) described as data: fields, kinds, labels, statuses, transitions.

Everything that walks over a record's fields — validation, the JSON of the CLI, the Excel
ledgers, the editors, sync — reads this one description instead of listing fields again.
A record travels between layers as a plain ``dict`` keyed by these field names, with dates
as ``datetime.date``, money as ``Decimal`` and parties/hearings as lists of dicts.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field kinds.
TEXT, DATE, INT, DECIMAL, BOOL, CODE, PARTIES, HEARINGS = (
    "text", "date", "int", "decimal", "bool", "code", "parties", "hearings",
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    zh: str
    en: str
    codeset: str | None = None

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Register:
    name: str
    prefix: str
    zh: str
    en: str
    status_codeset: str
    initial_status: str
    closed_statuses: frozenset[str]
    # status -> statuses it may move to (forward moves; going back is always allowed, see
    # ``domain.validation``) — a status may always stay where it is.
    transitions: dict[str, frozenset[str]]
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return _FIELD_INDEX[self.name][name]

    def has_field(self, name: str) -> bool:
        return name in _FIELD_INDEX[self.name]

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


COMMON_FIELDS: tuple[Field, ...] = (
    Field("serial", TEXT, "编号", "Serial no."),
    Field("unit_code", TEXT, "所属单位", "Unit"),
    Field("summary", TEXT, "简要情况", "Summary"),
    Field("received_on", DATE, "登记日期", "Received on"),
    Field("status", CODE, "状态", "Status"),  # codeset per register
    Field("handler", TEXT, "承办人", "Handler"),
    Field("due_on", DATE, "办理期限", "Due on"),
    Field("due_override_reason", TEXT, "期限调整理由", "Reason for changed deadline"),
    Field("closed_on", DATE, "办结日期", "Closed on"),
    Field("note", TEXT, "备注", "Note"),
    Field("parties", PARTIES, "当事人", "Parties"),
)

PARTY_FIELDS: tuple[Field, ...] = (
    Field("name", TEXT, "姓名", "Name"),
    Field("role", CODE, "身份", "Role", "party_role"),
    Field("id_number", TEXT, "身份证号", "ID number"),
    Field("phone", TEXT, "联系电话", "Phone"),
    Field("address", TEXT, "住址", "Address"),
)

HEARING_FIELDS: tuple[Field, ...] = (
    Field("held_on", DATE, "开庭日期", "Held on"),
    Field("head_attended", BOOL, "负责人出庭", "Head attended"),
    Field("attendee_name", TEXT, "出庭负责人", "Attendee"),
    Field("attendee_title", TEXT, "职务", "Title"),
    Field("attendee_rank", CODE, "正/副职", "Rank", "attendee_rank"),
    Field("absence_reason", TEXT, "未出庭理由", "Reason for absence"),
    Field("delegate_name", TEXT, "委托出庭人员", "Delegate"),
)


def _with_status(codeset: str) -> tuple[Field, ...]:
    return tuple(
        Field(f.name, f.kind, f.zh, f.en, codeset) if f.name == "status" else f
        for f in COMMON_FIELDS
    )


def _fs(*items: frozenset[str] | set[str]) -> frozenset[str]:
    out: set[str] = set()
    for item in items:
        out |= item
    return frozenset(out)


DISPUTES = Register(
    name="disputes", prefix="纠", zh="矛盾纠纷", en="Disputes",
    status_codeset="dispute_status", initial_status="registered",
    closed_statuses=frozenset({"resolved", "failed", "referred", "withdrawn"}),
    transitions={
        "registered": _fs({"mediating", "resolved", "failed", "referred", "withdrawn"}),
        "mediating": _fs({"resolved", "failed", "referred", "withdrawn"}),
        "failed": _fs({"referred"}),
        "resolved": frozenset(),
        "referred": frozenset(),
        "withdrawn": frozenset(),
    },
    fields=_with_status("dispute_status") + (
        Field("source", CODE, "来源", "Source", "dispute_source"),
        Field("category", CODE, "纠纷类型", "Category", "dispute_category"),
        Field("risk_level", CODE, "风险等级", "Risk level", "dispute_risk"),
        Field("people_involved", INT, "涉及人数", "People involved"),
        Field("amount_involved", DECIMAL, "涉及金额(元)", "Amount involved (yuan)"),
        Field("mediation_type", CODE, "调解类型", "Mediation type", "mediation_type"),
        Field("mediator", TEXT, "调解员", "Mediator"),
        Field("agreement_no", TEXT, "调解协议书编号", "Agreement no."),
        Field("agreement_form", CODE, "协议形式", "Agreement form", "agreement_form"),
        Field("performance", CODE, "履行情况", "Performance", "performance"),
        Field("judicial_confirmation", BOOL, "司法确认", "Judicial confirmation"),
        Field("follow_up_on", DATE, "回访日期", "Follow-up on"),
        Field("follow_up_result", TEXT, "回访情况", "Follow-up result"),
    ),
)

PETITIONS = Register(
    name="petitions", prefix="访", zh="信访", en="Petitions",
    status_codeset="petition_status", initial_status="registered",
    closed_statuses=frozenset({"not_accepted", "transferred", "replied", "closed"}),
    transitions={
        "registered": _fs({"handling", "not_accepted", "transferred", "replied", "closed"}),
        "handling": _fs({"replied", "transferred", "closed"}),
        "replied": _fs({"under_review", "closed"}),
        "under_review": _fs({"replied", "closed"}),
        "not_accepted": _fs({"under_review", "closed"}),
        "transferred": _fs({"closed"}),
        "closed": frozenset(),
    },
    fields=_with_status("petition_status") + (
        Field("channel", CODE, "信访渠道", "Channel", "petition_channel"),
        Field("collective", BOOL, "集体访", "Collective"),
        Field("people_count", INT, "人数", "Number of people"),
        Field("topic", CODE, "信访事项类别", "Topic", "petition_topic"),
        Field("acceptance", CODE, "受理情况", "Acceptance", "acceptance"),
        Field("decided_on", DATE, "受理告知日期", "Decided on"),
        Field("extension_days", INT, "延长天数", "Extension (days)"),
        Field("extension_reason", TEXT, "延期理由", "Reason for extension"),
        Field("replied_on", DATE, "处理意见书日期", "Replied on"),
        Field("result", CODE, "处理结果", "Result", "petition_result"),
        Field("review_stage", CODE, "复查复核", "Review stage", "review_stage"),
        Field("review_requested_on", DATE, "复查复核申请日期", "Review requested on"),
        Field("review_replied_on", DATE, "复查复核答复日期", "Review replied on"),
        Field("satisfaction", CODE, "回访满意度", "Satisfaction", "satisfaction"),
    ),
)

LAWSUITS = Register(
    name="lawsuits", prefix="诉", zh="行政应诉", en="Lawsuits",
    status_codeset="lawsuit_status", initial_status="pending",
    closed_statuses=frozenset({"closed"}),
    transitions={
        "pending": _fs({"answered", "heard", "judged", "closed"}),
        "answered": _fs({"heard", "judged", "closed"}),
        "heard": _fs({"judged", "closed"}),
        "judged": _fs({"closed"}),
        "closed": frozenset(),
    },
    fields=_with_status("lawsuit_status") + (
        Field("case_no", TEXT, "案号", "Case no."),
        Field("court", TEXT, "审理法院", "Court"),
        Field("instance", CODE, "审级", "Instance", "instance"),
        Field("cause", CODE, "案由", "Cause", "lawsuit_cause"),
        Field("defendant", TEXT, "被诉机关", "Defendant"),
        Field("served_on", DATE, "收到起诉状副本日期", "Complaint served on"),
        Field("defence_due", DATE, "答辩期限", "Defence due"),
        Field("defence_submitted_on", DATE, "提交答辩日期", "Defence submitted on"),
        Field("hearings", HEARINGS, "开庭及出庭情况", "Hearings"),
        Field("judged_on", DATE, "判决/裁定日期", "Judged on"),
        Field("outcome", CODE, "裁判结果", "Outcome", "lawsuit_outcome"),
        Field("appealed", BOOL, "是否上诉", "Appealed"),
    ),
)

REVIEWS = Register(
    name="reviews", prefix="审", zh="合法性审查", en="Legal reviews",
    status_codeset="review_status", initial_status="submitted",
    closed_statuses=frozenset({"completed", "withdrawn"}),
    transitions={
        "submitted": _fs({"reviewing", "completed", "withdrawn"}),
        "reviewing": _fs({"completed", "withdrawn"}),
        "completed": frozenset(),
        "withdrawn": frozenset(),
    },
    fields=_with_status("review_status") + (
        Field("review_type", CODE, "审查类型", "Review type", "review_type"),
        Field("submitting_dept", TEXT, "送审单位", "Submitting department"),
        Field("reviewer", TEXT, "审查人/法律顾问", "Reviewer"),
        Field("opinions_count", INT, "提出法律意见条数", "Opinions given"),
        Field("opinions_adopted", INT, "采纳条数", "Opinions adopted"),
        Field("conclusion", CODE, "审查结论", "Conclusion", "review_conclusion"),
        Field("risk_assessed", BOOL, "社会稳定风险评估", "Risk assessed"),
        Field("risk_report_no", TEXT, "评估报告编号", "Risk report no."),
        Field("risk_level", CODE, "风险等级", "Risk level", "review_risk"),
        Field("counterparty", TEXT, "合同相对方", "Counterparty"),
        Field("contract_amount", DECIMAL, "合同金额(元)", "Contract amount (yuan)"),
    ),
)

REGISTERS: dict[str, Register] = {r.name: r for r in (DISPUTES, PETITIONS, LAWSUITS, REVIEWS)}
REGISTER_BY_PREFIX: dict[str, Register] = {r.prefix: r for r in REGISTERS.values()}

_FIELD_INDEX: dict[str, dict[str, Field]] = {
    r.name: {f.name: f for f in r.fields} for r in REGISTERS.values()
}

# Every column a record may have across the four registers, in a stable order.
ALL_FIELDS: tuple[Field, ...] = tuple(
    {f.name: f for r in REGISTERS.values() for f in r.fields if f.name != "status"}.values()
)

# Per register, the fields that carry a clock stamp: every field but the serial (assigned
# once, never merged), plus ``deleted`` (deletes and restores sync like edits).
STAMPED_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(f.name for f in reg.fields if f.name != "serial") + ("deleted",)
    for name, reg in REGISTERS.items()
}

# Fields the program computes or assigns; a user may not set them directly.
SYSTEM_FIELDS = frozenset({"serial", "defence_due"})


def register(name: str) -> Register:
    """The register called ``name``; raises ``KeyError`` with a Chinese message otherwise."""
    try:
        return REGISTERS[name]
    except KeyError:
        known = "、".join(REGISTERS)
        raise KeyError(f"未知的台账“{name}”（可用：{known}）") from None
