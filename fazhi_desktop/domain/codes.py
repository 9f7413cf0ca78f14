"""Every enumeration of SPEC §1–§2: stable ASCII codes with Chinese and English labels.

Codes are the contract between versions and PCs: add codes, never rename or reuse one.
Labels are what people see. ``CODESETS`` maps a code-set name to its ordered codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    zh: str
    en: str


def _codes(*rows: tuple[str, str, str]) -> tuple[Code, ...]:
    return tuple(Code(*row) for row in rows)


CODESETS: dict[str, tuple[Code, ...]] = {
    "party_role": _codes(
        ("applicant", "申请人", "Applicant"),
        ("respondent", "被申请人", "Respondent"),
        ("petitioner", "信访人", "Petitioner"),
        ("plaintiff", "原告", "Plaintiff"),
        ("third_party", "第三人", "Third party"),
        ("other", "其他", "Other"),
    ),
    # --- disputes ---
    "dispute_source": _codes(
        ("screening", "排查发现", "Found in screening"),
        ("walk_in", "群众来访", "Walk-in"),
        ("grid", "网格员上报", "Grid worker report"),
        ("hotline_12345", "12345转办", "12345 hotline referral"),
        ("assigned", "上级交办", "Assigned by superior"),
        ("referral", "部门移交", "Referred by department"),
        ("other", "其他", "Other"),
    ),
    "dispute_category": _codes(
        ("marriage_family", "婚姻家庭", "Marriage and family"),
        ("neighbor", "邻里", "Neighbours"),
        ("land_homestead", "土地/宅基地", "Land / homestead"),
        ("grassland_forest", "草场/山林", "Grassland / forest"),
        ("labor_wages", "劳动/欠薪", "Labour / unpaid wages"),
        ("property_mgmt", "物业", "Property management"),
        ("contract_debt", "合同/债务", "Contract / debt"),
        ("damages", "损害赔偿", "Damages"),
        ("expropriation", "征地拆迁", "Expropriation / demolition"),
        ("environment", "环境污染", "Environmental pollution"),
        ("medical", "医疗", "Medical"),
        ("other", "其他", "Other"),
    ),
    "dispute_risk": _codes(
        ("general", "一般", "General"),
        ("serious", "较大", "Serious"),
        ("major", "重大", "Major"),
    ),
    "mediation_type": _codes(
        ("people", "人民调解", "People's mediation"),
        ("administrative", "行政调解", "Administrative mediation"),
        ("judicial", "司法调解", "Judicial mediation"),
        ("joint", "联合调解", "Joint mediation"),
    ),
    "dispute_status": _codes(
        ("registered", "已登记", "Registered"),
        ("mediating", "调解中", "Mediating"),
        ("resolved", "调解成功", "Resolved"),
        ("failed", "调解不成", "Mediation failed"),
        ("referred", "转诉讼/仲裁/其他渠道", "Referred elsewhere"),
        ("withdrawn", "撤回/终止", "Withdrawn / terminated"),
    ),
    "agreement_form": _codes(
        ("written", "书面", "Written"),
        ("oral", "口头", "Oral"),
    ),
    "performance": _codes(
        ("fulfilled", "已履行", "Fulfilled"),
        ("partial", "部分履行", "Partly fulfilled"),
        ("unfulfilled", "未履行", "Unfulfilled"),
    ),
    # --- petitions ---
    "petition_channel": _codes(
        ("letter", "来信", "Letter"),
        ("visit", "来访", "Visit"),
        ("online", "网上信访", "Online"),
        ("phone", "电话", "Phone"),
        ("hotline_12345", "12345热线", "12345 hotline"),
        ("mailbox", "领导信箱", "Leader's mailbox"),
        ("central_inspection", "中央巡视转办", "Central inspection referral"),
        ("provincial_inspection", "省委巡视转办", "Provincial inspection referral"),
        ("assigned", "上级交办", "Assigned by superior"),
        ("other", "其他", "Other"),
    ),
    "petition_topic": _codes(
        ("homestead", "宅基地管理", "Homestead"),
        ("household_registration", "户籍办理", "Household registration"),
        ("public_housing", "公租房申请", "Public housing"),
        ("land_expropriation", "土地征收", "Land expropriation"),
        ("labor_social_security", "劳动社保", "Labour and social security"),
        ("law_litigation", "涉法涉诉", "Law and litigation"),
        ("urban_rural_construction", "城乡建设", "Urban and rural construction"),
        ("environment", "生态环境", "Environment"),
        ("civil_affairs", "民政", "Civil affairs"),
        ("cadre_conduct", "干部作风", "Cadre conduct"),
        ("other", "其他", "Other"),
    ),
    "acceptance": _codes(
        ("accepted", "受理", "Accepted"),
        ("not_accepted", "不予受理", "Not accepted"),
        ("transferred", "转送有权机关", "Transferred"),
    ),
    "petition_result": _codes(
        ("supported", "支持", "Supported"),
        ("partially_supported", "部分支持", "Partly supported"),
        ("not_supported", "不支持", "Not supported"),
        ("explained", "解释说明", "Explained"),
    ),
    "review_stage": _codes(
        ("none", "无", "None"),
        ("review", "复查", "Review"),
        ("recheck", "复核", "Re-check"),
    ),
    "satisfaction": _codes(
        ("satisfied", "满意", "Satisfied"),
        ("basically_satisfied", "基本满意", "Basically satisfied"),
        ("dissatisfied", "不满意", "Dissatisfied"),
        ("not_reached", "未回访", "Not reached"),
    ),
    "petition_status": _codes(
        ("registered", "已登记", "Registered"),
        ("handling", "办理中", "Handling"),
        ("not_accepted", "不予受理", "Not accepted"),
        ("transferred", "已转送", "Transferred"),
        ("replied", "已答复(办结)", "Replied (closed)"),
        ("under_review", "复查/复核中", "Under review"),
        ("closed", "终结", "Closed"),
    ),
    # --- lawsuits ---
    "instance": _codes(
        ("first", "一审", "First instance"),
        ("second", "二审", "Second instance"),
        ("retrial", "再审", "Retrial"),
    ),
    "lawsuit_cause": _codes(
        ("penalty", "行政处罚", "Administrative penalty"),
        ("coercion", "行政强制", "Administrative coercion"),
        ("expropriation", "征收征用", "Expropriation"),
        ("licensing", "行政许可", "Licensing"),
        ("omission", "不履行法定职责", "Failure to perform duties"),
        ("info_disclosure", "政府信息公开", "Information disclosure"),
        ("agreement", "行政协议", "Administrative agreement"),
        ("registration", "登记确认", "Registration"),
        ("other", "其他", "Other"),
    ),
    "lawsuit_outcome": _codes(
        ("claims_dismissed", "驳回诉讼请求", "Claims dismissed"),
        ("revoked", "撤销", "Act revoked"),
        ("confirmed_illegal", "确认违法", "Confirmed illegal"),
        ("ordered_performance", "责令履行", "Ordered to perform"),
        ("modified", "变更", "Modified"),
        ("withdrawn", "原告撤诉", "Withdrawn by plaintiff"),
        ("mediated", "调解结案", "Mediated"),
        ("suit_dismissed", "裁定驳回起诉", "Suit dismissed"),
        ("other", "其他", "Other"),
    ),
    "attendee_rank": _codes(
        ("principal", "正职", "Principal"),
        ("deputy", "副职", "Deputy"),
    ),
    "lawsuit_status": _codes(
        ("pending", "待应诉", "Pending"),
        ("answered", "已答辩", "Answered"),
        ("heard", "已开庭", "Heard"),
        ("judged", "已判决/裁定", "Judged"),
        ("closed", "已结案", "Closed"),
    ),
    # --- reviews ---
    "review_type": _codes(
        ("major_decision", "重大行政决策", "Major administrative decision"),
        ("normative_document", "行政规范性文件", "Normative document"),
        ("contract", "合同审查", "Contract review"),
        ("enforcement_decision", "重大执法决定法制审核", "Major enforcement decision"),
        ("other", "其他", "Other"),
    ),
    "review_conclusion": _codes(
        ("approved", "通过", "Approved"),
        ("approved_with_changes", "修改后通过", "Approved with changes"),
        ("rejected", "不通过", "Rejected"),
        ("returned", "退回补充材料", "Returned for more material"),
    ),
    "review_risk": _codes(
        ("low", "低", "Low"),
        ("medium", "中", "Medium"),
        ("high", "高", "High"),
    ),
    "review_status": _codes(
        ("submitted", "已送审", "Submitted"),
        ("reviewing", "审查中", "Reviewing"),
        ("completed", "已出具意见", "Opinion issued"),
        ("withdrawn", "撤回", "Withdrawn"),
    ),
}

_INDEX: dict[str, dict[str, Code]] = {
    name: {c.code: c for c in codes} for name, codes in CODESETS.items()
}

LOST_OUTCOMES = frozenset({"revoked", "confirmed_illegal", "ordered_performance", "modified"})


def codes_of(codeset: str) -> tuple[str, ...]:
    return tuple(c.code for c in CODESETS[codeset])


def is_code(codeset: str, code: str) -> bool:
    return code in _INDEX[codeset]


def label(codeset: str, code: str | None, lang: str = "zh") -> str:
    """The label of ``code`` in ``lang``; an unknown code is shown as itself."""
    if code is None:
        return ""
    found = _INDEX[codeset].get(code)
    if found is None:
        return code
    return found.zh if lang == "zh" else found.en
