"""Realistic Chinese demo data (``fazhi demo``) for trying the program and for benchmarks.

A unit tree like the seed report's district (郭勒木德镇, 乌图美仁乡, three 街道 with villages,
communities and grids below the office's own unit), and records spread over the last two
years in proportions like the seed's: mostly disputes and 12345 work orders, a few lawsuits,
reviews with many contracts. Every record goes through the normal write path, so it is
validated, stamped and audited exactly like a typed one.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fazhi_desktop.domain.validation import id_check_digit
from fazhi_desktop.services import Services

Progress = Callable[[int, int], None]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力永健世广志义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
TOWNSHIPS = [
    ("郭勒木德镇", "township", ["新华村", "红柳村", "中村", "唐古拉村"]),
    ("乌图美仁乡", "township", ["乌图美仁村", "那仁村", "新乡村"]),
    ("金峰路街道", "township", ["金峰路社区", "昆仑花园社区", "河东社区"]),
    ("西藏路街道", "township", ["西藏路社区", "盐湖社区"]),
    ("昆仑路街道", "township", ["昆仑路社区", "育才社区", "站前社区"]),
]
SUMMARIES = {
    "disputes": ["{a}与{b}因宅基地边界发生纠纷", "{a}反映邻居{b}装修漏水造成损失", "{a}与{b}婚姻家庭矛盾",
                 "{a}等{n}人反映工地拖欠工资", "{a}与物业公司因物业费发生纠纷", "{a}与{b}借款纠纷",
                 "{a}与{b}草场界线争议", "{a}因交通事故赔偿与{b}发生纠纷"],
    "petitions": ["{a}反映宅基地审批问题", "{a}咨询户籍迁移办理", "{a}申请公租房未获答复",
                  "{a}反映土地征收补偿标准", "{a}反映养老保险待遇问题", "{a}反映小区违章搭建",
                  "{a}反映低保申请问题", "{a}反映噪声扰民"],
    "lawsuits": ["{a}诉本机关行政处罚一案", "{a}诉本机关不履行法定职责一案", "{a}诉本机关政府信息公开一案"],
    "reviews": ["关于{t}的合法性审查", "{t}合同审查", "{t}实施方案法制审核"],
}
TOPICS = ["光伏产业园项目建设", "老旧小区改造", "农村人居环境整治", "那达慕活动安全保障", "供暖特许经营",
          "物业服务采购", "道路养护", "垃圾清运服务"]


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


class DemoGenerator:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.handlers = [self.name() for _ in range(8)]

    def name(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def id_number(self, born: dt.date) -> str:
        first = f"632801{born:%Y%m%d}{self.rng.randint(0, 999):03d}"
        return first + id_check_digit(first)

    def phone(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999999999):09d}"

    def party(self, role: str) -> dict[str, Any]:
        born = dt.date(1950, 1, 1) + dt.timedelta(days=self.rng.randint(0, 365 * 52))
        return {"name": self.name(), "role": role, "id_number": self.id_number(born),
                "phone": self.phone(), "address": f"格尔木市{self.rng.choice(TOWNSHIPS)[0]}"}

    def stays_open(self, received: dt.date) -> bool:
        """A few records are never concluded: some recent ones, very few old ones."""
        recent = (self.today - received).days < 120
        return self.rng.random() < (0.04 if recent else 0.002)

    def day_after(self, start: dt.date, low: int, high: int) -> dt.date | None:
        day = start + dt.timedelta(days=self.rng.randint(low, high))
        return day if day <= self.today else None

    def record(self, register: str, unit: str) -> dict[str, Any]:
        rng = self.rng
        received = self.today - dt.timedelta(days=rng.randint(0, 729))
        parties = [self.party({"disputes": "applicant", "petitions": "petitioner",
                               "lawsuits": "plaintiff", "reviews": "other"}[register])]
        if register == "disputes":
            parties.append(self.party("respondent"))
        a, b = parties[0]["name"], parties[-1]["name"]
        summary = rng.choice(SUMMARIES[register]).format(a=a, b=b, n=rng.randint(2, 30),
                                                         t=rng.choice(TOPICS))
        base = {"unit_code": unit, "summary": summary, "received_on": received,
                "handler": rng.choice(self.handlers),
                "parties": parties if register != "reviews" else []}
        return {**base, **getattr(self, f"_{register}")(received)}

    def _disputes(self, received: dt.date) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {
            "source": _weighted(rng, {"screening": 40, "walk_in": 20, "grid": 25, "hotline_12345": 8,
                                      "assigned": 4, "referral": 2, "other": 1}),
            "category": _weighted(rng, {"neighbor": 30, "marriage_family": 18, "land_homestead": 12,
                                        "labor_wages": 10, "property_mgmt": 8, "contract_debt": 8,
                                        "damages": 6, "grassland_forest": 3, "expropriation": 2,
                                        "environment": 1, "medical": 1, "other": 1}),
            "risk_level": _weighted(rng, {"general": 85, "serious": 12, "major": 3}),
            "people_involved": rng.randint(2, 12),
            "mediation_type": _weighted(rng, {"people": 80, "administrative": 12, "joint": 8}),
            "mediator": self.name(),
        }
        if rng.random() < 0.2:
            out["amount_involved"] = Decimal(rng.randint(500, 200000))
        closed = None if self.stays_open(received) else self.day_after(received, 1, 40)
        if closed is None:
            out["status"] = rng.choice(("registered", "mediating"))
            return out
        status = _weighted(rng, {"resolved": 88, "failed": 6, "referred": 4, "withdrawn": 2})
        out.update(status=status, closed_on=closed)
        if status == "resolved":
            out.update(agreement_form=_weighted(rng, {"written": 70, "oral": 30}),
                       performance=_weighted(rng, {"fulfilled": 90, "partial": 8, "unfulfilled": 2}))
            if out["agreement_form"] == "written":
                out["agreement_no"] = f"格人调字〔{closed.year}〕第{rng.randint(1, 999)}号"
        return out

    def _petitions(self, received: dt.date) -> dict[str, Any]:
        rng = self.rng
        channel = _weighted(rng, {"hotline_12345": 88, "visit": 3, "letter": 2, "online": 2,
                                  "central_inspection": 2, "provincial_inspection": 3})
        out: dict[str, Any] = {
            "channel": channel,
            "topic": _weighted(rng, {"homestead": 18, "household_registration": 16,
                                     "public_housing": 14, "labor_social_security": 12,
                                     "urban_rural_construction": 12, "environment": 8,
                                     "civil_affairs": 8, "land_expropriation": 5,
                                     "law_litigation": 3, "cadre_conduct": 2, "other": 2}),
            "people_count": 1, "collective": False,
        }
        decided = self.day_after(received, 0, 3 if channel == "hotline_12345" else 12)
        if decided is None:
            out["status"] = "registered"
            return out
        out.update(acceptance="accepted", decided_on=decided)
        high = 6 if channel == "hotline_12345" else 55
        replied = None if self.stays_open(received) else self.day_after(decided, 0, high)
        if replied is None:
            out["status"] = "handling"
            return out
        out.update(status="replied", replied_on=replied, closed_on=replied,
                   result=_weighted(rng, {"supported": 45, "partially_supported": 20,
                                          "explained": 30, "not_supported": 5}),
                   satisfaction=_weighted(rng, {"satisfied": 70, "basically_satisfied": 16,
                                                "dissatisfied": 9, "not_reached": 5}))
        return out

    def _lawsuits(self, received: dt.date) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {
            "case_no": f"（{received.year}）青2801行初{rng.randint(1, 99)}号",
            "court": "格尔木市人民法院", "instance": "first",
            "cause": _weighted(rng, {"penalty": 30, "omission": 25, "info_disclosure": 15,
                                     "expropriation": 15, "agreement": 10, "other": 5}),
            "defendant": "格尔木市西城区管理委员会", "served_on": received, "status": "pending",
        }
        submitted = self.day_after(received, 3, 14)
        if submitted is None:
            return out
        out.update(defence_submitted_on=submitted, status="answered")
        held = self.day_after(submitted, 20, 60)
        if held is None:
            return out
        attended = rng.random() < 0.9
        out["hearings"] = [{"held_on": held, "head_attended": attended,
                            "attendee_name": self.name() if attended else None,
                            "attendee_title": "主任" if attended else None,
                            "attendee_rank": "principal" if attended else None,
                            "absence_reason": None if attended else "因公出差",
                            "delegate_name": None if attended else self.name()}]
        out["status"] = "heard"
        judged = self.day_after(held, 10, 60)
        if judged is None:
            return out
        out.update(judged_on=judged, status="closed", closed_on=judged,
                   outcome=_weighted(rng, {"claims_dismissed": 60, "withdrawn": 15,
                                           "suit_dismissed": 10, "revoked": 8, "confirmed_illegal": 7}),
                   appealed=rng.random() < 0.2)
        return out

    def _reviews(self, received: dt.date) -> dict[str, Any]:
        rng = self.rng
        kind = _weighted(rng, {"contract": 45, "major_decision": 20, "normative_document": 15,
                               "enforcement_decision": 15, "other": 5})
        out: dict[str, Any] = {"review_type": kind, "submitting_dept": rng.choice(
            ["党政办", "经济发展办", "社会事务办", "综合执法局", "自然资源所"]),
            "reviewer": "知樾律师事务所 " + self.name()}
        if kind == "contract":
            out.update(counterparty=f"格尔木{rng.choice(TOPICS)[:2]}有限公司",
                       contract_amount=Decimal(rng.randint(10000, 5000000)))
        if kind == "major_decision":
            out.update(risk_assessed=True, risk_level=_weighted(rng, {"low": 70, "medium": 25, "high": 5}))
        done = None if self.stays_open(received) else self.day_after(received, 1, 12)
        if done is None:
            out["status"] = rng.choice(("submitted", "reviewing"))
            return out
        count = rng.randint(0, 5)
        out.update(status="completed", closed_on=done, opinions_count=count,
                   opinions_adopted=rng.randint(max(0, count - 1), count),
                   conclusion=_weighted(rng, {"approved": 75, "approved_with_changes": 25}))
        return out


REGISTER_SHARE = {"disputes": 0.40, "petitions": 0.42, "lawsuits": 0.01, "reviews": 0.17}


def build_units(sv: Services) -> list[str]:
    """The demo unit tree below this office's own unit; returns every unit code in it."""
    office = sv.ctx.require_identity().unit_code
    codes = [office]
    for t_index, (name, level, villages) in enumerate(TOWNSHIPS, start=1):
        t_code = f"{office}{t_index:03d}"
        sv.units.ensure(t_code, name, office, level)
        codes.append(t_code)
        for v_index, village in enumerate(villages, start=1):
            v_code = f"{t_code}{v_index:03d}"
            sv.units.ensure(v_code, village, t_code, "village")
            codes.append(v_code)
            if village.endswith("社区"):
                g_code = f"{v_code}01"
                sv.units.ensure(g_code, f"{village}第一网格", v_code, "grid")
                codes.append(g_code)
    return codes


def generate(sv: Services, records: int, seed: int = 1, batch: int = 10_000,
             progress: Progress | None = None) -> dict[str, int]:
    """Create ``records`` demo records; returns how many per register."""
    gen = DemoGenerator(seed, sv.ctx.today())
    units = build_units(sv)
    counts = dict.fromkeys(REGISTER_SHARE, 0)
    done = 0
    while done < records:
        size = min(batch, records - done)
        by_register: dict[str, list[dict[str, Any]]] = {}
        for _ in range(size):
            register = _weighted(gen.rng, REGISTER_SHARE)
            by_register.setdefault(register, []).append(
                gen.record(register, gen.rng.choice(units)))
        for register, items in by_register.items():
            sv.records.create_many(register, items)
            counts[register] += len(items)
        done += size
        if progress:
            progress(done, records)
    return counts
