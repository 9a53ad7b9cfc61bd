"""An enterprise's risk grade (红橙黄蓝) from its records, by the rules in resources/coverage/risk.toml, and the next
visit due by grade (domain brief §6.2). The grade is computed with the reason that gave it, never typed in."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from app.errors import ContentError
from app.models import vocab
from app.models.datafile import read_toml
from app.models.hazard_flow import Lifecycle, shipped_lifecycle
from app.models.inspections import RECHECK_MODE
from app.models.store import Store
from app.resources import resource_path

CONDITIONS = ("open_major_hazard", "overdue_hazard", "tenants_at_least", "clean_last_visit")
_OPEN = "h.deleted = 0 AND h.status NOT IN ('CLOSED', 'VOID')"


@dataclass(frozen=True)
class Rule:
    grade: str
    when: str
    value: int = 0


@dataclass(frozen=True)
class RiskRules:
    rules: tuple[Rule, ...]
    default: str
    frequency_months: dict[str, int]


def load_rules(path: Path | None = None) -> RiskRules:
    path = path or resource_path("coverage", "risk.toml")
    data = read_toml(path)
    grades = set(vocab.codes("risk_grades"))
    rules = []
    for n, raw in enumerate(data.get("rules") or []):
        grade, when, value = raw.get("grade"), raw.get("when"), raw.get("value", 0)
        if grade not in grades:
            raise ContentError(path.name, f"rules[{n}].grade", "须为风险等级 RED/ORANGE/YELLOW/BLUE",
                               "must be a risk grade RED/ORANGE/YELLOW/BLUE")
        if when not in CONDITIONS:
            raise ContentError(path.name, f"rules[{n}].when", f"未知的条件（可用：{'、'.join(CONDITIONS)}）",
                               f"unknown condition (known: {', '.join(CONDITIONS)})")
        if type(value) is not int or value < 0:
            raise ContentError(path.name, f"rules[{n}].value", "须为非负整数", "must be a whole number, 0 or more")
        rules.append(Rule(grade, when, value))
    default = data.get("default")
    months = data.get("frequency_months") or {}
    if default not in grades:
        raise ContentError(path.name, "default", "须为风险等级", "must be a risk grade")
    if set(months) != grades or not all(type(m) is int and m >= 0 for m in months.values()):
        raise ContentError(path.name, "frequency_months", "每个风险等级须有非负整数的月数",
                           "every risk grade needs a whole number of months, 0 or more")
    return RiskRules(tuple(rules), str(default), dict(months))


@lru_cache(maxsize=1)
def shipped_rules() -> RiskRules:
    return load_rules()


@dataclass(frozen=True)
class RiskGrade:
    grade: str
    reason: str  # the condition that gave it ("default" when none held)
    last_visit: date | None
    next_visit_due: date | None  # None: sampled only, or never visited (due now)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer (31 Jan + 1 = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class RiskGrading:
    def __init__(self, store: Store, rules: RiskRules | None = None, lifecycle: Lifecycle | None = None) -> None:
        self.store = store
        self.rules = rules or shipped_rules()
        self.lifecycle = lifecycle or shipped_lifecycle()  # what "overdue" means

    def grade(self, enterprise_id: str, today: date) -> RiskGrade:
        last = self._last_visit(enterprise_id)
        for rule in self.rules.rules:
            if self._holds(rule, enterprise_id, today, last):
                return self._graded(rule.grade, rule.when, last)
        return self._graded(self.rules.default, "default", last)

    def _graded(self, grade: str, reason: str, last: tuple[str, date] | None) -> RiskGrade:
        months = self.rules.frequency_months[grade]
        visited = last[1] if last else None
        due = add_months(visited, months) if visited and months else None
        return RiskGrade(grade, reason, visited, due)

    def _holds(self, rule: Rule, enterprise_id: str, today: date, last: tuple[str, date] | None) -> bool:
        conn = self.store.db.conn
        if rule.when == "open_major_hazard":
            sql = f"SELECT 1 FROM hazard h WHERE h.enterprise_id = ? AND {_OPEN} AND h.grade = 'MAJOR' LIMIT 1"
            return conn.execute(sql, (enterprise_id,)).fetchone() is not None
        if rule.when == "overdue_hazard":
            overdue, params = self.lifecycle.overdue_sql(today)
            sql = f"SELECT 1 FROM hazard h WHERE h.enterprise_id = ? AND h.deleted = 0 AND {overdue} LIMIT 1"
            return conn.execute(sql, (enterprise_id, *params)).fetchone() is not None
        if rule.when == "tenants_at_least":
            count = conn.execute("SELECT count(*) FROM lease WHERE landlord_id = ? AND deleted = 0",
                                 (enterprise_id,)).fetchone()[0]
            return int(count) >= rule.value
        if rule.when == "clean_last_visit":
            if last is None:
                return False
            bad = conn.execute(
                "SELECT 1 FROM item_result WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0 "
                "AND (verdict IS NULL OR verdict = 'NONCOMPLIANT') LIMIT 1", (last[0], enterprise_id),
            ).fetchone()
            return bad is None
        raise ValueError(rule.when)

    def _last_visit(self, enterprise_id: str) -> tuple[str, date] | None:
        """The newest completed visit of the enterprise (as landlord or as a target); a re-inspection answers no
        checklist item, so it says nothing of a clean visit."""
        # Two indexed lookups joined by UNION: an OR across the two would scan every visit.
        row = self.store.db.conn.execute(
            """SELECT i.id, i.started_at FROM inspection i
               WHERE i.id IN (SELECT id FROM inspection WHERE enterprise_id = :e UNION
                              SELECT inspection_id FROM inspection_target WHERE enterprise_id = :e AND deleted = 0)
               AND i.deleted = 0 AND i.status = 'COMPLETED' AND i.mode != :recheck
               ORDER BY i.started_at DESC LIMIT 1""", {"e": enterprise_id, "recheck": RECHECK_MODE},
        ).fetchone()
        return (str(row[0]), date.fromisoformat(str(row[1])[:10])) if row else None


__all__ = ["CONDITIONS", "RiskGrade", "add_months", "RiskGrading", "RiskRules", "Rule", "load_rules", "shipped_rules"]
