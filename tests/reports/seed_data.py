"""A database whose 2025 figures are the seed report's (section 一), known by construction.

Disputes: 502 received in 2025, all handled by 31 Dec (480 resolved, 7 late).
Petitions: 614 12345 work orders (601 closed by 31 Dec, 432 of 500 callbacks satisfied →
86.4%), 11 visits, 17 + 31 inspection referrals, all accepted and closed.
Lawsuits: 2 in 2025, both heard with the head attending (100%), one judged (not lost).
Reviews: 32 legality + 45 contract reviews, all completed and approved, 110 opinions
(104 adopted), 2 finished late.
Plus noise that must not count: records of 2024 and 2026, deleted records, open 2024 cases.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fazhi_desktop.services import Services
from tests.helpers import dispute, lawsuit, party, petition, review

D = dt.date
YEAR = 2025
UNITS = ("632801001", "632801001", "632801001001", "632801002", "632801002")


def day(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def dispute_rows() -> list[dict[str, Any]]:
    rows = []
    for i in range(502):
        received = day(D(2025, 1, 1), i * 350 // 502)
        late = i in (3, 10, 20, 30, 40, 50, 60)
        closed = day(received, 40 if late else 5)
        rows.append(dispute(
            received_on=received, closed_on=closed,
            status="resolved" if i < 480 else "failed",
            unit_code=UNITS[i % 5], category="neighbor" if i % 2 else "marriage_family",
            parties=[party(f"张小{'一二三四五六七八九十'[i % 10]}"),
                     party("李四", "respondent", phone="13912345678")]))
    return rows


def dispute_noise() -> list[dict[str, Any]]:
    return [
        # open at the end of 2025 (closed only in 2026): in progress and overdue
        dispute(received_on=D(2024, 6, 1), status="resolved", closed_on=D(2026, 1, 10),
                unit_code="632801"),
        dispute(received_on=D(2024, 9, 1), unit_code="632801", risk_level="major",
                summary="重大风险：土地征收补偿群体性纠纷，涉及二十余户，情绪激烈。"),
        dispute(received_on=D(2024, 11, 15), unit_code="632801"),
        # outside the period
        dispute(received_on=D(2026, 1, 5), status="resolved", closed_on=D(2026, 1, 9)),
    ]


def petition_rows() -> list[dict[str, Any]]:
    rows = []
    for i in range(614):
        if i < 601:
            received = day(D(2025, 1, 2), i * 330 // 601)
        else:
            received = day(D(2025, 12, 20), (i - 601) % 5)
        rec = petition(received_on=received, channel="hotline_12345", acceptance="accepted",
                       decided_on=received, unit_code=UNITS[i % 5], topic="homestead"
                       if i % 3 else "household_registration")
        if i < 601:
            closed = day(received, 20 if i < 10 else 1)
            satisfaction = ("satisfied" if i < 400 else "basically_satisfied" if i < 432 else
                            "dissatisfied" if i < 500 else "not_reached")
            rec.update(status="replied", replied_on=closed, closed_on=closed,
                       satisfaction=satisfaction, result="supported")
        elif i < 607:  # replied only in January 2026: not closed as of 31 Dec 2025
            rec.update(status="replied", replied_on=D(2026, 1, 5), closed_on=D(2026, 1, 5),
                       result="explained")
        else:
            rec.update(status="handling")
        rows.append(rec)
    for channel, count in (("visit", 11), ("central_inspection", 17),
                           ("provincial_inspection", 31)):
        for k in range(count):
            received = day(D(2025, 2, 1), k * 9)
            rows.append(petition(
                received_on=received, channel=channel, acceptance="accepted",
                decided_on=day(received, 1), status="replied",
                replied_on=day(received, 10), closed_on=day(received, 10), result="supported",
                unit_code=UNITS[k % 5], topic="law_litigation"))
    return rows


def petition_noise() -> list[dict[str, Any]]:
    return [petition(received_on=D(2024, 12, 20), acceptance="accepted",
                     decided_on=D(2024, 12, 21), status="replied", replied_on=D(2025, 1, 10),
                     closed_on=D(2025, 1, 10), satisfaction="dissatisfied", result="explained")]


def _hearing(held: dt.date, attended: bool) -> dict[str, Any]:
    if attended:
        return {"held_on": held, "head_attended": True, "attendee_name": "王主任",
                "attendee_title": "主任", "attendee_rank": "principal"}
    return {"held_on": held, "head_attended": False, "absence_reason": "因公出差",
            "delegate_name": "刘律师"}


def lawsuit_rows() -> list[dict[str, Any]]:
    return [
        lawsuit(received_on=D(2025, 3, 3), served_on=D(2025, 3, 3),
                defence_submitted_on=D(2025, 3, 10), hearings=[_hearing(D(2025, 5, 6), True)],
                judged_on=D(2025, 6, 20), outcome="claims_dismissed", status="closed",
                closed_on=D(2025, 6, 20), unit_code="632801001"),
        lawsuit(received_on=D(2025, 9, 1), served_on=D(2025, 9, 1),
                defence_submitted_on=D(2025, 9, 12), hearings=[_hearing(D(2025, 11, 10), True)],
                status="heard", case_no="（2025）青2801行初31号", unit_code="632801001"),
    ]


def lawsuit_noise() -> list[dict[str, Any]]:
    return [lawsuit(received_on=D(2024, 10, 8), served_on=D(2024, 10, 8),
                    defence_submitted_on=D(2024, 10, 15),
                    hearings=[_hearing(D(2024, 12, 2), False)], judged_on=D(2026, 2, 1),
                    outcome="revoked", status="closed", closed_on=D(2026, 2, 1),
                    case_no="（2024）青2801行初7号")]


def review_rows() -> list[dict[str, Any]]:
    rows = []
    for i in range(77):
        kind = ("major_decision" if i < 12 else "normative_document" if i < 22 else
                "enforcement_decision" if i < 32 else "contract")
        received = day(D(2025, 1, 6), i * 4)
        closed = day(received, 20 if i in (5, 40) else 2)
        count = 2 if i < 33 else 1
        adopted = 1 if i < 6 else count
        rows.append(review(received_on=received, review_type=kind, status="completed",
                           closed_on=closed, opinions_count=count, opinions_adopted=adopted,
                           conclusion="approved_with_changes" if i % 4 == 0 else "approved",
                           unit_code=UNITS[i % 5]))
    return rows


# What the figures of 2025 (as of 31 Dec 2025, unit 632801 and below) must be.
EXPECTED_2025 = {
    "disputes": {"intake": 502, "handled": 502, "handled_rate": 100.0, "resolved": 480,
                 "success_rate": 95.6, "on_time_rate": 98.6, "in_progress": 3, "overdue": 3,
                 "due_soon": 0},
    "petitions": {"intake": 673, "accepted": 673, "closed": 660, "closed_rate": 98.1,
                  "on_time_rate": 98.5, "callbacks": 500, "satisfied": 432,
                  "satisfaction_rate": 86.4, "in_progress": 13},
    "lawsuits": {"intake": 2, "heard": 2, "attended": 2, "attendance_rate": 100.0, "judged": 1,
                 "lost": 0, "loss_rate": 0.0, "defence_on_time_rate": 100.0,
                 "in_progress": 2, "overdue": 0, "due_soon": 0},
    "reviews": {"intake": 77, "legality": 32, "contract": 45, "completed": 77, "approved": 77,
                "approval_rate": 100.0, "opinions": 110, "opinions_adopted": 104,
                "adoption_rate": 94.5, "on_time_rate": 97.4, "in_progress": 0, "overdue": 0,
                "due_soon": 0},
}
EXPECTED_12345 = {"intake": 614, "accepted": 614, "closed": 601, "closed_rate": 97.9,
                  "on_time_rate": 98.3, "callbacks": 500, "satisfied": 432,
                  "satisfaction_rate": 86.4, "in_progress": 13}


def build(sv: Services) -> dict[str, list[dict[str, Any]]]:
    """Create every record; returns the created records per register (with due dates)."""
    created: dict[str, list[dict[str, Any]]] = {}
    for register, rows in (("disputes", dispute_rows() + dispute_noise()),
                           ("petitions", petition_rows() + petition_noise()),
                           ("lawsuits", lawsuit_rows() + lawsuit_noise()),
                           ("reviews", review_rows())):
        created[register] = sv.records.create_many(register, rows)
    # deleted records never count
    for register, row in (("disputes", dispute(received_on=D(2025, 5, 5))),
                          ("petitions", petition(received_on=D(2025, 5, 6))),
                          ("reviews", review(received_on=D(2025, 5, 7)))):
        rec = sv.records.create(register, row)
        sv.records.delete(rec["id"])
    return created


def build_seeded_folder(template_dir: Path, target: Path, today: dt.date) -> dict[str, Any]:
    """Copy the session's initialised template to ``target`` and fill it; returns the
    created records per register."""
    import shutil

    from fazhi_desktop.services import open_services

    shutil.copytree(template_dir, target)
    with open_services(target, today=lambda: today) as sv:
        return build(sv)
