"""The hazard board's queries: which hazards match a filter (ids only, so a view over 200,000 of them loads rows as
it scrolls), the rows for the ids shown, and the counts by status.

Overdue and "due within N days" are computed from the deadline against the day given (domain brief §5.3: OVERDUE is
derived, never stored as the status).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from app.models.hazard_flow import Lifecycle, shipped_lifecycle
from app.models.store import Store


@dataclass(frozen=True)
class HazardFilter:
    """What the board shows; None (or empty) is "any"."""

    township_id: str | None = None
    park_id: str | None = None
    enterprise_id: str | None = None
    grade: str | None = None
    statuses: tuple[str, ...] = ()
    source: str | None = None
    overdue: bool = False
    due_within_days: int | None = None  # due from today to today + N (inclusive), not yet overdue
    officer_id: str | None = None  # an inspector of the inspection that found it
    include_closed: bool = False


@dataclass(frozen=True)
class HazardRow:
    id: str
    enterprise_id: str
    enterprise: str
    township: str | None
    grade: str
    status: str
    source: str
    deadline: str | None
    description: str
    item_code: str | None
    recheck_count: int
    overdue: bool


def _tables(f: HazardFilter) -> str:
    """The enterprise is joined only for a filter on its township or park: without it the board reads an index
    alone (every hazard's enterprise is there: a merge holds back rows whose parents have not arrived)."""
    return "hazard h JOIN enterprise e ON e.id = h.enterprise_id" if f.township_id or f.park_id else "hazard h"


class HazardBoard:
    def __init__(self, store: Store, lifecycle: Lifecycle | None = None) -> None:
        self.store = store
        self.lifecycle = lifecycle or shipped_lifecycle()

    def _where(self, f: HazardFilter, today: date) -> tuple[str, list[Any]]:
        clauses, params = ["h.deleted = 0", "h.status != 'VOID'"], []
        if not f.include_closed and not f.statuses:
            clauses.append("h.status != 'CLOSED'")
        if f.statuses:
            clauses.append(f"h.status IN ({', '.join('?' * len(f.statuses))})")
            params += list(f.statuses)
        for column, value in (("e.township_id", f.township_id), ("e.park_id", f.park_id),
                              ("h.enterprise_id", f.enterprise_id), ("h.grade", f.grade), ("h.source", f.source)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if f.overdue:
            overdue, overdue_params = self.lifecycle.overdue_sql(today)
            clauses.append(overdue)
            params += overdue_params
        if f.due_within_days is not None:
            to_fix, to_fix_params = self.lifecycle.still_to_fix_sql()
            clauses.append(f"h.deadline BETWEEN ? AND ? AND {to_fix}")
            params += [today.isoformat(), (today + timedelta(days=f.due_within_days)).isoformat(), *to_fix_params]
        if f.officer_id:
            clauses.append("h.inspection_id IN (SELECT inspection_id FROM inspection_inspector "
                           "WHERE inspector_id = ? AND deleted = 0)")
            params.append(f.officer_id)
        return " AND ".join(clauses), params

    def ids(self, f: HazardFilter, today: date, limit: int = 1_000_000) -> list[str]:
        """Matching hazards: major first, then by deadline (none last) — the order of the index hazard_board, so
        the whole board is one pass over an index."""
        where, params = self._where(f, today)
        rows = self.store.db.conn.execute(
            f"""SELECT h.id FROM {_tables(f)} WHERE {where}
                ORDER BY h.grade = 'MAJOR' DESC, coalesce(h.deadline, '9999'), h.id LIMIT ?""",
            (*params, limit),
        )
        return [r[0] for r in rows]

    def counts(self, f: HazardFilter, today: date) -> dict[str, int]:
        """Matching hazards per status (with the filter's own status choice left out, so the chips stay useful)."""
        where, params = self._where(replace(f, statuses=(), include_closed=True), today)
        rows = self.store.db.conn.execute(f"SELECT h.status, count(*) FROM {_tables(f)} WHERE {where} "
                                          "GROUP BY h.status", params)
        return {str(s): int(n) for s, n in rows}

    def rows(self, ids: Sequence[str], today: date) -> list[HazardRow]:
        """The rows of `ids`, in that order (the view asks for the ones it is about to paint)."""
        if not ids:
            return []
        found: dict[str, HazardRow] = {}
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk:chunk + 500])
            for r in self.store.db.conn.execute(
                f"""SELECT h.id, h.enterprise_id, e.name, o.name, h.grade, h.status, h.source, h.deadline,
                           h.description, h.item_code, h.recheck_count
                    FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
                    LEFT JOIN org_unit o ON o.id = e.township_id
                    WHERE h.id IN ({', '.join('?' * len(part))})""", part,
            ):
                found[r[0]] = HazardRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], int(r[10] or 0),
                                        self.lifecycle.is_overdue(r[5], r[7], today))
        return [found[i] for i in ids if i in found]


__all__ = ["HazardBoard", "HazardFilter", "HazardRow"]
