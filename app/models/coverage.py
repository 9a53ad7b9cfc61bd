"""所有企业必到: which enterprises of a township were visited in a period with the method kept, which were not, and
who visited whom. The rule for "kept" is data (resources/coverage/policy.toml)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from app.errors import ContentError
from app.models.datafile import read_toml
from app.models.inspections import RECHECK_MODE, Inspections, applicable_items_for
from app.resources import resource_path

RULES = ("completed", "every_item_answered", "safety_officer_questioned", "principal_tested")


@dataclass(frozen=True)
class VisitPolicy:
    completed: bool = True
    every_item_answered: bool = True
    safety_officer_questioned: bool = True
    principal_tested: bool = True


def load_policy(path: Path | None = None) -> VisitPolicy:
    path = path or resource_path("coverage", "policy.toml")
    visit = read_toml(path).get("visit")
    if not isinstance(visit, dict) or set(visit) - set(RULES):
        raise ContentError(path.name, "visit", f"须为 {'、'.join(RULES)} 的开关", f"must switch {', '.join(RULES)}")
    for rule, value in visit.items():
        if not isinstance(value, bool):
            raise ContentError(path.name, f"visit.{rule}", "须为 true 或 false", "must be true or false")
    return VisitPolicy(**visit)


@lru_cache(maxsize=1)
def shipped_policy() -> VisitPolicy:
    return load_policy()


@dataclass(frozen=True)
class Visit:
    enterprise_id: str
    inspection_id: str
    started_at: str
    inspector_ids: tuple[str, ...]
    missed: tuple[str, ...]  # the policy's rules this visit did not keep (empty: it counts)

    @property
    def counts(self) -> bool:
        return not self.missed


@dataclass
class TownshipCoverage:
    township_id: str
    name: str
    enterprise_ids: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)      # with the method kept
    not_visited: list[str] = field(default_factory=list)  # no visit, or none that kept the method

    @property
    def share(self) -> float:
        return len(self.visited) / len(self.enterprise_ids) if self.enterprise_ids else 0.0


class Coverage:
    def __init__(self, inspections: Inspections, policy: VisitPolicy | None = None) -> None:
        self.inspections = inspections
        self.store = inspections.store
        self.policy = policy or shipped_policy()

    def visits(self, start: date, end: date) -> dict[str, list[Visit]]:
        """Per enterprise, the visits started from `start` to `end` (inclusive), oldest first. Each rule is read for
        every visit of the period at once (8,000 visits in a city's month of campaign)."""
        conn = self.store.db.conn
        period = ("SELECT id FROM inspection WHERE deleted = 0 AND status != 'VOID' AND mode != ? "
                  "AND substr(started_at, 1, 10) BETWEEN ? AND ?")
        args = (RECHECK_MODE, start.isoformat(), end.isoformat())
        visits = conn.execute(f"SELECT id, status, started_at, enterprise_id, template_id FROM inspection "
                              f"WHERE id IN ({period}) ORDER BY started_at, id", args).fetchall()
        teams: dict[str, list[str]] = {}
        for inspection_id, inspector_id in conn.execute(
                f"SELECT inspection_id, inspector_id FROM inspection_inspector WHERE deleted = 0 "
                f"AND inspection_id IN ({period}) ORDER BY id", args):
            teams.setdefault(inspection_id, []).append(inspector_id)
        targets: dict[str, list[str]] = {}
        for inspection_id, enterprise_id in conn.execute(
                f"SELECT inspection_id, enterprise_id FROM inspection_target WHERE deleted = 0 "
                f"AND inspection_id IN ({period}) ORDER BY id", args):
            targets.setdefault(inspection_id, []).append(enterprise_id)
        questioned = set(conn.execute(
            f"SELECT DISTINCT inspection_id, enterprise_id FROM interview_answer WHERE rating IS NOT NULL "
            f"AND deleted = 0 AND inspection_id IN ({period})", args))
        tested = set(conn.execute(
            f"SELECT DISTINCT inspection_id, enterprise_id FROM quiz_attempt WHERE finished_at IS NOT NULL "
            f"AND deleted = 0 AND inspection_id IN ({period})", args))
        roles = {r["id"]: r for r in self.store.query(
            f"SELECT id, is_landlord, is_tenant, is_operator FROM enterprise WHERE id IN "
            f"(SELECT enterprise_id FROM inspection_target WHERE inspection_id IN ({period}))", args)}
        applicable: dict[tuple[str, tuple[int, int, int]], frozenset[str]] = {}

        def asked(template_id: str, enterprise_id: str) -> frozenset[str]:
            row = roles[enterprise_id]
            key = (template_id, (row["is_landlord"], row["is_tenant"], row["is_operator"]))
            if key not in applicable:
                checklist = self.inspections.templates.checklist(template_id)
                applicable[key] = frozenset(i.code for i in applicable_items_for(checklist, row))
            return applicable[key]

        # Every item a target was asked, answered: judged pair by pair as the rows come (a city's month is a
        # million verdicts; keeping them as sets would hold them all).
        template_of = {v[0]: v[4] for v in visits}
        complete = {(i, e) for i, e, codes in conn.execute(
            f"SELECT inspection_id, enterprise_id, group_concat(item_code, ' ') FROM item_result WHERE deleted = 0 "
            f"AND verdict IS NOT NULL AND inspection_id IN ({period}) GROUP BY inspection_id, enterprise_id", args)
            if e in roles and asked(template_of[i], e) <= set(codes.split(" "))}

        def unanswered(inspection_id: str, template_id: str, enterprise_id: str) -> bool:
            if enterprise_id not in roles or enterprise_id not in targets.get(inspection_id, ()):
                return False  # not a target of this visit: its checklist asks nothing of it
            return (inspection_id, enterprise_id) not in complete and bool(asked(template_id, enterprise_id))

        found: dict[str, list[Visit]] = {}
        for inspection_id, status, started_at, landlord, template_id in visits:
            team = tuple(teams.get(inspection_id, ()))
            for enterprise_id in dict.fromkeys([landlord, *targets.get(inspection_id, ())]):
                pair = (inspection_id, enterprise_id)
                missed = [rule for rule, broken in (
                    ("completed", status != "COMPLETED"),
                    ("every_item_answered", unanswered(inspection_id, template_id, enterprise_id)),
                    ("safety_officer_questioned", pair not in questioned),
                    ("principal_tested", pair not in tested),
                ) if broken and getattr(self.policy, rule)]
                found.setdefault(enterprise_id, []).append(
                    Visit(enterprise_id, inspection_id, started_at, team, tuple(missed)))
        return found

    def by_township(self, start: date, end: date, township_ids: Iterable[str] | None = None) -> list[TownshipCoverage]:
        """Each township's live enterprises (merged records left out), visited or not in the period."""
        visits = self.visits(start, end)
        wanted = None if township_ids is None else set(township_ids)
        result: dict[str, TownshipCoverage] = {}
        for town_id, town, enterprise_id in self.store.db.conn.execute(
            "SELECT o.id, o.name, e.id FROM enterprise e JOIN org_unit o ON o.id = e.township_id "
            "WHERE e.deleted = 0 AND e.merged_into IS NULL ORDER BY o.name, e.name"
        ):
            if wanted is not None and town_id not in wanted:
                continue
            entry = result.setdefault(town_id, TownshipCoverage(town_id, town))
            entry.enterprise_ids.append(enterprise_id)
            kept = any(v.counts for v in visits.get(enterprise_id, []))
            (entry.visited if kept else entry.not_visited).append(enterprise_id)
        return list(result.values())


__all__ = ["Coverage", "TownshipCoverage", "Visit", "VisitPolicy", "load_policy", "shipped_policy"]
