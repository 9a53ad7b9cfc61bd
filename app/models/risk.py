"""An enterprise's risk grade (红橙黄蓝) from its records, by the rules in resources/coverage/risk.toml, and the next
visit due by grade (domain brief §6.2). The grade is computed with the reason that gave it, never typed in."""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import ContentError
from app.models import vocab
from app.models.datafile import read_toml
from app.models.hazard_flow import Lifecycle, shipped_lifecycle
from app.models.store import Store
from app.models.visit_facts import refresh
from app.resources import resource_path

if TYPE_CHECKING:
    from app.models.templates import Templates

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
    def __init__(self, store: Store, templates: Templates, rules: RiskRules | None = None,
                 lifecycle: Lifecycle | None = None) -> None:
        self.store = store
        self.templates = templates  # the checklists the visits were judged by (app/models/visit_facts.py)
        self.rules = rules or shipped_rules()
        self.lifecycle = lifecycle or shipped_lifecycle()  # what "overdue" means

    def grade(self, enterprise_id: str, today: date) -> RiskGrade:
        return self.grades([enterprise_id], today)[enterprise_id]

    def grades(self, enterprise_ids: Iterable[str], today: date) -> dict[str, RiskGrade]:
        """The grade of each enterprise, each fact read in one query for all of them (a campaign grades every
        enterprise it has not reached: 16,000 at city size)."""
        ids = list(dict.fromkeys(enterprise_ids))
        refresh(self.store, self.templates)
        facts = _Facts(self.store, self.lifecycle, json.dumps(ids), today)
        holding = [((r.grade, r.when), facts.holding(r, ids)) for r in self.rules.rules]
        default = (self.rules.default, "default")
        graded: dict[str, RiskGrade] = {}
        made: dict[tuple[str, str, date | None], RiskGrade] = {}  # 16,000 grades share a few thousand values
        for enterprise_id in ids:
            key = next((key for key, who in holding if enterprise_id in who), default)
            visited = facts.last_visit.get(enterprise_id)
            found = made.get((*key, visited))
            if found is None:
                found = made[(*key, visited)] = self._graded(*key, visited)
            graded[enterprise_id] = found
        return graded

    def _graded(self, grade: str, reason: str, visited: date | None) -> RiskGrade:
        months = self.rules.frequency_months[grade]
        due = add_months(visited, months) if visited and months else None
        return RiskGrade(grade, reason, visited, due)


_IN_IDS = "IN (SELECT value FROM json_each(?))"


class _Facts:
    """What the conditions ask of a set of enterprises, each fact one query for all of them."""

    def __init__(self, store: Store, lifecycle: Lifecycle, ids_json: str, today: date) -> None:
        conn = store.db.conn
        overdue, params = lifecycle.overdue_sql(today)
        # Both hazard facts in one pass over each enterprise's hazards (an index holding every column read).
        self.open_major: set[str] = set()
        self.overdue: set[str] = set()
        for e, major, late in conn.execute(
                f"SELECT h.enterprise_id, max({_OPEN} AND h.grade = 'MAJOR'), max({overdue}) FROM hazard h "
                f"WHERE h.enterprise_id {_IN_IDS} AND h.deleted = 0 AND ({_OPEN} OR {overdue}) "
                "GROUP BY h.enterprise_id", (*params, ids_json, *params)):
            if major:
                self.open_major.add(e)
            if late:
                self.overdue.add(e)
        self.tenants = dict(conn.execute(
            f"SELECT landlord_id, count(*) FROM lease WHERE landlord_id {_IN_IDS} AND deleted = 0 "
            "GROUP BY landlord_id", (ids_json,)))
        # The newest completed visit of each (as landlord or as a target), from the visits' kept facts (a
        # re-inspection answers no checklist item, so it has none). max() picks the row it comes from (SQLite's bare
        # columns).
        self.last_visit: dict[str, date] = {}
        self.unclean: set[str] = set()
        for e, at, clean in conn.execute(
                f"SELECT enterprise_id, max(started_at), clean FROM visit_fact "
                f"WHERE enterprise_id {_IN_IDS} AND completed = 1 GROUP BY enterprise_id", (ids_json,)):
            self.last_visit[e] = date.fromisoformat(at[:10])
            if not clean:
                self.unclean.add(e)

    def holding(self, rule: Rule, ids: list[str]) -> set[str]:
        """The enterprises of `ids` for which the rule's condition holds."""
        if rule.when == "open_major_hazard":
            return self.open_major
        if rule.when == "overdue_hazard":
            return self.overdue
        if rule.when == "tenants_at_least":
            return set(ids) if rule.value <= 0 else {e for e, n in self.tenants.items() if int(n) >= rule.value}
        if rule.when == "clean_last_visit":
            return set(self.last_visit) - self.unclean
        raise ValueError(rule.when)


__all__ = ["CONDITIONS", "RiskGrade", "add_months", "RiskGrading", "RiskRules", "Rule", "load_rules", "shipped_rules"]
