"""亮星评级: which of the ten stars an enterprise lights, and why (domain brief §6.3). The stars and their checks are
data (resources/coverage/stars.toml, constructed); this module only computes them from the records, over the
configured window back from today. A star is lit, dark, or not rated when no record could tell."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import ContentError, language, localized
from app.models.assessments import Assessments
from app.models.comparison import Comparisons
from app.models.datafile import read_toml
from app.models.hazard_flow import Lifecycle, shipped_lifecycle
from app.models.inspections import RECHECK_MODE, Inspections
from app.models.registry import SAME_FIRM
from app.models.risk import add_months
from app.resources import resource_path

CHECKS = ("items_ok", "no_refusal", "no_escalation", "principal_passed", "awareness_passed", "no_overdue",
          "self_detection", "not_recorded")
# Statuses a hazard is in once it left the ordinary deadline for a penalty case or listing.
ESCALATED_STATES = ("ESCALATED", "LISTED", "IN_REMEDIATION", "UNDER_REVIEW")
PRINCIPAL_AUDIENCES = ("principal", "landlord")


@dataclass(frozen=True)
class StarRule:
    code: str
    name_zh: str
    name_en: str
    checks: tuple[Mapping[str, Any], ...]

    @property
    def name(self) -> str:
        return self.name_en if language() == "en" else self.name_zh


@dataclass(frozen=True)
class StarRules:
    window_months: int
    lighter_at: int
    heavier_at: int
    stars: tuple[StarRule, ...]


def load_stars(path: Path | None = None) -> StarRules:
    path = path or resource_path("coverage", "stars.toml")
    data = read_toml(path)

    def fail(where: str, zh: str, en: str) -> ContentError:
        return ContentError(path.name, where, zh, en)

    window, effect = data.get("window_months"), data.get("effect") or {}
    if type(window) is not int or window < 1:
        raise fail("window_months", "须为正整数", "must be a whole number of months, 1 or more")
    lighter, heavier = effect.get("lighter_at"), effect.get("heavier_at")
    if type(lighter) is not int or type(heavier) is not int or not 0 <= heavier < lighter:
        raise fail("effect", "lighter_at、heavier_at 须为整数且 heavier_at < lighter_at",
                   "lighter_at and heavier_at must be whole numbers with heavier_at < lighter_at")
    stars, codes = [], set()
    for n, raw in enumerate(data.get("stars") or []):
        where = f"stars[{n}]"
        code, checks = raw.get("code"), raw.get("checks")
        if not isinstance(code, str) or not code or code in codes:
            raise fail(f"{where}.code", "须为不重复的代码", "must be a code used once")
        if not all(isinstance(raw.get(k), str) and raw[k] for k in ("name_zh", "name_en")):
            raise fail(where, "须有 name_zh 和 name_en", "needs name_zh and name_en")
        if not isinstance(checks, list) or not checks:
            raise fail(f"{where}.checks", "须至少有一项检查", "needs at least one check")
        for m, check in enumerate(checks):
            _validate_check(check, f"{where}.checks[{m}]", fail)
        codes.add(code)
        stars.append(StarRule(code, raw["name_zh"], raw["name_en"], tuple(checks)))
    if not stars:
        raise fail("stars", "须至少有一颗星", "needs at least one star")
    return StarRules(window, lighter, heavier, tuple(stars))


def _validate_check(check: Any, where: str, fail: Callable[[str, str, str], ContentError]) -> None:
    name = check.get("check") if isinstance(check, dict) else None
    if name not in CHECKS:
        raise fail(where, f"未知的检查（可用：{'、'.join(CHECKS)}）", f"unknown check (known: {', '.join(CHECKS)})")
    if name == "items_ok":
        items = check.get("items")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            raise fail(f"{where}.items", "须为检查事项编号的列表", "must be a list of checklist item codes")
        if not isinstance(check.get("allow_na", False), bool):
            raise fail(f"{where}.allow_na", "须为 true 或 false", "must be true or false")
    if name == "self_detection":
        value = check.get("value")
        if type(value) not in (int, float) or not 0 < value <= 1:
            raise fail(f"{where}.value", "须为 0 到 1 之间的比例", "must be a share between 0 and 1")
    if name == "not_recorded" and not all(isinstance(check.get(k), str) for k in ("reason_zh", "reason_en")):
        raise fail(where, "须有 reason_zh 和 reason_en", "needs reason_zh and reason_en")


@lru_cache(maxsize=1)
def shipped_stars() -> StarRules:
    return load_stars()


@dataclass(frozen=True)
class Star:
    code: str
    name: str
    lit: bool | None  # None: not rated (no record could tell)
    reasons: tuple[str, ...]  # one per check, in the rule's order


@dataclass(frozen=True)
class StarRating:
    stars: tuple[Star, ...]
    since: date
    rules: StarRules

    @property
    def lit(self) -> int:
        return sum(s.lit is True for s in self.stars)

    @property
    def rated(self) -> int:
        return sum(s.lit is not None for s in self.stars)

    @property
    def effect(self) -> str:
        """What the count suggests for the visit plan ('' when neither threshold is met)."""
        if self.lit >= self.rules.lighter_at:
            return localized("亮星 {n} 颗及以上：可降低一级检查频次",
                             "{n} stars or more: one grade lighter visit frequency").format(n=self.rules.lighter_at)
        if self.lit <= self.rules.heavier_at:
            return localized("亮星不超过 {n} 颗：宜提高一级检查频次",
                             "{n} stars or fewer: one grade heavier visit frequency").format(n=self.rules.heavier_at)
        return ""


# (holds, reason): holds None when the records cannot tell.
Outcome = tuple[bool | None, str]
# The newest completed visit of the window: (inspection id, enterprise id as visited, day).
Visit = tuple[str, str, str]


class Stars:
    def __init__(self, inspections: Inspections, assessments: Assessments, comparisons: Comparisons,
                 rules: StarRules | None = None, lifecycle: Lifecycle | None = None) -> None:
        self.inspections = inspections
        self.assessments = assessments
        self.comparisons = comparisons
        self.store = inspections.store
        self.rules = rules or shipped_stars()
        self.lifecycle = lifecycle or shipped_lifecycle()

    def rate(self, enterprise_id: str, today: date) -> StarRating:
        since = add_months(today, -self.rules.window_months)
        ids = self._firm(enterprise_id)
        visit = self._last_visit(ids, since)
        stars = []
        for rule in self.rules.stars:
            outcomes = [self._check(check, ids, since, today, visit) for check in rule.checks]
            holds = [o[0] for o in outcomes]
            lit = False if False in holds else None if None in holds else True
            stars.append(Star(rule.code, rule.name, lit, tuple(o[1] for o in outcomes)))
        return StarRating(tuple(stars), since, self.rules)

    def _firm(self, enterprise_id: str) -> tuple[str, ...]:
        """The enterprise and the records merged into it (one firm, one rating)."""
        rows = self.store.db.conn.execute(f"SELECT id FROM enterprise WHERE id IN {SAME_FIRM}", {"e": enterprise_id})
        return tuple(dict.fromkeys([enterprise_id, *(r[0] for r in rows)]))

    def _check(self, check: Mapping[str, Any], ids: tuple[str, ...], since: date, today: date,
               visit: Visit | None) -> Outcome:
        name = check["check"]
        if name == "items_ok":
            return self._items_ok(check["items"], bool(check.get("allow_na", False)), since, visit)
        if name == "no_refusal":
            return self._no_refusal(ids, since)
        if name == "no_escalation":
            return self._no_escalation(ids, since)
        if name == "principal_passed":
            return self._principal_passed(ids, since)
        if name == "awareness_passed":
            return self._awareness_passed(ids, since)
        if name == "no_overdue":
            return self._no_overdue(ids, since, today)
        if name == "self_detection":
            return self._self_detection(float(check["value"]), ids, since)
        return None, check["reason_en" if language() == "en" else "reason_zh"]

    @staticmethod
    def _in(values: tuple[str, ...] | list[str]) -> str:
        return "(" + ", ".join("?" * len(values)) + ")"

    def _last_visit(self, ids: tuple[str, ...], since: date) -> Visit | None:
        row = self.store.db.conn.execute(
            f"""SELECT i.id, t.enterprise_id, substr(i.started_at, 1, 10) FROM inspection i
                JOIN inspection_target t ON t.inspection_id = i.id AND t.deleted = 0
                WHERE i.deleted = 0 AND i.status = 'COMPLETED' AND i.mode != ?
                AND t.enterprise_id IN {self._in(ids)}
                AND substr(i.started_at, 1, 10) >= ? ORDER BY i.started_at DESC, i.id DESC LIMIT 1""",
            (RECHECK_MODE, *ids, since.isoformat()),
        ).fetchone()
        return (str(row[0]), str(row[1]), str(row[2])) if row else None

    def _items_ok(self, items: list[str], allow_na: bool, since: date, visit: Visit | None) -> Outcome:
        if visit is None:
            return None, localized("{since} 以来没有完成的检查", "No completed visit since {since}").format(since=since)
        inspection_id, enterprise_id, day = visit
        verdicts = {r["item_code"]: r["verdict"] for r in self.store.query(
            f"SELECT item_code, verdict FROM item_result WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0 "
            f"AND item_code IN {self._in(items)}", (inspection_id, enterprise_id, *items))
            if r["verdict"]}
        if not verdicts:
            return None, localized("{day} 的检查未涉及 {items}", "The visit of {day} did not judge {items}").format(
                day=day, items="、".join(items))
        accepted = ("COMPLIANT", "NOT_APPLICABLE") if allow_na else ("COMPLIANT",)
        failed = [code for code in items if code in verdicts and verdicts[code] not in accepted]
        if failed:
            return False, localized("{day} 检查中 {items} 不符合", "At the visit of {day}, {items} not compliant"
                                    ).format(day=day, items="、".join(failed))
        return True, localized("{day} 检查中 {items} 均符合", "At the visit of {day}, {items} all compliant").format(
            day=day, items="、".join(code for code in items if code in verdicts))

    def _no_refusal(self, ids: tuple[str, ...], since: date) -> Outcome:
        row = self.store.db.conn.execute(
            f"""SELECT substr(s.signed_at, 1, 10), s.signer_name FROM signature s JOIN person p ON p.id = s.person_id
                WHERE s.deleted = 0 AND s.refused = 1 AND p.enterprise_id IN {self._in(ids)}
                AND substr(s.signed_at, 1, 10) >= ? ORDER BY s.signed_at DESC LIMIT 1""",
            (*ids, since.isoformat()),
        ).fetchone()
        if row:
            return False, localized("{day} {name} 拒绝签字", "{name} refused to sign on {day}").format(
                day=row[0], name=row[1])
        return True, localized("{since} 以来无拒绝签字", "No refusal to sign since {since}").format(since=since)

    def _no_escalation(self, ids: tuple[str, ...], since: date) -> Outcome:
        conn = self.store.db.conn
        now = conn.execute(
            f"SELECT count(*) FROM hazard WHERE deleted = 0 AND enterprise_id IN {self._in(ids)} "
            f"AND status IN {self._in(ESCALATED_STATES)}", (*ids, *ESCALATED_STATES),
        ).fetchone()[0]
        if now:
            return False, localized("{n} 项隐患已升级处理（立案或挂牌督办）",
                                    "{n} hazard(s) escalated (penalty case or listing)").format(n=now)
        rechecked = conn.execute(
            f"""SELECT count(*) FROM recheck_line l JOIN hazard h ON h.id = l.hazard_id
                JOIN inspection i ON i.id = l.inspection_id
                WHERE l.deleted = 0 AND l.followup = 'ESCALATE' AND i.status = 'COMPLETED'
                AND h.enterprise_id IN {self._in(ids)} AND substr(i.started_at, 1, 10) >= ?""",
            (*ids, since.isoformat()),
        ).fetchone()[0]
        if rechecked:
            return False, localized("{since} 以来复查中 {n} 项隐患升级处理",
                                    "{n} hazard(s) escalated at re-inspections since {since}").format(
                n=rechecked, since=since)
        return True, localized("{since} 以来无升级处理的隐患", "No hazard escalated since {since}").format(since=since)

    def _principal_passed(self, ids: tuple[str, ...], since: date) -> Outcome:
        row = self.store.db.conn.execute(
            f"""SELECT substr(finished_at, 1, 10), passed, score, max_score FROM quiz_attempt
                WHERE deleted = 0 AND finished_at IS NOT NULL AND enterprise_id IN {self._in(ids)}
                AND audience IN {self._in(PRINCIPAL_AUDIENCES)} AND substr(finished_at, 1, 10) >= ?
                ORDER BY finished_at DESC LIMIT 1""",
            (*ids, *PRINCIPAL_AUDIENCES, since.isoformat()),
        ).fetchone()
        if row is None:
            return False, localized("{since} 以来负责人未参加考试",
                                    "The principal was not tested since {since}").format(since=since)
        day, passed, score, top = row
        if passed:
            return True, localized("{day} 负责人考试合格（{score}/{top}）", "Principal passed on {day} ({score}/{top})"
                                   ).format(day=day, score=score, top=top)
        return False, localized("{day} 负责人考试不合格（{score}/{top}）", "Principal failed on {day} ({score}/{top})"
                                ).format(day=day, score=score, top=top)

    def _awareness_passed(self, ids: tuple[str, ...], since: date) -> Outcome:
        row = self.store.db.conn.execute(
            f"""SELECT a.inspection_id, a.enterprise_id, substr(i.started_at, 1, 10) FROM awareness_sample a
                JOIN inspection i ON i.id = a.inspection_id
                WHERE a.deleted = 0 AND i.deleted = 0 AND a.enterprise_id IN {self._in(ids)}
                AND substr(i.started_at, 1, 10) >= ? ORDER BY i.started_at DESC LIMIT 1""",
            (*ids, since.isoformat()),
        ).fetchone()
        if row is None:
            return False, localized("{since} 以来未抽查从业人员应知应会", "No worker awareness check since {since}"
                                    ).format(since=since)
        result = self.assessments.awareness(row[0], row[1])
        text = dict(day=row[2], rate=f"{(result.rate or 0):.0%}", target=f"{result.target:.0%}")
        if result.passed:
            return True, localized("{day} 应知应会知晓率 {rate}（目标 {target}）",
                                   "Awareness {rate} on {day} (target {target})").format(**text)
        return False, localized("{day} 应知应会知晓率 {rate}，未达 {target}",
                                "Awareness {rate} on {day}, below {target}").format(**text)

    def _no_overdue(self, ids: tuple[str, ...], since: date, today: date) -> Outcome:
        overdue, params = self.lifecycle.overdue_sql(today)
        conn = self.store.db.conn
        now = conn.execute(
            f"SELECT count(*) FROM hazard h WHERE h.deleted = 0 AND h.enterprise_id IN {self._in(ids)} AND {overdue}",
            (*ids, *params),
        ).fetchone()[0]
        if now:
            return False, localized("{n} 项隐患逾期未整改", "{n} hazard(s) overdue").format(n=now)
        before = conn.execute(
            f"SELECT count(*) FROM hazard WHERE deleted = 0 AND enterprise_id IN {self._in(ids)} "
            "AND overdue_since >= ?", (*ids, since.isoformat()),
        ).fetchone()[0]
        if before:
            return False, localized("{since} 以来 {n} 项隐患曾逾期", "{n} hazard(s) went overdue since {since}").format(
                n=before, since=since)
        return True, localized("无逾期隐患", "No hazard overdue")

    def _self_detection(self, threshold: float, ids: tuple[str, ...], since: date) -> Outcome:
        found = self.comparisons.latest(ids, since)
        if found is None:
            return None, localized("{since} 以来未做比对检查", "No comparison inspection since {since}").format(
                since=since)
        rate = found.self_detection_rate
        text = dict(day=found.period_to, rate="—" if rate is None else f"{rate:.0%}", target=f"{threshold:.0%}")
        if rate is None:
            return None, localized("截至 {day} 的比对无可比的隐患", "The comparison to {day} had no hazards to compare"
                                   ).format(**text)
        if rate >= threshold:
            return True, localized("比对自查发现率 {rate}（截至 {day}，目标 {target}）",
                                   "Self-detection {rate} (to {day}, target {target})").format(**text)
        return False, localized("比对自查发现率 {rate}（截至 {day}），未达 {target}",
                                "Self-detection {rate} (to {day}), below {target}").format(**text)


__all__ = ["CHECKS", "Star", "StarRating", "StarRule", "StarRules", "Stars", "load_stars", "shipped_stars"]
