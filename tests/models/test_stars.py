"""亮星评级 (app/models/stars.py): which stars a fixed fixture lights, which stay dark or not rated, and why."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import ContentError
from app.models.stars import load_stars
from tests.models.test_comparison import END, START, sheet
from tests.models.test_risk import judge_all
from tests.support import build_site

TODAY = date(2026, 11, 23)


@pytest.fixture
def site(ws):
    return build_site(ws, now=datetime(2026, 11, 23, 9, 30))


def stars(ws, enterprise_id: str, today: date = TODAY) -> dict[str, tuple[bool | None, tuple[str, ...]]]:
    return {s.code: (s.lit, s.reasons) for s in ws.stars.rate(enterprise_id, today).stars}


def pass_quiz(ws, site, passed: bool = True) -> None:
    attempt = ws.assessments.start_quiz(site.inspection, site.tenant, "王建国", seed=7)
    for q in ws.assessments.quiz_questions(attempt)[: 10 if passed else 2]:
        ws.assessments.answer_quiz(attempt, q.id, q.answer)
    ws.assessments.finish_quiz(attempt)


def test_without_a_completed_visit_checklist_stars_are_not_rated(ws, site):
    rated = stars(ws, site.tenant)
    assert len(rated) == 10
    assert rated["RESPONSIBILITY"][0] is None and "以来没有完成的检查" in rated["RESPONSIBILITY"][1][0]
    assert rated["LAW"][0] is True and rated["CLOSURE"][0] is True
    assert rated["TRAINING"][0] is False  # never tested, awareness never checked
    assert rated["STANDARDISATION"] == (None, ("本系统不记录安全生产标准化等级",))
    assert rated["SELF_INSPECTION"][0] is None


def test_a_clean_completed_visit_with_tests_passed_lights_the_checklist_and_training_stars(ws, site):
    judge_all(ws, site, site.tenant)
    pass_quiz(ws, site)
    ws.assessments.add_awareness_sample(site.inspection, site.tenant, "张三", 50, 50)
    ws.store.update("inspection", site.inspection, {"status": "COMPLETED"})
    rated = stars(ws, site.tenant)
    lit = {code for code, (on, _) in rated.items() if on}
    assert lit == {"RESPONSIBILITY", "LAW", "EMERGENCY", "TRAINING", "CLOSURE", "FIRE", "DANGEROUS_WORK"}
    assert "2026-11-23 负责人考试合格（100/100）" in rated["TRAINING"][1]
    rating = ws.stars.rate(site.tenant, TODAY)
    assert (rating.lit, rating.rated, rating.effect) == (7, 7, "")  # 自查星 waits for a comparison
    # a year later the visit is out of the window
    assert stars(ws, site.tenant, TODAY + timedelta(days=400))["FIRE"][0] is None


def test_a_failed_item_a_refusal_an_overdue_hazard_and_a_failed_quiz_darken_their_stars(ws, site):
    items = {i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)}
    judge_all(ws, site, site.tenant)
    outcome = ws.inspections.record_verdict(site.inspection, site.tenant, "SITE-02", "NONCOMPLIANT", "通道堵塞")
    ws.inspections.update_hazard(outcome.hazard_id, deadline=(TODAY + timedelta(days=5)).isoformat())
    ws.signatures.refuse(site.inspection, "principal", "王建国", "拒绝在检查记录上签字", enterprise_id=site.tenant)
    pass_quiz(ws, site, passed=False)
    ws.store.update("inspection", site.inspection, {"status": "COMPLETED"})
    later = TODAY + timedelta(days=10)
    rated = stars(ws, site.tenant, later)
    assert "SITE-02" in items
    assert rated["FIRE"] == (False, ("2026-11-23 检查中 SITE-02 不符合",))
    assert rated["LAW"][0] is False and "王建国 拒绝签字" in rated["LAW"][1][1]
    assert rated["CLOSURE"] == (False, ("1 项隐患逾期未整改",))
    assert rated["TRAINING"][0] is False and "不合格" in rated["TRAINING"][1][1]
    assert ws.stars.rate(site.tenant, later).effect == "亮星不超过 3 颗：宜提高一级检查频次"
    # the landlord's own record is its own: nothing of the tenant's darkens it
    assert stars(ws, site.landlord, later)["LAW"][0] is True


def test_the_self_inspection_star_follows_the_comparison(ws, site, tmp_path):
    judge_all(ws, site, site.tenant, bad=1)
    code = ws.inspections.applicable_items(site.inspection, site.tenant)[0].code
    ws.comparisons.import_file(site.tenant, sheet(tmp_path / "l.xlsx", [[code, None, "合格", None, None]]), START, END)
    assert stars(ws, site.tenant)["SELF_INSPECTION"][0] is False  # it called compliant what officers did not
    ws.comparisons.import_file(site.tenant, sheet(tmp_path / "m.xlsx", [[code, None, "不合格", "自己发现", None]]),
                               START, END)
    lit, (reason,) = stars(ws, site.tenant)["SELF_INSPECTION"]
    assert lit is True and reason.startswith("比对自查发现率 100%")


def test_a_stars_file_with_an_unknown_check_or_bad_threshold_is_refused(tmp_path: Path):
    bad = tmp_path / "stars.toml"
    bad.write_text('window_months = 12\n[effect]\nlighter_at = 8\nheavier_at = 3\n'
                   '[[stars]]\ncode = "X"\nname_zh = "星"\nname_en = "Star"\nchecks = [{ check = "smiles" }]\n',
                   encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_stars(bad)
    assert "stars[0].checks[0]" in str(err.value)
    bad.write_text(bad.read_text(encoding="utf-8").replace('"smiles" }', '"self_detection", value = 80 }'),
                   encoding="utf-8")
    with pytest.raises(ContentError):
        load_stars(bad)
    assert len(load_stars().stars) == 10
