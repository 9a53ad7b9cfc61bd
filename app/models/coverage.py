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
from app.models.inspections import RECHECK_MODE, Inspections
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
        """Per enterprise, the visits started from `start` to `end` (inclusive), oldest first."""
        conn = self.store.db.conn
        found: dict[str, list[Visit]] = {}
        for inspection_id, status, started_at, landlord in conn.execute(
            "SELECT id, status, started_at, enterprise_id FROM inspection WHERE deleted = 0 AND status != 'VOID' "
            "AND mode != ? AND substr(started_at, 1, 10) BETWEEN ? AND ? ORDER BY started_at, id",
            (RECHECK_MODE, start.isoformat(), end.isoformat()),
        ):
            team = tuple(self.inspections.inspector_ids(inspection_id))
            missing = {e for e, _ in self.inspections.missing_items(inspection_id)}
            for enterprise_id in dict.fromkeys([landlord, *self.inspections.target_ids(inspection_id)]):
                missed = [rule for rule, broken in (
                    ("completed", status != "COMPLETED"),
                    ("every_item_answered", enterprise_id in missing),
                    ("safety_officer_questioned", not self._questioned(inspection_id, enterprise_id)),
                    ("principal_tested", not self._tested(inspection_id, enterprise_id)),
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

    def _questioned(self, inspection_id: str, enterprise_id: str) -> bool:
        return self.store.db.conn.execute(
            "SELECT 1 FROM interview_answer WHERE inspection_id = ? AND enterprise_id = ? AND rating IS NOT NULL "
            "AND deleted = 0 LIMIT 1", (inspection_id, enterprise_id),
        ).fetchone() is not None

    def _tested(self, inspection_id: str, enterprise_id: str) -> bool:
        return self.store.db.conn.execute(
            "SELECT 1 FROM quiz_attempt WHERE inspection_id = ? AND enterprise_id = ? AND finished_at IS NOT NULL "
            "AND deleted = 0 LIMIT 1", (inspection_id, enterprise_id),
        ).fetchone() is not None


__all__ = ["Coverage", "TownshipCoverage", "Visit", "VisitPolicy", "load_policy", "shipped_policy"]
