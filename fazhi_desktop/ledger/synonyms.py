"""What offices actually write in their ledgers: header names and free-text values.

Two tables, both plain data so that a new variant seen in a real ledger is a one-line
addition (keep each list in rough order of how common the spelling is):

* ``HEADER_SYNONYMS`` / ``REGISTER_HEADER_SYNONYMS``: column header → import target.
  A target is a register field name (``received_on``), a party field (``party.name``,
  ``party.id_number``, …; the party slot is assigned by ``mapping``), a hearing field
  (``hearing.held_on``…) or ``_index`` for a numbering column (序号) that is not imported.
  Register-specific entries win over the general ones (``来源`` is a dispute's source but a
  petition's channel). Every field's own Chinese label from ``domain.registers`` is added
  automatically, so an exported sheet always maps back.
* ``VALUE_SYNONYMS``: code set → {written text: code}. The code's Chinese and English
  labels and the code itself are added automatically by ``values``.
  ``GUESSED_VALUES`` lists spellings that are mapped but deserve a second look (``办结``
  on a dispute could be success or failure), which the preview shows as a warning.

All keys are compared after ``text.header_key`` / ``text.squash`` normalisation (no spaces,
half-width, lower case), so they are written here without spaces.
"""

from __future__ import annotations

# Role words that may prefix party columns (申请人姓名, 被申请人电话 …), longest first so that
# 被申请人 is tried before 申请人. ``None`` means "no particular role".
PARTY_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("被申请人", "respondent"),
    ("对方当事人", "respondent"),
    ("被反映人", "respondent"),
    ("第三人", "third_party"),
    ("申请人", "applicant"),
    ("信访人", "petitioner"),
    ("来访人", "petitioner"),
    ("反映人", "petitioner"),
    ("投诉人", "petitioner"),
    ("原告", "plaintiff"),
    ("起诉人", "plaintiff"),
    ("当事人", None),
)

# Party sub-fields after the role prefix has been removed ("" = the bare role word).
PARTY_SUFFIXES: dict[str, str] = {
    "": "name", "姓名": "name", "名称": "name", "姓名或名称": "name", "姓名/名称": "name",
    "身份证号": "id_number", "身份证号码": "id_number", "身份证": "id_number",
    "证件号码": "id_number", "证件号": "id_number", "公民身份号码": "id_number",
    "身份证件号码": "id_number", "统一社会信用代码": "id_number",
    "联系电话": "phone", "电话": "phone", "手机": "phone", "手机号": "phone",
    "手机号码": "phone", "联系方式": "phone", "电话号码": "phone",
    "住址": "address", "地址": "address", "家庭住址": "address", "居住地址": "address",
    "联系地址": "address", "户籍地址": "address", "现住址": "address", "住所": "address",
    "身份": "role", "角色": "role", "类型": "role",
}

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "_index": ("序号", "编号序号", "no", "no.", "行号", "顺序号"),
    "serial": ("编号", "案件编号", "登记编号", "受理编号", "流水号", "工单编号", "工单号",
               "信访件编号", "件号", "登记号"),
    "unit_code": ("所属单位", "单位", "所属镇街", "镇街", "乡镇", "街道", "乡镇街道",
                  "所属村社区", "村社区", "村(社区)", "村居", "社区", "属地", "所在单位",
                  "所属社区", "所属村", "单位代码"),
    "summary": ("简要情况", "事项名称", "纠纷简要情况", "基本情况", "主要内容", "反映问题",
                "信访事项", "诉求内容", "主要诉求", "案情简介", "纠纷情况", "事由", "内容摘要",
                "矛盾纠纷简要情况", "纠纷事由", "简要案情", "反映内容", "问题描述", "事项",
                "纠纷内容", "主要问题", "案件名称", "审查事项", "文件名称", "决策事项",
                "合同名称", "项目名称", "名称"),
    "received_on": ("登记日期", "受理时间", "受理日期", "登记时间", "排查时间", "排查日期",
                    "来访日期", "来访时间", "来信日期", "信访日期", "收件日期", "收到日期",
                    "送审日期", "送审时间", "立案日期", "立案时间", "日期", "时间",
                    "接收日期", "接收时间", "交办日期", "转办日期", "收案日期", "发现时间"),
    "status": ("状态", "办理状态", "调处结果", "办理结果", "调解结果", "调处情况", "化解情况",
               "办理情况", "办结情况", "是否办结", "进展情况", "当前状态", "案件状态",
               "结案情况", "处理状态", "是否化解", "化解结果", "调解情况"),
    "handler": ("承办人", "经办人", "责任人", "办理人", "承办人员", "处理人", "经办人员",
                "承办民警", "包案人", "包案领导", "登记人"),
    "due_on": ("办理期限", "期限", "截止日期", "办结期限", "应办结日期", "到期日期",
               "调解期限", "办理时限", "时限"),
    "closed_on": ("办结日期", "办结时间", "结案日期", "结案时间", "调结日期", "调结时间",
                  "调处时间", "调处日期", "化解时间", "化解日期", "调解日期", "调解时间",
                  "完成日期", "完成时间", "审结日期"),
    "note": ("备注", "其他", "说明", "备注说明", "其他情况"),
    "party.name": ("姓名", "当事人", "当事人姓名", "申请人", "姓名或名称", "当事人名称"),
    "party.id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "身份证",
                        "公民身份号码", "身份证件号码"),
    "party.phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
    "party.address": ("住址", "地址", "家庭住址", "居住地址", "联系地址", "户籍地址", "现住址"),
    "party.role": ("当事人身份", "身份"),
}

REGISTER_HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "disputes": {
        "source": ("来源", "纠纷来源", "线索来源", "信息来源", "排查来源", "受理方式"),
        "category": ("纠纷类型", "类别", "纠纷类别", "类型", "矛盾纠纷类型", "纠纷种类",
                     "矛盾类型", "案件类型", "纠纷性质"),
        "risk_level": ("风险等级", "风险级别", "等级", "纠纷等级", "风险程度"),
        "people_involved": ("涉及人数", "人数", "涉及人员数", "涉案人数", "涉及人员"),
        "amount_involved": ("涉及金额", "金额", "涉案金额", "标的额", "涉及金额元",
                            "协议金额", "争议金额"),
        "mediation_type": ("调解类型", "调解方式", "调解种类"),
        "mediator": ("调解员", "调解人", "主持调解人", "调解人员"),
        "agreement_no": ("调解协议书编号", "协议书编号", "协议编号", "调解书编号"),
        "agreement_form": ("协议形式", "调解协议形式", "协议类型"),
        "performance": ("履行情况", "协议履行情况", "是否履行"),
        "judicial_confirmation": ("司法确认", "是否司法确认", "申请司法确认"),
        "follow_up_on": ("回访日期", "回访时间"),
        "follow_up_result": ("回访情况", "回访结果", "回访意见"),
    },
    "petitions": {
        "channel": ("信访渠道", "渠道", "来源", "信访形式", "来信来访", "信访方式",
                    "反映渠道", "信访来源", "件来源"),
        "collective": ("集体访", "是否集体访", "个访/集体访", "访别"),
        "people_count": ("人数", "来访人数", "信访人数", "涉及人数"),
        "topic": ("信访事项类别", "类别", "问题类别", "事项类别", "类型", "反映问题类别",
                  "问题分类", "信访类别", "问题性质", "内容分类"),
        "acceptance": ("受理情况", "是否受理", "受理意见"),
        "decided_on": ("受理告知日期", "告知日期", "受理告知时间", "是否受理日期"),
        "extension_days": ("延长天数", "延期天数"),
        "extension_reason": ("延期理由", "延长理由", "延期原因"),
        "replied_on": ("处理意见书日期", "答复日期", "答复时间", "出具意见日期",
                       "出具处理意见书日期", "回复日期", "回复时间"),
        "result": ("处理结果", "处理意见", "答复结果"),
        "review_stage": ("复查复核", "复查/复核", "复查复核情况"),
        "review_requested_on": ("复查复核申请日期", "复查申请日期", "复核申请日期"),
        "review_replied_on": ("复查复核答复日期", "复查答复日期", "复核答复日期"),
        "satisfaction": ("回访满意度", "满意度", "群众满意度", "评价", "是否满意",
                         "回访结果", "满意度评价", "回访情况"),
        "party.name": ("信访人", "信访人姓名", "来访人", "来访人姓名", "反映人", "投诉人"),
    },
    "lawsuits": {
        "case_no": ("案号", "案件号"),
        "court": ("审理法院", "法院", "受理法院", "管辖法院"),
        "instance": ("审级", "审理程序", "程序"),
        "cause": ("案由", "案件类型", "类型", "案件类别"),
        "defendant": ("被诉机关", "被告", "被诉行政机关", "被告单位", "被告机关"),
        "served_on": ("收到起诉状副本日期", "收到起诉状日期", "送达日期",
                      "收到应诉通知日期", "收到应诉通知书日期", "起诉状送达日期"),
        "defence_submitted_on": ("提交答辩日期", "答辩日期", "答辩时间", "提交答辩状日期"),
        "judged_on": ("判决/裁定日期", "判决日期", "裁判日期", "裁定日期", "宣判日期"),
        "outcome": ("裁判结果", "判决结果", "审理结果", "结果", "判决情况"),
        "appealed": ("是否上诉", "上诉", "上诉情况"),
        "hearing.held_on": ("开庭日期", "开庭时间"),
        "hearing.head_attended": ("负责人出庭", "负责人是否出庭", "是否出庭",
                                  "行政机关负责人是否出庭", "负责人出庭情况"),
        "hearing.attendee_name": ("出庭负责人", "出庭人员", "出庭负责人姓名", "出庭人"),
        "hearing.attendee_title": ("职务", "出庭负责人职务", "出庭人职务"),
        "hearing.attendee_rank": ("正/副职", "正副职", "正职/副职"),
        "hearing.absence_reason": ("未出庭理由", "未出庭原因", "不出庭理由"),
        "hearing.delegate_name": ("委托出庭人员", "委托代理人", "委托出庭人", "代理人"),
        "party.name": ("原告", "原告姓名", "原告名称", "起诉人"),
    },
    "reviews": {
        "review_type": ("审查类型", "类型", "类别", "审查类别", "事项类型"),
        "submitting_dept": ("送审单位", "送审部门", "起草单位", "承办科室", "报送单位"),
        "reviewer": ("审查人/法律顾问", "审查人", "法律顾问", "审核人", "审查人员"),
        "opinions_count": ("提出法律意见条数", "意见条数", "法律意见条数", "提出意见数",
                           "提出意见条数", "法律意见数"),
        "opinions_adopted": ("采纳条数", "采纳意见条数", "采纳数", "采纳意见数"),
        "conclusion": ("审查结论", "结论", "审查意见", "审核结论", "审核意见"),
        "risk_assessed": ("社会稳定风险评估", "风险评估", "是否风险评估", "是否进行风险评估"),
        "risk_report_no": ("评估报告编号", "风险评估报告编号"),
        "risk_level": ("风险等级", "风险级别"),
        "counterparty": ("合同相对方", "相对方", "合同对方", "对方单位"),
        "contract_amount": ("合同金额", "金额", "标的额", "合同标的额"),
    },
}

VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "party_role": {"被申请人": "respondent", "申请方": "applicant", "被申请方": "respondent",
                   "来访人": "petitioner", "当事人": "other"},
    "dispute_source": {
        "排查": "screening", "主动排查": "screening", "摸排": "screening",
        "来访": "walk_in", "来访登记": "walk_in", "当事人申请": "walk_in", "申请": "walk_in",
        "群众来访": "walk_in", "来电": "walk_in",
        "网格": "grid", "网格员": "grid", "网格上报": "grid", "网格排查": "grid",
        "12345": "hotline_12345", "12345热线": "hotline_12345", "热线": "hotline_12345",
        "交办": "assigned", "上级转办": "assigned",
        "移交": "referral", "移送": "referral", "部门移送": "referral",
        "派出所移交": "referral", "法院委派": "referral", "委派": "referral",
        "其它": "other",
    },
    "dispute_category": {
        "婚姻": "marriage_family", "家庭": "marriage_family", "婚姻家庭纠纷": "marriage_family",
        "家庭矛盾": "marriage_family", "赡养": "marriage_family", "抚养": "marriage_family",
        "继承": "marriage_family", "离婚": "marriage_family", "婚恋": "marriage_family",
        "邻里关系": "neighbor", "相邻关系": "neighbor", "邻里矛盾": "neighbor",
        "土地": "land_homestead", "宅基地": "land_homestead", "土地承包": "land_homestead",
        "土地权属": "land_homestead", "山林": "grassland_forest", "草场": "grassland_forest",
        "林地": "grassland_forest", "林权": "grassland_forest", "草原": "grassland_forest",
        "劳动": "labor_wages", "欠薪": "labor_wages", "劳资": "labor_wages",
        "拖欠工资": "labor_wages", "工资": "labor_wages", "讨薪": "labor_wages",
        "劳务": "labor_wages", "劳动争议": "labor_wages", "物业管理": "property_mgmt",
        "物业服务": "property_mgmt", "合同": "contract_debt", "债务": "contract_debt",
        "借贷": "contract_debt", "债权债务": "contract_debt", "民间借贷": "contract_debt",
        "买卖": "contract_debt", "人身损害": "damages", "交通事故": "damages",
        "赔偿": "damages", "侵权": "damages", "征地": "expropriation", "拆迁": "expropriation",
        "征收": "expropriation", "环境": "environment", "污染": "environment",
        "噪音": "environment", "医患": "medical", "医疗事故": "medical", "其它": "other",
    },
    "dispute_risk": {"低": "general", "较大风险": "serious", "中": "serious",
                     "重大风险": "major", "高": "major", "一般风险": "general"},
    "mediation_type": {"人调": "people", "联调": "joint", "诉前调解": "judicial",
                       "多元调解": "joint"},
    "dispute_status": {
        "登记": "registered", "待调解": "registered", "未调解": "registered",
        "受理": "registered", "已受理": "registered",
        "正在调解": "mediating", "办理中": "mediating", "处理中": "mediating",
        "在办": "mediating", "未办结": "mediating", "调处中": "mediating",
        "已调解": "resolved", "成功": "resolved", "已化解": "resolved", "化解": "resolved",
        "调处成功": "resolved", "已调处": "resolved", "达成协议": "resolved",
        "调解达成协议": "resolved", "已解决": "resolved", "解决": "resolved",
        "化解成功": "resolved", "调解成功已履行": "resolved", "是": "resolved",
        "办结": "resolved", "已办结": "resolved", "结案": "resolved", "已结案": "resolved",
        "调解不成功": "failed", "调解失败": "failed", "不成功": "failed", "失败": "failed",
        "未达成协议": "failed", "未化解": "failed", "调处不成": "failed", "调处失败": "failed",
        "转诉讼": "referred", "转仲裁": "referred", "已转": "referred", "移交": "referred",
        "转交": "referred", "转办": "referred", "转其他渠道": "referred",
        "引导诉讼": "referred", "已移交": "referred", "转司法程序": "referred",
        "撤回": "withdrawn", "终止": "withdrawn", "撤销": "withdrawn",
        "调解终止": "withdrawn", "当事人撤回": "withdrawn", "终止调解": "withdrawn",
    },
    "agreement_form": {"书面协议": "written", "口头协议": "oral"},
    "performance": {"履行完毕": "fulfilled", "履行": "fulfilled", "已兑现": "fulfilled",
                    "未履行完毕": "partial", "正在履行": "partial", "未兑现": "unfulfilled"},
    "petition_channel": {
        "信件": "letter", "写信": "letter", "走访": "visit", "上访": "visit",
        "网信": "online", "网上": "online", "网络": "online", "网上投诉": "online",
        "来电": "phone", "12345": "hotline_12345", "热线": "hotline_12345",
        "市民热线": "hotline_12345", "信箱": "mailbox", "书记信箱": "mailbox",
        "市长信箱": "mailbox", "中央巡视": "central_inspection",
        "中央巡视组转办": "central_inspection", "省委巡视": "provincial_inspection",
        "省巡视": "provincial_inspection", "省委巡视组转办": "provincial_inspection",
        "交办": "assigned", "其它": "other",
    },
    "petition_topic": {
        "宅基地": "homestead", "户籍": "household_registration", "户口": "household_registration",
        "公租房": "public_housing", "保障房": "public_housing", "征地": "land_expropriation",
        "征收": "land_expropriation", "劳动": "labor_social_security", "社保": "labor_social_security",
        "欠薪": "labor_social_security", "涉法": "law_litigation", "涉诉": "law_litigation",
        "城建": "urban_rural_construction", "住建": "urban_rural_construction",
        "环境": "environment", "环保": "environment", "低保": "civil_affairs",
        "作风": "cadre_conduct", "干部": "cadre_conduct", "其它": "other",
    },
    "acceptance": {"已受理": "accepted", "予以受理": "accepted", "是": "accepted",
                   "不受理": "not_accepted", "否": "not_accepted", "转送": "transferred",
                   "已转送": "transferred", "转办": "transferred"},
    "petition_result": {"不予支持": "not_supported", "解释": "explained", "说明": "explained",
                        "予以支持": "supported"},
    "review_stage": {"否": "none", "未": "none", "未申请": "none", "-": "none"},
    "satisfaction": {"非常满意": "satisfied", "较满意": "basically_satisfied",
                     "比较满意": "basically_satisfied", "未联系上": "not_reached",
                     "联系不上": "not_reached", "无法联系": "not_reached"},
    "petition_status": {
        "登记": "registered", "办理中": "handling", "在办": "handling", "处理中": "handling",
        "正在办理": "handling", "未办结": "handling", "不受理": "not_accepted",
        "转送": "transferred", "转办": "transferred", "已转办": "transferred",
        "转交": "transferred", "已答复": "replied", "答复": "replied", "办结": "replied",
        "已办结": "replied", "已回复": "replied", "已处理": "replied",
        "复查中": "under_review", "复核中": "under_review", "复查": "under_review",
        "复核": "under_review", "已终结": "closed", "结案": "closed", "已结案": "closed",
    },
    "instance": {"第一审": "first", "第二审": "second", "申请再审": "retrial"},
    "lawsuit_cause": {
        "处罚": "penalty", "强制": "coercion", "征收": "expropriation", "征用": "expropriation",
        "拆迁": "expropriation", "许可": "licensing", "不作为": "omission",
        "行政不作为": "omission", "履行法定职责": "omission", "信息公开": "info_disclosure",
        "协议": "agreement", "登记": "registration", "确权": "registration",
    },
    "lawsuit_outcome": {
        "驳回": "claims_dismissed", "判决驳回": "claims_dismissed",
        "判决撤销": "revoked", "撤诉": "withdrawn", "调解": "mediated",
        "驳回起诉": "suit_dismissed",
    },
    "lawsuit_status": {
        "未应诉": "pending", "待答辩": "pending", "答辩": "answered", "开庭": "heard",
        "已判决": "judged", "已裁定": "judged", "判决": "judged", "裁定": "judged",
        "已宣判": "judged", "结案": "closed", "办结": "closed", "已办结": "closed",
        "审结": "closed",
    },
    "attendee_rank": {"正": "principal", "副": "deputy"},
    "review_type": {"重大决策": "major_decision", "决策": "major_decision",
                    "规范性文件": "normative_document", "合同": "contract",
                    "执法决定": "enforcement_decision", "法制审核": "enforcement_decision",
                    "重大执法决定": "enforcement_decision", "其它": "other"},
    "review_conclusion": {"同意": "approved", "原则同意": "approved_with_changes",
                          "修改": "approved_with_changes", "不同意": "rejected",
                          "退回": "returned", "补充材料": "returned"},
    "review_risk": {"低风险": "low", "中风险": "medium", "高风险": "high", "较大": "medium",
                    "一般": "low", "重大": "high"},
    "review_status": {"送审": "submitted", "待审查": "submitted", "正在审查": "reviewing",
                      "办理中": "reviewing", "已完成": "completed", "完成": "completed",
                      "办结": "completed", "已办结": "completed", "已审查": "completed",
                      "审查完毕": "completed", "已审核": "completed", "已撤回": "withdrawn"},
}

# (code set, written text) pairs that are mapped but shown as a warning to double-check.
GUESSED_VALUES: frozenset[tuple[str, str]] = frozenset({
    ("dispute_status", "办结"), ("dispute_status", "已办结"), ("dispute_status", "结案"),
    ("dispute_status", "已结案"), ("dispute_status", "是"), ("dispute_status", "已转"),
})

TRUE_WORDS = frozenset({"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "已", "是的",
                        "已确认", "已出庭", "出庭", "已评估", "已上诉", "集体", "集体访",
                        "已申请", "确认"})
FALSE_WORDS = frozenset({"否", "无", "没有", "×", "✗", "n", "no", "false", "0", "未", "不",
                         "未出庭", "未评估", "未上诉", "个体", "个访", "个人", "未申请",
                         "不是", "-", "—"})

# Rows whose first non-empty text starts with one of these are totals, not records.
SUBTOTAL_WORDS: tuple[str, ...] = ("合计", "小计", "总计", "共计", "累计", "本页合计", "总数")
# Rows that start with these are the signature/notes block under a printed ledger.
FOOTER_WORDS: tuple[str, ...] = ("制表人", "填表人", "填报人", "审核人", "负责人签字",
                                 "单位盖章", "单位(盖章)", "填报单位", "制表日期",
                                 "填报日期", "注:", "注：", "说明:", "说明：", "备注:", "备注：")
