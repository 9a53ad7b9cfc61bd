"""所有企业必到: which enterprises of a township were visited in a period with the method kept, which were not, and
who visited whom. The rule for "kept" is data (resources/coverage/policy.toml)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import ContentError
from app.models.datafile import read_toml
from app.models.inspections import Inspections
from app.models.visit_facts import refresh
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
        self._missed: dict[tuple[int, ...], tuple[str, ...]] = {}  # 16 ways to miss; 20,000 visits ask

    def refresh(self) -> None:
        """Judge again the visits whose rows changed since they were last judged (app/models/visit_facts.py)."""
        refresh(self.store, self.inspections.templates)

    def counts_sql(self, alias: str = "f") -> str:
        """SQL that holds for a visit_fact row `alias` whose visit kept the method, as the policy asks."""
        return " AND ".join(f"{alias}.{rule} = 1" for rule in RULES if getattr(self.policy, rule)) or "1"

    def visits(self, start: date, end: date) -> dict[str, list[Visit]]:
        """Per enterprise, the visits started from `start` to `end` (inclusive), oldest first."""
        self.refresh()
        found: dict[str, list[Visit]] = {}
        for row in self.store.db.conn.execute(
            f"SELECT enterprise_id, inspection_id, started_at, inspector_ids, {', '.join(RULES)} FROM visit_fact "
            "WHERE day BETWEEN ? AND ? ORDER BY started_at, inspection_id", (start.isoformat(), end.isoformat())
        ):
            found.setdefault(row[0], []).append(self.visit(row))
        return found

    def visit(self, row: Sequence[Any]) -> Visit:
        """The visit of a visit_fact row read as (enterprise_id, inspection_id, started_at, inspector_ids, *RULES)."""
        return Visit(row[0], row[1], row[2], tuple(json.loads(row[3])), self.missed(row[4:8]))

    def missed(self, kept: Sequence[int]) -> tuple[str, ...]:
        """The policy's rules a visit did not keep, from its facts in the order of RULES."""
        key = tuple(kept)
        found = self._missed.get(key)
        if found is None:
            found = self._missed[key] = tuple(rule for rule, held in zip(RULES, key, strict=True)
                                              if not held and getattr(self.policy, rule))
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
