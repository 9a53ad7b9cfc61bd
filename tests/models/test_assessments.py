"""安全员必问、负责人必考、员工抽问 through the services."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import ValidationError
from app.models import content
from app.models.demo import generate_demo
from tests.support import change_count


@pytest.fixture
def visit(ws):
    town = ws.registry.ensure_org_unit("姜山镇", "township")
    landlord = ws.registry.create_enterprise(name="姜山村股份经济合作社", township_id=town)
    tenant = ws.registry.create_enterprise(name="宁波鸿远塑料制品厂", township_id=town)
    ws.registry.add_lease(landlord, tenant)
    inspectors = [ws.roster.add_inspector(n, c, "姜山镇应急管理办公室") for n, c in (("甲", "A1"), ("乙", "B2"))]
    inspection = ws.inspections.start(landlord, inspectors, tenant_ids=[tenant])
    return ws, inspection, landlord, tenant


def test_interview_is_scored_once_every_drawn_question_is_rated(visit):
    ws, inspection, _, tenant = visit
    bank = ws.assessments.interview_bank()
    questions = content.draw_interview(bank, __import__("random").Random(3))
    for qid in questions[:-1]:
        ws.assessments.record_interview(inspection, tenant, qid, 2)
    assert ws.assessments.interview_score(inspection, tenant) is None
    ws.assessments.record_interview(inspection, tenant, questions[-1], 1, answer="出示了上月自查台账")
    score = ws.assessments.interview_score(inspection, tenant)
    assert score is not None and score.total == 2 * (len(questions) - 1) + 1 and score.passed
    critical = next(q.id for q in bank.questions if q.critical)
    ws.assessments.record_interview(inspection, tenant, critical, 0)  # re-rating replaces the earlier one
    failed = ws.assessments.interview_score(inspection, tenant)
    assert failed is not None and not failed.passed and failed.reasons


@pytest.mark.parametrize("rating", [3, -1])
def test_bad_interview_ratings_are_refused(visit, rating):
    ws, inspection, _, tenant = visit
    qid = ws.assessments.interview_bank().questions[0].id
    before = change_count(ws)
    with pytest.raises(ValidationError):
        ws.assessments.record_interview(inspection, tenant, qid, rating)
    with pytest.raises(ValidationError):
        ws.assessments.record_interview(inspection, tenant, "Q-NOPE", 1)
    assert change_count(ws) == before


def test_quiz_draw_is_reproducible_and_scored_from_the_answer_key(visit):
    ws, inspection, landlord, tenant = visit
    attempt = ws.assessments.start_quiz(inspection, tenant, "王建国", seed=42)
    again = ws.assessments.start_quiz(inspection, tenant, "王建国", seed=42)
    questions = ws.assessments.quiz_questions(attempt)
    assert [q.id for q in questions] == [q.id for q in ws.assessments.quiz_questions(again)]
    assert len({q.id for q in questions}) == len(questions) == 10
    assert ws.assessments.quiz(attempt)["audience"] == "principal"
    for q in questions[:8]:
        ws.assessments.answer_quiz(attempt, q.id, q.answer)
    result = ws.assessments.finish_quiz(attempt)  # two unanswered: 80 passes
    assert (result.score, result.max_score, result.passed) == (80, 100, True)
    stored = ws.assessments.quiz(attempt)
    assert (stored["score"], stored["passed"]) == (80, 1) and stored["finished_at"]
    with pytest.raises(ValidationError):
        ws.assessments.answer_quiz(attempt, questions[9].id, questions[9].answer)
    with pytest.raises(ValidationError):
        ws.assessments.finish_quiz(attempt)
    landlord_quiz = ws.assessments.start_quiz(inspection, landlord, "李四")
    assert ws.assessments.quiz(landlord_quiz)["audience"] == "landlord"


def test_quiz_refuses_questions_not_on_the_paper_and_a_missing_name(visit):
    ws, inspection, _, tenant = visit
    with pytest.raises(ValidationError):
        ws.assessments.start_quiz(inspection, tenant, "  ")
    attempt = ws.assessments.start_quiz(inspection, tenant, "王建国", seed=1)
    with pytest.raises(ValidationError):
        ws.assessments.answer_quiz(attempt, "Q-NOT-DRAWN", "A")


def test_awareness_rate_against_the_target(visit):
    ws, inspection, _, tenant = visit
    assert ws.assessments.awareness(inspection, tenant).rate is None
    ws.assessments.add_awareness_sample(inspection, tenant, "员工1", 3, 3)
    ws.assessments.add_awareness_sample(inspection, tenant, "员工2", 3, 2)
    result = ws.assessments.awareness(inspection, tenant)
    assert (result.asked, result.correct, result.target, result.passed) == (6, 5, 0.98, False)
    with pytest.raises(ValidationError):
        ws.assessments.add_awareness_sample(inspection, tenant, "员工3", 3, 4)
    with pytest.raises(ValidationError):
        ws.assessments.add_awareness_sample(inspection, tenant, "员工3", 0, 0)


def test_demo_inspections_follow_every_rule_and_pass_the_integrity_check(ws):
    from app.models.integrity import check

    summary = generate_demo(ws, landlords=6, tenants=15, inspections=4, seed=5, today=date(2026, 11, 23))
    assert summary.inspections == 4
    statuses = [i["status"] for i in ws.inspections.list()]
    assert statuses.count("COMPLETED") == 3 and statuses.count("IN_PROGRESS") == 1
    hazards = ws.store.query("SELECT * FROM hazard WHERE status = 'OPEN'")
    assert len(hazards) == summary.hazards > 0
    assert all(h["description"] and h["deadline"] and h["measure"] for h in hazards)
    assert check(ws).ok
