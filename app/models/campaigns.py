"""Campaigns (专项行动) for "所有企业必到": a period and a scope — the whole district, some townships, some parks or a
list of enterprises — and their coverage: per township and per park the share of the scope's enterprises visited
with the method kept (app/models/coverage.py), the ones not yet visited with their risk grade and the next visit due
by grade (app/models/risk.py), most urgent first. A campaign is a synced row, so a supervisor's campaign reaches
the laptops and every laptop counts the same visits."""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.errors import ValidationError
from app.models.coverage import RULES, Coverage, Visit
from app.models.inspections import Inspections
from app.models.risk import RiskGrade, RiskGrading
from app.models.schema_visits import SOME_RULE_MISSED

SCOPES = ("ALL", "TOWNSHIPS", "PARKS", "ENTERPRISES")
GRADE_ORDER = {"RED": 0, "ORANGE": 1, "YELLOW": 2, "BLUE": 3}
MAX_NAME = 100


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    start: date
    end: date
    scope_kind: str
    scope: tuple[str, ...]  # township, park or enterprise ids (empty for ALL)


@dataclass
class Group:
    """One township or park of the campaign's scope: how many of its enterprises, and how many visited."""

    id: str | None
    name: str
    total: int = 0
    visited: int = 0

    @property
    def share(self) -> float:
        return self.visited / self.total if self.total else 0.0


@dataclass(frozen=True)
class Pending:
    """An enterprise of the scope not yet visited with the method kept."""

    enterprise_id: str
    name: str
    township: str
    park: str
    risk: RiskGrade
    tried: tuple[Visit, ...]  # visits in the period that did not keep the method


@dataclass(frozen=True)
class VisitRow:
    """Who visited whom: one enterprise of the scope on one visit of the period."""

    day: str
    enterprise_id: str
    enterprise: str
    inspectors: str  # names, "、"-separated
    missed: tuple[str, ...]  # the method's rules it did not keep (empty: it counts)


@dataclass(frozen=True)
class CampaignCoverage:
    campaign: Campaign
    townships: list[Group]
    parks: list[Group]
    pending: list[Pending]  # RED first, then by next visit due
    visit_count: int  # visits of the period to enterprises of the scope, listed by Campaigns.visit_rows

    @property
    def total(self) -> int:
        return sum(g.total for g in self.townships)

    @property
    def visited(self) -> int:
        return sum(g.visited for g in self.townships)


class Campaigns:
    def __init__(self, inspections: Inspections, risk: RiskGrading) -> None:
        self.inspections = inspections
        self.store = inspections.store
        self.risk = risk

    def create(self, name: str, start: date, end: date, scope_kind: str = "ALL",
               scope: builtins.list[str] | tuple[str, ...] = ()) -> str:
        values = self._validated(name, start, end, scope_kind, scope)
        return self.store.insert("campaign", values)

    def update(self, campaign_id: str, name: str, start: date, end: date, scope_kind: str,
               scope: builtins.list[str] | tuple[str, ...]) -> None:
        with self.store.transaction():
            self.store.require("campaign", campaign_id)
            self.store.update("campaign", campaign_id, self._validated(name, start, end, scope_kind, scope))

    def delete(self, campaign_id: str) -> None:
        with self.store.transaction():
            self.store.require("campaign", campaign_id)
            self.store.delete("campaign", campaign_id)

    def list(self) -> builtins.list[Campaign]:
        """Newest period first."""
        rows = self.store.query("SELECT * FROM campaign WHERE deleted = 0 ORDER BY period_to DESC, name, id")
        return [c for c in map(self._campaign, rows) if c is not None]

    def get(self, campaign_id: str) -> Campaign:
        campaign = self._campaign(self.store.require("campaign", campaign_id))
        if campaign is None:
            raise ValidationError("campaign.unreadable", "该专项行动的期间无法识别",
                                  "The campaign's period is unreadable")
        return campaign

    def _validated(self, name: str, start: date, end: date, scope_kind: str,
                   scope: builtins.list[str] | tuple[str, ...]) -> dict[str, Any]:
        name = (name or "").strip()
        if not name or len(name) > MAX_NAME:
            raise ValidationError("campaign.name", "请填写活动名称（最多 {max} 字）",
                                  "Enter the campaign's name (at most {max} characters)", max=MAX_NAME)
        if end < start:
            raise ValidationError("campaign.period", "活动的结束日期早于开始日期", "The campaign ends before it starts")
        if scope_kind not in SCOPES:
            raise ValidationError("campaign.scope_kind", "未知的范围类型：{kind}", "Unknown scope: {kind}",
                                  kind=scope_kind)
        ids = list(dict.fromkeys(scope)) if scope_kind != "ALL" else []
        if scope_kind != "ALL":
            table = {"TOWNSHIPS": "org_unit", "PARKS": "park", "ENTERPRISES": "enterprise"}[scope_kind]
            unknown = [i for i in ids if not self.store.get(table, i)]
            if not ids or unknown:
                raise ValidationError("campaign.scope", "活动范围须选择至少一个现有的镇街、园区或企业",
                                      "The scope needs at least one existing township, park or enterprise")
        return {"name": name, "period_from": start.isoformat(), "period_to": end.isoformat(),
                "scope_kind": scope_kind, "scope": json.dumps(ids, ensure_ascii=False)}

    @staticmethod
    def _campaign(row: dict[str, Any]) -> Campaign | None:
        """The row as a campaign; None for one whose period cannot be read (a bundle's fields are only checked for
        their type), so one broken row does not stop the page."""
        try:
            start, end = date.fromisoformat(row["period_from"]), date.fromisoformat(row["period_to"])
        except (ValueError, TypeError):
            return None
        try:
            scope = tuple(str(i) for i in json.loads(row["scope"] or "[]"))
        except (ValueError, TypeError):
            scope = ()  # a broken scope reads as empty: the campaign covers no one rather than everyone
        return Campaign(row["id"], row["name"], start, end, row["scope_kind"], scope)

    # Coverage

    def _scope(self, campaign: Campaign) -> tuple[str, tuple[str, ...]]:
        """SQL that holds for the live enterprises `e` in scope (merged records left out), with its parameters."""
        live = "e.deleted = 0 AND e.merged_into IS NULL"
        if campaign.scope_kind == "ALL":
            return live, ()
        if not campaign.scope:
            return f"{live} AND 0", ()
        column = {"TOWNSHIPS": "e.township_id", "PARKS": "e.park_id", "ENTERPRISES": "e.id"}[campaign.scope_kind]
        return f"{live} AND {column} IN ({', '.join('?' * len(campaign.scope))})", campaign.scope

    def coverage(self, campaign: Campaign, today: date) -> CampaignCoverage:
        """Counted in SQL over the visits' kept facts (app/models/visit_facts.py): a city's campaign is 30,000
        enterprises and 20,000 visits. The visits are listed apart (visit_rows), when asked for."""
        judge = Coverage(self.inspections)
        judge.refresh()
        conn = self.store.db.conn
        scope, params = self._scope(campaign)
        period = (campaign.start.isoformat(), campaign.end.isoformat())
        # Per enterprise of the period: its visits, and whether one kept the method.
        visits = (f"WITH v AS MATERIALIZED (SELECT f.enterprise_id AS id, count(*) AS n, max({judge.counts_sql()}) "
                  "AS kept FROM visit_fact f WHERE f.day BETWEEN ? AND ? GROUP BY f.enterprise_id)")
        townships: dict[str | None, Group] = {}
        parks: dict[str | None, Group] = {}
        visit_count = 0
        for town_id, town, park_id, park, total, visited, seen in conn.execute(
            f"""{visits} SELECT e.township_id, coalesce(o.name, '') AS township, e.park_id,
                       coalesce(p.name, '') AS park, count(*), coalesce(sum(v.kept), 0), coalesce(sum(v.n), 0)
                FROM enterprise e LEFT JOIN v ON v.id = e.id
                LEFT JOIN org_unit o ON o.id = e.township_id LEFT JOIN park p ON p.id = e.park_id
                WHERE {scope} GROUP BY e.township_id, e.park_id ORDER BY township, park, e.township_id, e.park_id""",
            (*period, *params)):
            visit_count += seen
            for groups, key, name in ((townships, town_id, town), (parks, park_id, park)):
                group = groups.setdefault(key, Group(key, name))
                group.total += total
                group.visited += visited
        waiting = conn.execute(
            f"""{visits} SELECT e.id, e.name, coalesce(o.name, '') AS township, coalesce(p.name, '') AS park
                FROM enterprise e LEFT JOIN v ON v.id = e.id
                LEFT JOIN org_unit o ON o.id = e.township_id LEFT JOIN park p ON p.id = e.park_id
                WHERE {scope} AND v.kept IS NOT 1 ORDER BY township, park, e.name, e.id""",
            (*period, *params)).fetchall()
        # The visits that did not count (few: most keep the method), of the enterprises none counted for.
        tried: dict[str, builtins.list[Visit]] = {w[0]: [] for w in waiting}
        for row in conn.execute(
            f"""SELECT f.enterprise_id, f.inspection_id, f.started_at, f.inspector_ids, {", ".join(RULES)}
                FROM visit_fact f WHERE f.day BETWEEN ? AND ? AND ({SOME_RULE_MISSED}) AND NOT ({judge.counts_sql()})
                ORDER BY f.started_at, f.inspection_id""", period):
            if row[0] in tried:
                tried[row[0]].append(judge.visit(row))
        grades = self.risk.grades(tried, today)
        pending = [Pending(e, name, town, park, grades[e], tuple(tried[e])) for e, name, town, park in waiting]
        pending.sort(key=lambda p: (GRADE_ORDER.get(p.risk.grade, 9), p.risk.next_visit_due or date.min, p.name))
        in_parks = [g for k, g in parks.items() if k is not None]
        return CampaignCoverage(campaign, builtins.list(townships.values()), in_parks, pending, visit_count)

    def visit_rows(self, campaign: Campaign) -> builtins.list[VisitRow]:
        """Who visited whom: every visit of the period to an enterprise of the scope, newest first."""
        judge = Coverage(self.inspections)
        judge.refresh()
        scope, params = self._scope(campaign)
        return [VisitRow(day, enterprise_id, name, inspectors, judge.missed(flags))
                for enterprise_id, day, name, inspectors, *flags in self.store.db.conn.execute(
                    f"""SELECT f.enterprise_id, f.day, e.name, f.inspectors, {", ".join(RULES)}
                        FROM visit_fact f JOIN enterprise e ON e.id = f.enterprise_id
                        WHERE f.day BETWEEN ? AND ? AND {scope}
                        ORDER BY f.day DESC, e.name DESC, e.id, f.started_at, f.inspection_id""",
                    (campaign.start.isoformat(), campaign.end.isoformat(), *params))]


__all__ = ["SCOPES", "Campaign", "CampaignCoverage", "Campaigns", "Group", "Pending", "VisitRow"]
