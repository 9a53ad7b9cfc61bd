"""Demo inspections: landlords visited with some of their tenants, every item judged, hazards, interview, quiz.

Everything goes through the Inspections and Assessments services, so the demo exercises the same rules (notes
required, hazards prefilled from the checklist, completion refused until done) as an officer's laptop.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from app.models import content
from app.models.demo.records import add_evidence

if TYPE_CHECKING:
    from app.models.workspace import Workspace


P_NONCOMPLIANT = 0.10
P_NOT_APPLICABLE = 0.06
MAX_TENANTS_PER_VISIT = 3
NOT_APPLICABLE_NOTE = "经现场核实，本企业不涉及该事项"


@dataclass(frozen=True)
class InspectionsResult:
    inspection_ids: tuple[str, ...]
    hazards: int


def _finding(rng: random.Random, item: content.ChecklistItem) -> str:
    check = rng.choice(item.checks).rstrip("。；;")
    return f"未落实：{check}"


def _wrong_answer(rng: random.Random, question: content.Question) -> object:
    if question.type == "JUDGE":
        return not question.answer
    keys = [o.key for o in question.options]
    if question.type == "MULTI":
        right = set(question.answer)  # type: ignore[arg-type]
        return sorted(set(rng.sample(keys, 1)) ^ right) or [k for k in keys if k not in right][:1]
    return rng.choice([k for k in keys if k != question.answer])


def generate_inspections(
    ws: Workspace,
    rng: random.Random,
    *,
    count: int,
    landlord_ids: Sequence[str],
    inspector_ids: Sequence[str],
    today: date,
    evidence: bool = False,
) -> InspectionsResult:
    """`count` visits on working days of the last two months; the latest one is left in progress. With `evidence`,
    the completed ones have photos and every signature of the record (app/models/demo/records.py)."""
    landlords = [lid for lid in landlord_ids if ws.registry.tenant_ids(lid)] or list(landlord_ids)
    if not landlords or len(inspector_ids) < 2:
        return InspectionsResult((), 0)
    saved_now = ws.inspections.now
    days = sorted((rng.randrange(1, 61) for _ in range(count)), reverse=True)
    inspection_ids = []
    hazards = 0
    try:
        for n, days_ago in enumerate(days):
            day = today - timedelta(days=days_ago)
            clock = [datetime.combine(day, time(9, 0)) + timedelta(minutes=rng.randrange(0, 90))]

            def now(clock: list[datetime] = clock) -> datetime:
                clock[0] += timedelta(seconds=rng.randrange(20, 120))
                return clock[0]

            ws.inspections.now = now
            landlord = rng.choice(landlords)
            tenants = ws.registry.tenant_ids(landlord)
            visited = rng.sample(tenants, min(len(tenants), rng.randint(1, MAX_TENANTS_PER_VISIT)))
            team = rng.sample(list(inspector_ids), 2)
            inspection_id = ws.inspections.start(
                landlord, team, mode=rng.choice(("CAMPAIGN", "CAMPAIGN", "UNANNOUNCED", "ROUTINE")),
                purpose="“厂中厂”安全隐患专项检查", tenant_ids=visited,
            )
            inspection_ids.append(inspection_id)
            last = n == count - 1
            hazards += _judge_items(ws, rng, inspection_id, partial=last)
            for enterprise_id in ws.inspections.target_ids(inspection_id):
                _interview(ws, rng, inspection_id, enterprise_id)
                _quiz(ws, rng, inspection_id, enterprise_id)
                for worker in range(3):
                    asked = 3
                    correct = asked - (rng.random() < 0.15)
                    ws.assessments.add_awareness_sample(
                        inspection_id, enterprise_id, f"员工{worker + 1}", asked, correct
                    )
            if not last:
                if evidence:
                    add_evidence(ws, rng, inspection_id)
                ws.inspections.complete(inspection_id)
    finally:
        ws.inspections.now = saved_now
    return InspectionsResult(tuple(inspection_ids), hazards)


def _judge_items(ws: Workspace, rng: random.Random, inspection_id: str, *, partial: bool) -> int:
    hazards = 0
    missing = ws.inspections.missing_items(inspection_id)
    if partial:
        missing = missing[: len(missing) // 2]
    checklist = ws.inspections.checklist(inspection_id)
    for enterprise_id, code in missing:
        item = checklist.item(code)
        roll = rng.random()
        if roll < P_NONCOMPLIANT:
            outcome = ws.inspections.record_verdict(
                inspection_id, enterprise_id, code, "NONCOMPLIANT", _finding(rng, item)
            )
            hazards += 1
            if item.major == "CONDITIONAL" and rng.random() < 0.2:
                assert outcome.hazard_id
                ws.inspections.update_hazard(outcome.hazard_id, grade="MAJOR", major_basis=item.major_hint_zh)
        elif roll < P_NONCOMPLIANT + P_NOT_APPLICABLE:
            ws.inspections.record_verdict(inspection_id, enterprise_id, code, "NOT_APPLICABLE", NOT_APPLICABLE_NOTE)
        else:
            ws.inspections.record_verdict(inspection_id, enterprise_id, code, "COMPLIANT")
    return hazards


def _interview(ws: Workspace, rng: random.Random, inspection_id: str, enterprise_id: str) -> None:
    bank = ws.assessments.interview_bank()
    officer = ws.registry.person(enterprise_id, "safety_officer")
    for question_id in content.draw_interview(bank, rng):
        rating = rng.choices((0, 1, 2), weights=(1, 3, 6))[0]
        ws.assessments.record_interview(
            inspection_id, enterprise_id, question_id, rating, person_id=officer["id"] if officer else None
        )


def _quiz(ws: Workspace, rng: random.Random, inspection_id: str, enterprise_id: str) -> None:
    principal = ws.registry.person(enterprise_id, "principal")
    if principal is None:
        return
    attempt = ws.assessments.start_quiz(
        inspection_id, enterprise_id, principal["name"], person_id=principal["id"], seed=rng.randrange(2**31)
    )
    skill = rng.uniform(0.6, 1.0)
    for question in ws.assessments.quiz_questions(attempt):
        answer = question.answer if rng.random() < skill else _wrong_answer(rng, question)
        ws.assessments.answer_quiz(attempt, question.id, answer)
    ws.assessments.finish_quiz(attempt)
