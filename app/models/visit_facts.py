"""Each visit's facts kept in visit_fact (schema 16, app/models/schema_visits.py): the stale visits judged again by
the rules of 所有企业必到 before anything reads them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from app.models.inspections import RECHECK_MODE, applicable_items_for
from app.models.schema_visits import FACTS
from app.models.store import Store

if TYPE_CHECKING:
    from app.models.templates import Templates

_IN = "IN (SELECT value FROM json_each(?))"
_BATCH = 4000  # visits judged per round: a city's year is 42,000
# a visit_fact row: the visit and enterprise, started_at and its day, the facts, the team's ids and names
_ROW = ", ".join("?" * (4 + len(FACTS) + 2))


def refresh(store: Store, templates: Templates) -> int:
    """Judge the stale visits again; the number judged. Nothing stale costs one read, no transaction."""
    conn = store.db.conn
    if conn.execute("SELECT 1 FROM visit_stale LIMIT 1").fetchone() is None:
        return 0
    with store.transaction():
        stale = [r[0] for r in conn.execute("SELECT inspection_id FROM visit_stale")]
        for start in range(0, len(stale), _BATCH):
            ids = json.dumps(stale[start:start + _BATCH])
            conn.execute(f"DELETE FROM visit_fact WHERE inspection_id {_IN}", (ids,))
            conn.executemany(f"INSERT INTO visit_fact VALUES ({_ROW})", judge(conn, templates, ids))
        conn.execute("DELETE FROM visit_stale")
    return len(stale)


def judge(conn: Any, templates: Templates, ids_json: str) -> Iterator[tuple[Any, ...]]:
    """The visit_fact rows of the visits `ids_json` names (a JSON list), each rule read for all of them at once."""
    visits = conn.execute(
        f"SELECT id, status, started_at, enterprise_id, template_id FROM inspection WHERE id {_IN} "
        "AND deleted = 0 AND status != 'VOID' AND mode != ?", (ids_json, RECHECK_MODE)).fetchall()
    names = dict(conn.execute("SELECT id, name FROM inspector"))

    def pairs(sql: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for inspection_id, value in conn.execute(sql.format(IN=_IN), (ids_json,)):
            found.setdefault(inspection_id, []).append(value)
        return found

    teams = pairs("SELECT inspection_id, inspector_id FROM inspection_inspector WHERE deleted = 0 "
                  "AND inspection_id {IN} ORDER BY id")
    targets = pairs("SELECT inspection_id, enterprise_id FROM inspection_target WHERE deleted = 0 "
                    "AND inspection_id {IN} ORDER BY id")
    questioned = set(conn.execute(
        f"SELECT DISTINCT inspection_id, enterprise_id FROM interview_answer WHERE rating IS NOT NULL "
        f"AND deleted = 0 AND inspection_id {_IN}", (ids_json,)))
    tested = set(conn.execute(
        f"SELECT DISTINCT inspection_id, enterprise_id FROM quiz_attempt WHERE finished_at IS NOT NULL "
        f"AND deleted = 0 AND inspection_id {_IN}", (ids_json,)))
    unclean = set(conn.execute(
        f"SELECT DISTINCT inspection_id, enterprise_id FROM item_result WHERE inspection_id {_IN} "
        "AND deleted = 0 AND (verdict IS NULL OR verdict = 'NONCOMPLIANT')", (ids_json,)))
    roles = {r[0]: {"is_landlord": r[1], "is_tenant": r[2], "is_operator": r[3]} for r in conn.execute(
        f"SELECT id, is_landlord, is_tenant, is_operator FROM enterprise WHERE id IN "
        f"(SELECT enterprise_id FROM inspection_target WHERE inspection_id {_IN})", (ids_json,))}
    applicable: dict[tuple[str, tuple[int, int, int]], frozenset[str]] = {}

    def asked(template_id: str, enterprise_id: str) -> frozenset[str]:
        row = roles[enterprise_id]
        key = (template_id, (row["is_landlord"], row["is_tenant"], row["is_operator"]))
        if key not in applicable:
            applicable[key] = frozenset(i.code for i in applicable_items_for(templates.checklist(template_id), row))
        return applicable[key]

    # Every item a target was asked, answered: judged pair by pair as the rows come (a city's month is a million
    # verdicts; keeping them as sets would hold them all).
    template_of = {v[0]: v[4] for v in visits}
    complete = {(i, e) for i, e, codes in conn.execute(
        f"SELECT inspection_id, enterprise_id, group_concat(item_code, ' ') FROM item_result WHERE deleted = 0 "
        f"AND verdict IS NOT NULL AND inspection_id {_IN} GROUP BY inspection_id, enterprise_id", (ids_json,))
        if i in template_of and e in roles and asked(template_of[i], e) <= set(codes.split(" "))}

    def answered(inspection_id: str, template_id: str, enterprise_id: str) -> bool:
        if enterprise_id not in roles or enterprise_id not in targets.get(inspection_id, ()):
            return True  # not a target of this visit: its checklist asks nothing of it
        return (inspection_id, enterprise_id) in complete or not asked(template_id, enterprise_id)

    for inspection_id, status, started_at, landlord, template_id in visits:
        team = teams.get(inspection_id, [])
        team_ids, team_names = json.dumps(team), "、".join(names.get(i, i) for i in team)
        for enterprise_id in dict.fromkeys([landlord, *targets.get(inspection_id, ())]):
            pair = (inspection_id, enterprise_id)
            yield (inspection_id, enterprise_id, started_at, started_at[:10], status == "COMPLETED",
                   answered(inspection_id, template_id, enterprise_id), pair in questioned, pair in tested,
                   pair not in unclean, team_ids, team_names)


def drift(store: Store, templates: Templates) -> list[str]:
    """Where the kept facts differ from every visit judged afresh (empty when they agree), once refreshed: for the
    integrity check and the tests."""
    refresh(store, templates)
    conn = store.db.conn
    every = json.dumps([r[0] for r in conn.execute("SELECT id FROM inspection")])
    fresh = {row[:2]: tuple(int(v) if isinstance(v, bool) else v for v in row) for row in judge(conn, templates, every)}
    kept = {row[:2]: tuple(row) for row in conn.execute("SELECT * FROM visit_fact")}
    return [f"visit_fact {key}: kept {kept.get(key)}, judged {fresh.get(key)}"
            for key in sorted(set(fresh) | set(kept)) if fresh.get(key) != kept.get(key)]


__all__ = ["drift", "judge", "refresh"]
