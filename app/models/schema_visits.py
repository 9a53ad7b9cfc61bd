"""Schema 16: what each visit did for each enterprise it covered, kept as rows change, for 所有企业必到 and the risk
grade (app/models/coverage.py, app/models/risk.py).

A campaign's coverage judged a city's four months of visits afresh at every opening (8,000 visits, a million
verdicts: 1.2 s) and read every enterprise's last visit again for its grade. The judgement needs the checklist (which
items a template asks of an enterprise's roles), which is content, not SQL; so triggers only mark a visit stale when
a row it is judged by changes, for every writer alike (services, merges, restores of single rows), and `refresh()`
(app/models/visit_facts.py) judges the stale visits again before anything reads the facts.

`visit_fact` holds one row per live visit (not VOID, not a re-inspection) and enterprise covered: its landlord and
each target. Whether the visit counts is the policy's reading of the facts (app/models/coverage.py), so a change of
policy needs no new judgement. Neither table is synced: every installation derives them from its own rows.
The SQL below is this version's and stays as it is; a later change is a later migration.
"""

from __future__ import annotations

FACTS = ("completed", "every_item_answered", "safety_officer_questioned", "principal_tested", "clean")
# A visit that missed one of the method's rules, whatever the policy asks: the few a campaign lists as not counted.
# A query must repeat this expression for SQLite to use the partial index on it.
SOME_RULE_MISSED = " OR ".join(f"{rule} = 0" for rule in FACTS[:4])

# (table, the column naming its visit, the columns whose change can change a judgement)
_SOURCES = (
    ("inspection", "id", "id, enterprise_id, template_id, mode, status, started_at, deleted"),
    ("inspection_inspector", "inspection_id", "inspection_id, inspector_id, deleted"),
    ("inspection_target", "inspection_id", "inspection_id, enterprise_id, deleted"),
    ("item_result", "inspection_id", "inspection_id, enterprise_id, item_code, verdict, deleted"),
    ("interview_answer", "inspection_id", "inspection_id, enterprise_id, rating, deleted"),
    ("quiz_attempt", "inspection_id", "inspection_id, enterprise_id, finished_at, deleted"),
)


def _mark(table: str, column: str, columns: str) -> str:
    def stale(r: str) -> str:
        return _unless_stale(f"SELECT {r}.{column} AS id")

    return f"""
CREATE TRIGGER visit_{table}_ins AFTER INSERT ON {table} BEGIN {stale("NEW")} END;
CREATE TRIGGER visit_{table}_del AFTER DELETE ON {table} BEGIN {stale("OLD")} END;
CREATE TRIGGER visit_{table}_upd AFTER UPDATE OF {columns} ON {table} WHEN {_changed(columns)} BEGIN
    {stale("OLD")} {stale("NEW")}
END;
"""


def _changed(columns: str) -> str:
    """A merge's upsert sets every column: only a change of one of `columns` marks anything."""
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns.split(", "))


def _of_enterprise(r: str) -> str:
    """Mark the visits of enterprise `r` (as landlord or target): its roles decide what the checklist asks of it."""
    return _unless_stale(f"SELECT id FROM inspection WHERE enterprise_id = {r}.id "
                         f"UNION SELECT inspection_id FROM inspection_target WHERE enterprise_id = {r}.id")


def _unless_stale(visits: str) -> str:
    # Not INSERT OR IGNORE: inside a trigger, the conflict rule of the statement that fired it (a merge's upsert:
    # ABORT) would replace the IGNORE.
    return (f"INSERT INTO visit_stale (inspection_id) SELECT v.id FROM ({visits}) v "
            "WHERE NOT EXISTS (SELECT 1 FROM visit_stale s WHERE s.inspection_id = v.id);")


V16 = f"""
CREATE TABLE visit_fact (
    inspection_id TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    day TEXT NOT NULL,
    {", ".join(f"{f} INTEGER NOT NULL" for f in FACTS)},
    inspector_ids TEXT NOT NULL,  -- JSON list, in the team's order
    inspectors TEXT NOT NULL,     -- their names, "、"-separated
    PRIMARY KEY (inspection_id, enterprise_id)
) STRICT, WITHOUT ROWID;
-- what a period's coverage reads, without the rows; and the groups it counts them in
CREATE INDEX visit_fact_day ON visit_fact (day, enterprise_id, {", ".join(FACTS[:4])});
CREATE INDEX enterprise_coverage ON enterprise (township_id, park_id, deleted, merged_into);
-- and the risk grade's open and overdue hazards of the enterprises not reached, without the rows
DROP INDEX hazard_stats;
CREATE INDEX hazard_stats ON hazard
    (enterprise_id, deleted, status, grade, created_at, closed_on, overdue_since, deadline);
CREATE INDEX visit_fact_last ON visit_fact (enterprise_id, completed, started_at, clean);
CREATE INDEX visit_fact_missed ON visit_fact (day) WHERE {SOME_RULE_MISSED};
CREATE TABLE visit_stale (inspection_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
{"".join(_mark(*source) for source in _SOURCES)}
CREATE TRIGGER visit_enterprise_ins AFTER INSERT ON enterprise BEGIN {_of_enterprise("NEW")} END;
CREATE TRIGGER visit_enterprise_del AFTER DELETE ON enterprise BEGIN {_of_enterprise("OLD")} END;
CREATE TRIGGER visit_enterprise_upd AFTER UPDATE OF id, is_landlord, is_tenant, is_operator ON enterprise
    WHEN {_changed("id, is_landlord, is_tenant, is_operator")} BEGIN
    {_of_enterprise("OLD")} {_of_enterprise("NEW")}
END;
CREATE TRIGGER visit_inspector_upd AFTER UPDATE OF id, name ON inspector WHEN {_changed("id, name")} BEGIN
    {_unless_stale("SELECT inspection_id AS id FROM inspection_inspector WHERE inspector_id IN (OLD.id, NEW.id)")}
END;
INSERT INTO visit_stale (inspection_id) SELECT id FROM inspection;
"""
